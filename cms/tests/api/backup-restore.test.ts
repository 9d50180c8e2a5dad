// Issue 12, backup and restore (`npm run backup`, `npm run restore`, scripts/backup.ts): a
// backup taken while the CMS writes restores to a consistent state; a restored platform
// answers the delivery API byte for byte as the original did and serves the same image bytes;
// restore refuses a mismatched schema, a database with content, a running CMS and damaged
// archives, each with its message, and leaves the target as it was. Its own CMSs: SQLite in
// their own data folders, or, when DATABASE_URL is set (the PostgreSQL pass), databases of
// their own on that server (createPostgresDatabase), so the shared test database is untouched.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresDatabase, freePort, startCms, type RunningCms, type TestDatabase } from '@baobab/testkit';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import * as tar from 'tar';

const repoDir = path.resolve(__dirname, '../../..');
const demoSlugs = fs.readdirSync(path.join(repoDir, 'cms/content/demo/articles')).sort();
const pgServer = process.env.DATABASE_URL;
const isPostgres = pgServer !== undefined && pgServer !== '';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-backup-test-'));
const databases: TestDatabase[] = [];
const cmses: RunningCms[] = [];

interface Target {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
}

/** A fresh place to restore into: an empty data folder and, on PostgreSQL, an empty database of its own. */
async function newTarget(name: string): Promise<Target> {
  const dataDir = path.join(work, name);
  fs.mkdirSync(dataDir);
  if (!isPostgres) return { dataDir, databaseUrl: undefined };
  const database = await createPostgresDatabase(pgServer, 'baobab_restore');
  databases.push(database);
  return { dataDir, databaseUrl: database.url };
}

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `scripts/backup.ts <command>` as npm would, with the CMS settings of `target`. */
function cli(command: 'backup' | 'restore', args: readonly string[], target: Target, port: number): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), BAOBAB_DATA_DIR: target.dataDir };
  delete env.DATABASE_URL;
  if (target.databaseUrl !== undefined) env.DATABASE_URL = target.databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoDir, 'scripts/backup.ts'), command, ...args], { cwd: repoDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function start(target: Target, publicUrl?: string): Promise<RunningCms> {
  const cms = await startCms({ dataDir: target.dataDir, env: { DATABASE_URL: target.databaseUrl, ...(publicUrl === undefined ? {} : { PUBLIC_URL: publicUrl }) } });
  cmses.push(cms);
  return cms;
}

async function stop(cms: RunningCms): Promise<void> {
  await cms.stop();
  cmses.splice(cmses.indexOf(cms), 1);
}

const ARTICLE_QUERY = `query($host: String!, $slug: String!, $locale: String) { site(host: $host) { code article(slug: $slug, locale: $locale) {
  id documentId slug title lead body locale requestedLocale isFallback availableLocales tags publishedAt updatedAt
  section { slug title } image { url(width: 320) alt width height } sms: channelText(channel: "sms") ussd: channelText(channel: "ussd") } } }`;

async function postGraphql(cms: RunningCms, body: unknown): Promise<string> {
  const response = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`delivery answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

/** Every demo article in every locale of every site, as the delivery API's exact bytes, keyed by host, locale and slug. */
async function deliveryAnswers(cms: RunningCms): Promise<Map<string, string>> {
  const sites = JSON.parse(await postGraphql(cms, { query: '{ sites { hostnames locales { code } } }' })) as { data: { sites: Array<{ hostnames: string[]; locales: Array<{ code: string }> }> } };
  const answers = new Map<string, string>();
  for (const site of sites.data.sites) {
    const host = site.hostnames[0] ?? '';
    for (const { code: locale } of site.locales) {
      for (const slug of demoSlugs) answers.set(`${host} ${locale} ${slug}`, await postGraphql(cms, { query: ARTICLE_QUERY, variables: { host, slug, locale } }));
    }
  }
  return answers;
}

async function rest(cms: RunningCms, method: 'GET' | 'PUT', route: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${cms.url}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : JSON.parse(text) };
}

interface ArticleRow {
  readonly documentId: string;
  readonly title: string;
  readonly lead: string | null;
}

async function englishArticles(cms: RunningCms, status: 'published' | 'draft'): Promise<ArticleRow[]> {
  const answer = await rest(cms, 'GET', `/articles?locale=en&status=${status}&pagination[pageSize]=100&fields[0]=title&fields[1]=lead&sort=documentId`);
  expect(answer.status).toBe(200);
  return (answer.json as { data: ArticleRow[] }).data.map(({ documentId, title, lead }) => ({ documentId, title, lead }));
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A data folder as a list of files with their hashes (a restore that was refused changes none). */
function folderState(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .sort()
    .map((name) => {
      const full = path.join(dir, name);
      return fs.statSync(full).isFile() ? `${name} ${sha256(full)}` : `${name}/`;
    });
}

/**
 * A target's data: every table with a hash of its rows, and the data folder's other files.
 * Read logically, not as file bytes: any open of a SQLite file (the restore's check included)
 * may fold a write-ahead log a stopped CMS left into the file, changing its bytes, not its data.
 */
async function databaseState(target: Target): Promise<string> {
  if (target.databaseUrl === undefined) {
    const files = folderState(target.dataDir).filter((line) => !line.startsWith('cms.db'));
    const file = path.join(target.dataDir, 'cms.db');
    if (!fs.existsSync(file)) return files.join('\n');
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
      const rows = tables.map((name) => `${name} ${crypto.createHash('sha256').update(JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all())).digest('hex')}`);
      return [...rows, ...files].join('\n');
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    const counts: string[] = [];
    for (const { name } of tables.rows) counts.push(`${name} ${(await client.query<{ n: string }>(`SELECT count(*) AS n FROM public."${name}"`)).rows[0]?.n}`);
    return `${counts.join('\n')}\n${folderState(target.dataDir).join('\n')}`;
  } finally {
    await client.end();
  }
}

/** A copy of an archive with its manifest (and maybe a file) changed, packed as the CLI packs: manifest first. */
async function editedArchive(source: string, name: string, edit: (manifest: Record<string, unknown>, dir: string) => readonly string[] | void): Promise<string> {
  const dir = path.join(work, `${name}-unpacked`);
  fs.mkdirSync(dir);
  await tar.x({ file: source, cwd: dir });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  // Extra entries are packed after the listed files, unlisted.
  const extra = edit(manifest, dir) ?? [];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const files = [...(manifest.files as Array<{ path: string }>).map((file) => file.path), ...extra];
  const out = path.join(work, `${name}.tar.gz`);
  await tar.c({ file: out, cwd: dir, gzip: true, portable: true, noDirRecurse: true }, ['manifest.json', ...files]);
  return out;
}

let source: RunningCms;
let sourceTarget: Target;
let quietArchive: string;
let quietAnswers: Map<string, string>;
let burstArchive: string;
/** Per article, every title/lead value the burst sent. */
const sent = new Map<string, Set<number>>();
let before: ArticleRow[];
let idlePort: number;

beforeAll(async () => {
  idlePort = await freePort();
  sourceTarget = isPostgres ? await newTarget('source') : { dataDir: path.join(work, 'source'), databaseUrl: undefined };
  source = await start(sourceTarget);
}, 300_000);

afterAll(async () => {
  for (const cms of [...cmses]) await cms.stop();
  for (const database of databases) await database.drop().catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

it('takes a backup while the CMS serves: one archive with the manifest first, the database dump and every upload, checksummed', async () => {
  quietAnswers = await deliveryAnswers(source);
  expect(quietAnswers.size).toBeGreaterThan(200);
  quietArchive = path.join(work, 'quiet.tar.gz');
  const started = Date.now();
  const result = await cli('backup', ['--out', quietArchive], sourceTarget, idlePort);
  const ms = Date.now() - started;
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^backup: wrote .*quiet\.tar\.gz \(\d+\.\d MB\) in \d+\.\d s/);
  console.log(`backup-restore: ${result.stdout.trim()} (${ms} ms with the CLI's start, ${fs.statSync(quietArchive).size} bytes)`);

  const entries: string[] = [];
  await tar.t({ file: quietArchive, onReadEntry: (entry) => void entries.push(entry.path) });
  expect(entries[0]).toBe('manifest.json');
  expect(entries[1]).toBe(isPostgres ? 'database/dump.sql' : 'database/cms.db');
  expect(entries.filter((entry) => entry.startsWith('uploads/')).length).toBeGreaterThan(10);
  const unpacked = path.join(work, 'quiet-unpacked');
  fs.mkdirSync(unpacked);
  await tar.x({ file: quietArchive, cwd: unpacked });
  const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'));
  expect(manifest).toMatchObject({ format: 'baobab-backup', version: 1, database: { client: isPostgres ? 'postgres' : 'sqlite' }, uploads: { provider: 'local' } });
  expect(manifest.schemaVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(manifest.strapiVersion).toMatch(/^5\./);
  expect(manifest.counts.articles).toBeGreaterThan(30);
  expect(manifest.counts.sites).toBeGreaterThanOrEqual(4);
  // Every file but the manifest is listed with its true hash.
  expect(manifest.files.map((file: { path: string }) => file.path)).toEqual(entries.slice(1));
  for (const file of manifest.files as Array<{ path: string; sha256: string; size: number }>) {
    expect(sha256(path.join(unpacked, file.path))).toBe(file.sha256);
  }
}, 120_000);

it('backs up during a write burst, and the restored platform holds every article before or after its last write, none half-written', async () => {
  before = await englishArticles(source, 'published');
  expect(before.length).toBeGreaterThanOrEqual(20);
  let counter = 0;
  let isRunning = true;
  const writes: Array<{ start: number; end: number }> = [];
  const failures: string[] = [];
  const worker = async (offset: number) => {
    for (let turn = offset; isRunning; turn += 8) {
      const article = before[turn % before.length];
      if (!article) continue;
      counter += 1;
      const n = counter;
      const values = sent.get(article.documentId) ?? new Set<number>();
      values.add(n);
      sent.set(article.documentId, values);
      const start = Date.now();
      // Title and lead carry the same counter in one write: a restore shows both or neither.
      const answer = await rest(source, 'PUT', `/articles/${article.documentId}?locale=en&status=published`, { data: { title: `Burst ${n}`, lead: `Burst ${n}` } });
      if (answer.status !== 200) failures.push(`${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
      writes.push({ start, end: Date.now() });
    }
  };
  const workers = Array.from({ length: 8 }, (_, index) => worker(index));
  while (writes.length < 24) await new Promise((resolve) => setTimeout(resolve, 50));
  burstArchive = path.join(work, 'burst.tar.gz');
  const backupStart = Date.now();
  const result = await cli('backup', ['--out', burstArchive], sourceTarget, idlePort);
  const backupEnd = Date.now();
  while (writes.filter((write) => write.start > backupEnd).length < 8) await new Promise((resolve) => setTimeout(resolve, 50));
  isRunning = false;
  await Promise.all(workers);
  expect(failures).toEqual([]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const during = writes.filter((write) => write.end > backupStart && write.start < backupEnd).length;
  console.log(`backup-restore: ${writes.length} writes, ${during} of them while the backup ran (${backupEnd - backupStart} ms)`);
  // The CMS kept serving writes while the backup ran.
  expect(during).toBeGreaterThanOrEqual(5);

  const target = await newTarget('burst');
  const restored = await cli('restore', [burstArchive], target, idlePort);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  const cms = await start(target);
  try {
    const original = new Map(before.map((article) => [article.documentId, article]));
    let burstValues = 0;
    for (const status of ['published', 'draft'] as const) {
      const after = await englishArticles(cms, status);
      expect(after.map((article) => article.documentId).sort()).toEqual([...original.keys()].sort());
      for (const article of after) {
        const title = /^Burst (\d+)$/.exec(article.title);
        if (title === null) {
          // Not written before the snapshot: as it was.
          if (status === 'published') expect(article).toEqual(original.get(article.documentId));
          continue;
        }
        burstValues += 1;
        expect(article.lead).toBe(article.title);
        expect(sent.get(article.documentId)?.has(Number(title[1]))).toBe(true);
      }
    }
    // The snapshot saw writes (24 were done before it began).
    expect(burstValues).toBeGreaterThan(0);
  } finally {
    await stop(cms);
  }
}, 400_000);

let quietTarget: Target;

it('serves the same delivery answers, byte for byte, for every demo article and locale, and the same image bytes, after a restore', async () => {
  quietTarget = await newTarget('quiet');
  const restored = await cli('restore', [quietArchive], quietTarget, idlePort);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  expect(restored.stdout).toMatch(/^restore: restored .*quiet\.tar\.gz/);
  console.log(`backup-restore: ${restored.stdout.trim()}`);
  // The same platform at the same public address (image URLs carry it).
  const cms = await start(quietTarget, source.url);
  try {
    const answers = await deliveryAnswers(cms);
    expect([...answers.keys()]).toEqual([...quietAnswers.keys()]);
    const different = [...answers].filter(([key, text]) => quietAnswers.get(key) !== text).map(([key]) => key);
    expect(different).toEqual([]);
    const withImage = [...quietAnswers.values()].map((text) => /"url":"([^"]+\/uploads\/[^"]+)"/.exec(text)?.[1]).find((url) => url !== undefined);
    expect(withImage).toBeDefined();
    const imagePath = new URL(withImage ?? '').pathname;
    const originalBytes = Buffer.from(await (await fetch(`${source.url}${imagePath}`)).arrayBuffer());
    const restoredImage = await fetch(`${cms.url}${imagePath}`);
    expect(restoredImage.status).toBe(200);
    expect(originalBytes.length).toBeGreaterThan(1000);
    expect(Buffer.from(await restoredImage.arrayBuffer()).equals(originalBytes)).toBe(true);
  } finally {
    await stop(cms);
  }
}, 400_000);

describe('refusals: each with its message, the target left as it was', () => {
  let empty: Target;
  beforeAll(async () => {
    empty = await newTarget('empty');
  });

  const schemaOnly = () =>
    editedArchive(quietArchive, 'other-schema', (manifest) => {
      manifest.schemaVersion = `sha256:${'0'.repeat(64)}`;
    });

  const cases: Array<[string, () => Promise<string>, RegExp]> = [
    ['a mismatched schema version', schemaOnly, /^restore: RESTORE_SCHEMA_MISMATCH: the archive's content schema is sha256:000000000000… \(Baobab \S+, Strapi 5\.\S+, made \S+\), this code's is sha256:[0-9a-f]{12}… \(Strapi 5\.\S+\): restore it with the Baobab version that made it, then upgrade that platform to this version; nothing was changed\n$/],
    ['a manifest from a newer format', () => editedArchive(quietArchive, 'future', (manifest) => void (manifest.version = 2)), /^restore: RESTORE_FORMAT_TOO_NEW: the archive is baobab-backup version 2, this code reads version 1 and older: restore it with the newer Baobab that made it\n$/],
    ['an upload that does not match its checksum', () => editedArchive(quietArchive, 'tampered', (manifest, dir) => {
      const upload = (manifest.files as Array<{ path: string }>).find((file) => file.path.startsWith('uploads/'));
      const file = path.join(dir, upload?.path ?? '');
      const bytes = fs.readFileSync(file);
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
      fs.writeFileSync(file, bytes);
    }), /^restore: RESTORE_CHECKSUM: uploads\/\S+: sha256 [0-9a-f]{12}… \(\d+ bytes\), its manifest says [0-9a-f]{12}… \(\d+ bytes\): the archive is damaged or was edited; use an intact copy\n$/],
    ['a file the manifest does not list', () => editedArchive(quietArchive, 'extra', (_manifest, dir) => {
      fs.writeFileSync(path.join(dir, 'uploads', 'extra.txt'), 'not in the manifest');
      return ['uploads/extra.txt'];
    }), /^restore: RESTORE_BAD_ARCHIVE: the archive holds "uploads\/extra\.txt", which its manifest does not list: the archive was edited\n$/],
    ['a corrupted archive (its gzip check fails)', async () => {
      const bytes = fs.readFileSync(quietArchive);
      // The gzip trailer's CRC-32: every byte inflates, the check at the end fails.
      bytes[bytes.length - 8] = (bytes[bytes.length - 8] ?? 0) ^ 0xff;
      const out = path.join(work, 'corrupt.tar.gz');
      fs.writeFileSync(out, bytes);
      return out;
    }, /^restore: RESTORE_CORRUPT: \S+corrupt\.tar\.gz is damaged \(zlib: incorrect data check\): use an intact copy\n$/],
    ['a truncated archive', async () => {
      const out = path.join(work, 'truncated.tar.gz');
      fs.writeFileSync(out, fs.readFileSync(quietArchive).subarray(0, Math.floor(fs.statSync(quietArchive).size * 0.6)));
      return out;
    }, /^restore: RESTORE_TRUNCATED: \S+truncated\.tar\.gz is cut short \(zlib: unexpected end of file\): copy it again from where it was made\n$/],
    ['a file that is not gzip', async () => {
      const out = path.join(work, 'not-gzip.tar.gz');
      fs.writeFileSync(out, 'id,title\n1,hello\n');
      return out;
    }, /^restore: RESTORE_NOT_GZIP: \S+not-gzip\.tar\.gz is not a gzip file \(a backup is a \.tar\.gz made by npm run backup\)\n$/],
    ['a path that is not there', async () => path.join(work, 'missing.tar.gz'), /^restore: RESTORE_NO_ARCHIVE: there is no file \S+missing\.tar\.gz: give the path of a backup made by npm run backup\n$/],
  ];

  it.each(cases)('refuses %s into an empty target and writes nothing', async (_name, make, message) => {
    const archive = await make();
    const state = await databaseState(empty);
    const result = await cli('restore', [archive], empty, idlePort);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(await databaseState(empty)).toBe(state);
    expect(fs.readdirSync(empty.dataDir)).toEqual([]);
  }, 60_000);

  it('refuses a database that holds Baobab content, naming what it holds, and changes nothing', async () => {
    const state = await databaseState(quietTarget);
    const result = await cli('restore', [quietArchive], quietTarget, idlePort);
    expect(result.stderr).toMatch(/^restore: RESTORE_NOT_EMPTY: .+ holds Baobab content \(articles: \d+, .*sites: \d+.*\): restore into an empty database, or add --force to replace it \(.+\); nothing was changed\n$/);
    expect(result.code).toBe(1);
    expect(await databaseState(quietTarget)).toBe(state);
  }, 60_000);

  it('refuses while a CMS answers on its port, and (SQLite) while a process holds the database file', async () => {
    const port = Number(new URL(source.url).port);
    const byPort = await cli('restore', [quietArchive], sourceTarget, port);
    expect(byPort.stderr).toMatch(/^restore: RESTORE_CMS_RUNNING: something answers on 127\.0\.0\.1:\d+ \(the CMS's HOST and PORT\): stop the CMS, every replica, before restoring/);
    expect(byPort.code).toBe(1);
    if (!isPostgres) {
      const byLock = await cli('restore', [quietArchive], sourceTarget, idlePort);
      expect(byLock.stderr).toMatch(/^restore: RESTORE_CMS_RUNNING: \S+cms\.db is open in another process \(a CMS is running on it\): stop it before restoring\n$/);
    }
  }, 60_000);

  it('refuses bad flags with one line and its usage', async () => {
    const unknown = await cli('restore', ['--overwrite', quietArchive], empty, idlePort);
    expect(unknown.stderr).toMatch(/^restore: RESTORE_BAD_FLAG: .*'--overwrite'.* \(usage: npm run restore -- <archive\.tar\.gz> \[--force\]\)\n$/);
    const two = await cli('restore', [quietArchive, quietArchive], empty, idlePort);
    expect(two.stderr).toBe('restore: RESTORE_BAD_FLAG: give one archive, got 2 (usage: npm run restore -- <archive.tar.gz> [--force])\n');
    const out = await cli('backup', ['--out', path.join(work, 'x.zip')], sourceTarget, idlePort);
    expect(out.stderr).toMatch(/^backup: BACKUP_BAD_FLAG: --out "\S+x\.zip" must end in \.tar\.gz or \.tgz/);
    const exists = await cli('backup', ['--out', quietArchive], sourceTarget, idlePort);
    expect(exists.stderr).toMatch(/^backup: BACKUP_OUT_EXISTS: \S+quiet\.tar\.gz exists: a backup never overwrites a file/);
    for (const result of [unknown, two, out, exists]) expect(result.code).toBe(1);
    expect(fs.readdirSync(empty.dataDir)).toEqual([]);
  }, 60_000);

  it('replaces a database with content with --force, keeping the old SQLite file beside it', async () => {
    const result = await cli('restore', [burstArchive, '--force'], quietTarget, idlePort);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    if (!isPostgres) {
      expect(result.stdout).toMatch(/restore: the previous cms\.db is kept at \S+cms\.db\.replaced-/);
      expect(fs.readdirSync(quietTarget.dataDir).filter((name) => name.startsWith('cms.db.replaced-'))).toHaveLength(1);
    }
    expect(fs.readdirSync(path.join(quietTarget.dataDir, 'public')).filter((name) => name.startsWith('uploads.replaced-'))).toHaveLength(1);
  }, 60_000);
});
