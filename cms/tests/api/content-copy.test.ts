// `npm run content:copy` between two CMSs of this test's own, over real HTTP with their API
// tokens: the source has the demo content, the target starts without it (BAOBAB_SEED=false)
// but with a site and an article of its own. The CLI runs as an operator runs it (a child
// process, tokens in the environment). On the PostgreSQL run each CMS has its own database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { closedPort, ownDatabaseUrl, startCms, startTcpProxy, type RunningCms, type TestDatabase } from '@baobab/testkit';
import sharp from 'sharp';
import type { Json } from '../support/client';

const repoDir = path.resolve(__dirname, '../../..');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let source: RunningCms;
let target: RunningCms;
const databases: TestDatabase[] = [];

/** Runs the CLI against the two CMSs; `env` overrides the tokens. */
function copy(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/content-copy.ts', '--from', source.url, '--to', target.url, ...args],
      { cwd: repoDir, env: { ...process.env, BAOBAB_FROM_TOKEN: source.apiToken, BAOBAB_TO_TOKEN: target.apiToken, ...env }, timeout: 180_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function api(cms: RunningCms, method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${cms.url}/api${route}`, {
    method,
    headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: Json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function delivery(cms: RunningCms, query: string, variables: Record<string, unknown>): Promise<Json> {
  const response = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const json: Json = await response.json();
  if (json.errors) throw new Error(`GraphQL errors: ${JSON.stringify(json.errors)}`);
  return json.data;
}

// Everything a reader gets, except ids, dates and image URLs (each CMS names its files with its own hash).
const ARTICLE = `slug title lead body locale requestedLocale isFallback availableLocales tags section { slug title } image { alt width height }
  sms: channelText(channel: "sms") ussd: channelText(channel: "ussd") whatsapp: channelText(channel: "whatsapp")`;
const articleOn = (cms: RunningCms, host: string, slug: string, locale: string) =>
  delivery(cms, `query($host: String!, $slug: String!, $locale: String) { site(host: $host) { article(slug: $slug, locale: $locale) { ${ARTICLE} } } }`, { host, slug, locale }).then(
    (data) => data.site?.article ?? null,
  );
const siteOn = (cms: RunningCms, host: string, locale: string) =>
  delivery(
    cms,
    `query($host: String!, $locale: String) { site(host: $host) { code name defaultLocale locales { code }
      navigation(locale: $locale) { slug title description children { slug title } }
      pages(locale: $locale) { slug title body } banners(locale: $locale) { slug title text link image { alt width height } } } }`,
    { host, locale },
  ).then((data) => data.site);
const imageUrlOn = (cms: RunningCms, host: string, slug: string) =>
  delivery(cms, 'query($host: String!, $slug: String!) { site(host: $host) { article(slug: $slug) { image { url } } } }', { host, slug }).then((data) => String(data.site.article.image.url));
const bytesAt = async (cms: RunningCms, url: string) => Buffer.from(await (await fetch(new URL(url, cms.url))).arrayBuffer());

async function documentIdOf(cms: RunningCms, slug: string, locale: string): Promise<string> {
  const found = await api(cms, 'GET', `/articles?filters[slug][$eq]=${slug}&locale=${locale}&status=draft`);
  return found.data[0].documentId;
}

const gif = (background: { r: number; g: number; b: number }) => sharp({ create: { width: 40, height: 20, channels: 3, background } }).gif().toBuffer();

async function uploadGif(cms: RunningCms, name: string, bytes: Buffer, alt: string): Promise<Json> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(bytes)], { type: 'image/gif' }), name);
  form.append('fileInfo', JSON.stringify({ name, alternativeText: alt, caption: '' }));
  const response = await fetch(`${cms.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${cms.apiToken}` }, body: form });
  const [file] = (await response.json()) as Json[];
  return file;
}

/** Sets the picture of a demo article that exists in English only (the image is shared by its locales). */
const setImage = async (cms: RunningCms, slug: string, fileId: number) =>
  api(cms, 'PUT', `/articles/${await documentIdOf(cms, slug, 'en')}?locale=en&status=published`, { data: { image: fileId } });

/** What a write to the target would change: its files, and its latest article and site saves. */
async function targetFingerprint(): Promise<string> {
  const files = await api(target, 'GET', '/upload/files');
  const latest = async (type: string) => (await api(target, 'GET', `/${type}?status=draft&sort=updatedAt:desc&pagination[pageSize]=1&fields[0]=updatedAt&locale=all`)).data[0]?.updatedAt ?? null;
  return JSON.stringify({ files: files.length, articles: await latest('articles'), sections: await latest('sections'), sites: await latest('sites') });
}

beforeAll(async () => {
  source = await startCms({ env: { DATABASE_URL: await ownDatabaseUrl('copy_source', databases) } });
  target = await startCms({ env: { DATABASE_URL: await ownDatabaseUrl('copy_target', databases), BAOBAB_SEED: 'false' } });

  // The target's own content, which no copy may touch.
  await api(target, 'POST', '/sites?status=published', {
    data: { code: 'local-only', name: 'Local only', hostnames: ['local-only.localhost'], defaultLocale: 'en', locales: ['en'], theme: 'base', themeTokens: {}, plugins: [], variables: [], channels: {} },
  });
  await api(target, 'POST', '/articles?locale=en&status=published', {
    data: { slug: 'target-only', title: 'Only on the target', lead: 'Kept', body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Mine.' }] }], sites: ['local-only'], allSites: false },
  });

  // A GIF on one source article: Strapi stores GIFs as sent (it re-encodes JPEG, PNG and WebP), so its bytes must arrive unchanged.
  const file = await uploadGif(source, 'copy-test.gif', await gif({ r: 20, g: 120, b: 200 }), 'A blue band');
  await setImage(source, 'period-pain-relief', file.id);
}, 400_000);

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
  for (const database of databases) await database.drop();
});

it('stops at a refused token with one line naming the CMS, and exits 1', async () => {
  const run = await copy([], { BAOBAB_TO_TOKEN: 'not-a-token' });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^content:copy: --to: 401: the token was refused by ${target.url} `))]);
  const nobody = `http://127.0.0.1:${await closedPort()}`;
  const unreachable = await copy(['--to', nobody]);
  expect(unreachable.code).toBe(1);
  expect(unreachable.stderr).toMatch(new RegExp(`^content:copy: --to: cannot reach ${nobody} \\(.+\\): is the CMS running, and is the URL right\\?\n$`));
});

it('refuses the same CMS under another address (a proxy here), before reading anything', async () => {
  const proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(source.url).port) });
  try {
    const run = await copy(['--to', `http://127.0.0.1:${proxy.port}`], { BAOBAB_TO_TOKEN: source.apiToken });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/hold the same sites \(the same document ids\): they are one CMS/);
  } finally {
    await proxy.close();
  }
});

it('a dry run reports the sites and images it would bring and writes nothing', async () => {
  const before = await targetFingerprint();
  const run = await copy(['--dry-run']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Read \d+ rows from /);
  expect(run.stdout).toContain('  kijana-ke: would be created from the source (hostnames kijana-ke.localhost)');
  expect(run.stdout).toContain('  copy-test.gif: would upload');
  expect(run.stdout).toMatch(/Dry run: nothing was written\.\n$/);
  expect(await targetFingerprint()).toBe(before);
});

it('copies every site, image and row: the target then answers as the source does', async () => {
  const run = await copy([]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/\nCopied: created \d+, updated \d+, \d+ unchanged\n$/);

  const exported: Json = await (await fetch(`${source.url}/api/baobab/content/export?format=json`, { headers: { authorization: `Bearer ${source.apiToken}` } })).json();
  const sites: Json[] = (await delivery(source, '{ sites { code hostnames locales { code } } }', {})).sites;
  expect(sites.map((site) => site.code).sort()).toEqual(['amal-eg', 'kijana-ke', 'mama-ng', 'thrive-za']);
  // Every article in every locale of every site, fallbacks included (the rows are in en, sw…; sites serve en-KE, sw-KE…).
  const slugs = [...new Set<string>(exported.rows.filter((row: Json) => row.type === 'article').map((row: Json) => row.slug))];
  let compared = 0;
  for (const site of sites) {
    const host = site.hostnames[0];
    for (const { code: locale } of site.locales) {
      expect(await siteOn(target, host, locale)).toEqual(await siteOn(source, host, locale));
      for (const slug of slugs) {
        const served = await articleOn(source, host, slug, locale);
        expect({ slug, host, locale, served: await articleOn(target, host, slug, locale) }).toEqual({ slug, host, locale, served });
        if (served !== null) compared += 1;
      }
    }
  }
  expect(compared).toBeGreaterThan(60);

  // The GIF: byte for byte. A JPEG: the same picture (the target re-encodes JPEGs on upload, as Strapi does by default).
  const gifOnTarget = await bytesAt(target, await imageUrlOn(target, 'kijana-ke.localhost', 'period-pain-relief'));
  expect(gifOnTarget.equals(await bytesAt(source, await imageUrlOn(source, 'kijana-ke.localhost', 'period-pain-relief')))).toBe(true);
  const jpegs = await Promise.all([source, target].map(async (cms) => sharp(await bytesAt(cms, await imageUrlOn(cms, 'kijana-ke.localhost', 'menstrual-hygiene'))).metadata()));
  const [ours, theirs] = jpegs.map(({ format, width, height }) => ({ format, width, height }));
  expect(ours).toMatchObject({ format: 'jpeg', width: 1200, height: 675 });
  expect(theirs).toEqual(ours);
});

it('a second copy finds everything unchanged and writes nothing', async () => {
  const before = await targetFingerprint();
  const run = await copy([]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/\nImages \((\d+)\): \1 already on the target\n/);
  expect(run.stdout).toMatch(/\nCheck: 0 to create, 0 to update, (\d+) unchanged\nNothing to write: the target already has all \1 rows\.\n$/);
  for (const code of ['amal-eg', 'kijana-ke', 'mama-ng', 'thrive-za']) expect(run.stdout).toContain(`  ${code}: on both\n`);
  expect(await targetFingerprint()).toBe(before);
});

it('an edit on the source shows as one row to update, and the copy brings it', async () => {
  const documentId = await documentIdOf(source, 'menstrual-hygiene', 'en');
  await api(source, 'PUT', `/articles/${documentId}?locale=en&status=published`, { data: { title: 'Menstrual hygiene, edited on staging' } });
  const dry = await copy(['--dry-run', '--site', 'kijana-ke', '--locale', 'en']);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toMatch(/\nCheck: 0 to create, 1 to update, \d+ unchanged\nDry run: nothing was written\.\n$/);
  expect((await articleOn(target, 'kijana-ke.localhost', 'menstrual-hygiene', 'en-KE')).title).not.toBe('Menstrual hygiene, edited on staging');

  const run = await copy(['--site', 'kijana-ke']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/\nCopied: created 0, updated 1, \d+ unchanged\n$/);
  expect((await articleOn(target, 'kijana-ke.localhost', 'menstrual-hygiene', 'en-KE')).title).toBe('Menstrual hygiene, edited on staging');
});

it('keeps the target’s own picture under a name the source gives another, and says so', async () => {
  const red = await gif({ r: 200, g: 30, b: 30 });
  await uploadGif(target, 'clash.gif', red, 'Red, on the target');
  const theirs = await uploadGif(source, 'clash.gif', await gif({ r: 30, g: 30, b: 200 }), 'Blue, on the source');
  await setImage(source, 'period-pain-relief', theirs.id);
  const run = await copy(['--site', 'kijana-ke']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("\n  clash.gif: the target has another picture under this name; it is kept, not replaced (rename one of them, or replace it in the target's Media Library)\n");
  expect(run.stdout).toMatch(/\nCopied: created 0, updated 1, \d+ unchanged\n$/);
  const served = await bytesAt(target, await imageUrlOn(target, 'kijana-ke.localhost', 'period-pain-relief'));
  expect(served.equals(red)).toBe(true);
  expect((await api(target, 'GET', '/upload/files?filters[name][$eq]=clash.gif')).length).toBe(1);
});

it('leaves the target’s own site and content alone', async () => {
  const mine = await articleOn(target, 'local-only.localhost', 'target-only', 'en');
  expect(mine).toMatchObject({ slug: 'target-only', title: 'Only on the target', lead: 'Kept' });
  const sites = (await delivery(target, '{ sites { code } }', {})).sites.map((site: Json) => site.code).sort();
  expect(sites).toEqual(['amal-eg', 'kijana-ke', 'local-only', 'mama-ng', 'thrive-za']);
});
