// The archive: a gzip'd tar whose first entry is manifest.json, then the database dump, then
// the uploads. Written with the `tar` package; read entry by entry with its Parser, each file
// checked against the manifest (listed, its size, its sha256) as it streams to disk, so a
// damaged or edited archive is refused before anything is moved into place.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import { BackupError, firstLine } from './errors';
import { MANIFEST_MAX_BYTES, MANIFEST_NAME, parseManifest, type Manifest } from './manifest';

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Every regular file under `dir`, as `/`-separated paths relative to it, sorted; symlinks and special files are skipped. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const inner = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) visit(inner);
      else if (entry.isFile()) found.push(inner);
    }
  };
  visit('');
  return found.sort();
}

/**
 * Writes the archive to `file` from `root`: manifest.json first, then the manifest's files in
 * its order, each as a plain file entry (portable: no owner, mode or time of this machine).
 */
export async function writeArchive(file: string, root: string, manifest: Manifest): Promise<void> {
  await tar.c({ file, cwd: root, gzip: { level: 6 }, portable: true, noDirRecurse: true, strict: true }, [MANIFEST_NAME, ...manifest.files.map((entry) => entry.path)]);
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/** Refuses what is not a readable gzip file, before anything else is read. */
export function checkArchiveFile(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new BackupError('RESTORE_NO_ARCHIVE', `there is no file ${file}: give the path of a backup made by npm run backup`);
  }
  if (!stat.isFile()) throw new BackupError('RESTORE_NO_ARCHIVE', `${file} is not a file: give the path of a backup made by npm run backup`);
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 2, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(GZIP_MAGIC)) throw new BackupError('RESTORE_NOT_GZIP', `${file} is not a gzip file (a backup is a .tar.gz made by npm run backup)`);
  return stat.size;
}

/**
 * Streams the archive's entries to `onEntry`, one at a time (the parser hands out the next
 * entry once this one is read). `onEntry` returns false to stop early. Throws a BackupError:
 * RESTORE_CORRUPT (gzip data damaged), RESTORE_TRUNCATED (ends early), RESTORE_BAD_ARCHIVE,
 * or what `onEntry` threw.
 */
async function eachEntry(file: string, onEntry: (entry: tar.ReadEntry) => Promise<boolean>): Promise<void> {
  const parser = new tar.Parser({ strict: true });
  const source = fs.createReadStream(file);
  let failure: unknown = null;
  let isStopped = false;
  let current: tar.ReadEntry | null = null;
  const pending: Array<Promise<void>> = [];
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const stop = (error: unknown) => {
    if (isStopped) return;
    isStopped = true;
    failure = error;
    source.destroy();
    current?.resume();
    finish();
  };
  parser.on('entry', (entry: tar.ReadEntry) => {
    if (isStopped) {
      entry.resume();
      return;
    }
    current = entry;
    pending.push(
      onEntry(entry).then(
        (shouldGoOn) => {
          if (!shouldGoOn) stop(null);
        },
        (error: unknown) => stop(error),
      ),
    );
  });
  parser.on('error', (error: unknown) => stop(error));
  parser.on('warn', (_code: string, message: string | Error) => stop(message instanceof Error ? message : new Error(message)));
  parser.on('end', () => finish());
  parser.on('close', () => finish());
  source.on('error', (error) => stop(error));
  source.pipe(parser);
  await finished;
  // Every entry handler settles: one whose data stopped coming fails on its own stream's end.
  if (!isStopped) await Promise.all(pending);
  else await Promise.race([Promise.allSettled(pending), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  if (failure !== null) throw describeReadFailure(failure, file);
}

/** The archive's manifest, read from its first entry and checked (format, version, fields); nothing else is read. */
export async function readManifest(file: string): Promise<Manifest> {
  let manifest: Manifest | null = null;
  let isFirst = true;
  let firstRead: () => void = () => undefined;
  const firstDone = new Promise<void>((resolve) => (firstRead = resolve));
  await eachEntry(file, async (entry) => {
    // The parser hands out the next entry as soon as this one's data is read: only the first
    // counts, and the run stops once the first is judged (its error, if any, is the one reported).
    if (!isFirst) {
      entry.resume();
      await firstDone;
      return false;
    }
    isFirst = false;
    try {
      return await judgeManifest(entry);
    } finally {
      firstRead();
    }
  });
  const result: Manifest | null = manifest;
  if (result === null) throw new BackupError('RESTORE_BAD_ARCHIVE', `${file} holds no ${MANIFEST_NAME}: this is not a Baobab backup`);
  return result;

  async function judgeManifest(entry: tar.ReadEntry): Promise<boolean> {
    if (entry.path !== MANIFEST_NAME || entry.type !== 'File') throw new BackupError('RESTORE_BAD_ARCHIVE', `the archive's first entry is ${JSON.stringify(entry.path)}, not ${MANIFEST_NAME}: this is not a Baobab backup`);
    if (entry.size > MANIFEST_MAX_BYTES) throw new BackupError('RESTORE_BAD_ARCHIVE', `${MANIFEST_NAME} is larger than ${MANIFEST_MAX_BYTES} bytes: this is not a Baobab backup`);
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
    return false;
  }
}

/**
 * Unpacks every file the manifest lists into `into` (an empty folder), each checked as it
 * streams: a plain file, listed once, its size and sha256 as the manifest says. An entry the
 * manifest does not list, or a listed file the archive lacks, is refused.
 */
export async function extractArchive(file: string, manifest: Manifest, into: string): Promise<void> {
  const listed = new Map(manifest.files.map((item) => [item.path, item]));
  const written = new Set<string>();
  let isFirst = true;
  await eachEntry(file, async (entry) => {
    const name = entry.path;
    if (isFirst) {
      isFirst = false;
      if (name !== MANIFEST_NAME) throw new BackupError('RESTORE_BAD_ARCHIVE', `the archive's first entry is ${JSON.stringify(name)}, not ${MANIFEST_NAME}`);
      entry.resume();
      return true;
    }
    const item = listed.get(name);
    if (entry.type !== 'File') throw new BackupError('RESTORE_BAD_ARCHIVE', `the archive holds ${JSON.stringify(name)} of type ${entry.type}: a backup holds plain files only`);
    if (item === undefined) throw new BackupError('RESTORE_BAD_ARCHIVE', `the archive holds ${JSON.stringify(name)}, which its manifest does not list: the archive was edited`);
    if (written.has(name)) throw new BackupError('RESTORE_BAD_ARCHIVE', `the archive holds ${JSON.stringify(name)} twice: the archive was edited`);
    written.add(name);
    const target = path.join(into, ...item.path.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const hash = crypto.createHash('sha256');
    let size = 0;
    await pipeline(
      entry,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > item.size) throw new BackupError('RESTORE_CHECKSUM', `${item.path} is longer than the ${item.size} bytes its manifest says: the archive is damaged or was edited; use an intact copy`);
          hash.update(chunk);
          yield chunk;
        }
      },
      fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }),
    );
    const digest = hash.digest('hex');
    if (size !== item.size || digest !== item.sha256) {
      throw new BackupError('RESTORE_CHECKSUM', `${item.path}: sha256 ${digest.slice(0, 12)}… (${size} bytes), its manifest says ${item.sha256.slice(0, 12)}… (${item.size} bytes): the archive is damaged or was edited; use an intact copy`);
    }
    return true;
  });
  if (isFirst) throw new BackupError('RESTORE_BAD_ARCHIVE', `${file} holds no ${MANIFEST_NAME}: this is not a Baobab backup`);
  const missing = manifest.files.filter((item) => !written.has(item.path));
  if (missing.length > 0) throw new BackupError('RESTORE_TRUNCATED', `${file} ends before ${missing.length} of its ${manifest.files.length} files (first: ${missing[0]?.path}): the file is cut short; copy it again`);
}

/** A failure while reading, as one of the stable codes. */
function describeReadFailure(error: unknown, file: string): BackupError {
  if (error instanceof BackupError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = firstLine(error);
  if (code === 'Z_BUF_ERROR' || /unexpected end of file|Truncated input/i.test(message)) return new BackupError('RESTORE_TRUNCATED', `${file} is cut short (${message}): copy it again from where it was made`);
  if (code.startsWith('Z_') || /zlib|incorrect header|invalid (block|distance|code)|data check/i.test(message)) return new BackupError('RESTORE_CORRUPT', `${file} is damaged (${message}): use an intact copy`);
  if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ENTRY_INVALID' || code === 'TAR_ENTRY_ERROR') return new BackupError('RESTORE_BAD_ARCHIVE', `${file} is not a readable tar archive (${message})`);
  return new BackupError('RESTORE_FAILED', `reading ${file} failed: ${message}`);
}
