// Every way `npm run backup` and `npm run restore` refuse, as a stable code and a sentence a
// person can act on. The CLI prints `<command>: <CODE>: <message>` on one line and exits 1.
export const backupCodes = [
  'BACKUP_BAD_FLAG',
  'BACKUP_CONFIG',
  'BACKUP_OUT_EXISTS',
  'BACKUP_OUT_DIR',
  'BACKUP_NO_DATABASE',
  'BACKUP_DATABASE_FAILED',
  'BACKUP_WRITE_FAILED',
  'BACKUP_FAILED',
] as const;

export const restoreCodes = [
  'RESTORE_BAD_FLAG',
  'RESTORE_CONFIG',
  'RESTORE_NO_ARCHIVE',
  'RESTORE_NOT_GZIP',
  'RESTORE_TRUNCATED',
  'RESTORE_CORRUPT',
  'RESTORE_BAD_ARCHIVE',
  'RESTORE_TOO_LARGE',
  'RESTORE_CHECKSUM',
  'RESTORE_FORMAT_TOO_NEW',
  'RESTORE_SCHEMA_MISMATCH',
  'RESTORE_CLIENT_MISMATCH',
  'RESTORE_UPLOADS_MISMATCH',
  'RESTORE_CMS_RUNNING',
  'RESTORE_NOT_EMPTY',
  'RESTORE_FAILED',
] as const;

export type BackupCode = (typeof backupCodes)[number] | (typeof restoreCodes)[number];

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupCode,
    message: string,
  ) {
    super(message);
  }
}

/** The first line of a tool's or library's message, for a one-line report. */
export function firstLine(error: unknown): string {
  // Duck-typed: an error made in another realm (Node's internals under jest) is no `instanceof Error` here.
  const text = typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
}
