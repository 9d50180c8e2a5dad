// manifest.json, the first entry of every backup archive: what made it, when, from which
// database, the content schema version, row counts, and each file's size and sha256.
import { z } from 'zod';
import { BackupError } from './errors';

export const FORMAT = 'baobab-backup';
/** Bump when an archive's layout or the manifest changes in a way older code cannot read. */
export const FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
/** A manifest larger than this is refused before it is parsed. */
export const MANIFEST_MAX_BYTES = 16 * 1024 * 1024;

export const SQLITE_DUMP = 'database/cms.db';
export const POSTGRES_DUMP = 'database/dump.sql';

const segment = /^(?!\.{1,2}$)[^/\\\0]{1,255}$/;
/** `database/…` or `uploads/…`: relative, `/`-separated, no empty, `.` or `..` segment, no backslash or NUL. */
export function isArchivePath(value: string): boolean {
  if (value.length > 1024) return false;
  const parts = value.split('/');
  return (parts[0] === 'database' || parts[0] === 'uploads') && parts.length >= 2 && parts.every((part) => segment.test(part));
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lower-case hex');
const count = z.number().int().min(0);

export const manifestSchema = z.strictObject({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  baobabVersion: z.string().min(1).max(64),
  strapiVersion: z.string().min(1).max(64),
  schemaVersion: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  database: z.strictObject({
    client: z.enum(['sqlite', 'postgres']),
    file: z.enum([SQLITE_DUMP, POSTGRES_DUMP]),
    /** PostgreSQL: the server's version the dump was taken from. */
    serverVersion: z.string().max(200).optional(),
  }),
  /** Rows per table at the moment of the snapshot, read inside it. */
  counts: z.record(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/), count),
  uploads: z.strictObject({
    /** `s3`: uploads live in a bucket and are not in the archive. */
    provider: z.enum(['local', 's3']),
    files: count,
    bytes: count,
  }),
  files: z
    .array(z.strictObject({ path: z.string().refine(isArchivePath, 'a path under database/ or uploads/'), size: count, sha256 }))
    .max(1_000_000),
});

export type Manifest = z.infer<typeof manifestSchema>;

/**
 * The manifest in an archive's first entry, checked: format and version first (so an archive
 * from a newer Baobab says so instead of "invalid"), then every field strictly.
 */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BackupError('RESTORE_BAD_ARCHIVE', `${MANIFEST_NAME} is not JSON: this is not a Baobab backup, or it is damaged`);
  }
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(raw);
  if (!head.success || head.data.format !== FORMAT) throw new BackupError('RESTORE_BAD_ARCHIVE', `${MANIFEST_NAME} does not say format "${FORMAT}": this is not a Baobab backup`);
  if (head.data.version > FORMAT_VERSION) {
    throw new BackupError('RESTORE_FORMAT_TOO_NEW', `the archive is ${FORMAT} version ${head.data.version}, this code reads version ${FORMAT_VERSION} and older: restore it with the newer Baobab that made it`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BackupError('RESTORE_BAD_ARCHIVE', `${MANIFEST_NAME}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}: the archive is damaged or was edited`);
  }
  const seen = new Set<string>();
  for (const file of parsed.data.files) {
    if (seen.has(file.path)) throw new BackupError('RESTORE_BAD_ARCHIVE', `${MANIFEST_NAME} lists ${file.path} twice: the archive was edited`);
    seen.add(file.path);
  }
  if (!seen.has(parsed.data.database.file)) throw new BackupError('RESTORE_BAD_ARCHIVE', `${MANIFEST_NAME} does not list the database dump ${parsed.data.database.file}: the archive is damaged or was edited`);
  return parsed.data;
}
