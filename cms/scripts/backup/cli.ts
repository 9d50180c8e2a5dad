// The command line of backup and restore: strict flags and one line per refusal
// (`<command>: <CODE>: <what to do>`, exit 1, no stack trace). Run by `npm run backup` /
// `npm run restore` (scripts/backup.ts) and by the image's `baobab backup` / `baobab restore`
// (deploy/baobab), so it lives in the CMS workspace, which the image carries. It reads the
// CMS's own settings (src/env.ts): BAOBAB_DATA_DIR, DATABASE_URL, UPLOAD_PROVIDER, HOST, PORT.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseCmsEnv, type CmsEnv } from '../../src/env';
import { createBackup } from './backup';
import { BackupError, firstLine } from './errors';
import { restoreBackup } from './restore';

const commands = ['backup', 'restore'] as const;
type Command = (typeof commands)[number];

const USAGE: Readonly<Record<Command, string>> = {
  backup: 'npm run backup -- [--out <file.tar.gz>]',
  restore: 'npm run restore -- <archive.tar.gz> [--force]',
};

const MAX_PATH = 4096;

/** Relative paths are the caller's: npm runs scripts from the repository root and says where it was called from in INIT_CWD. */
const fromCaller = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);

function badFlag(command: Command, message: string): never {
  throw new BackupError(command === 'backup' ? 'BACKUP_BAD_FLAG' : 'RESTORE_BAD_FLAG', `${message} (usage: ${USAGE[command]})`);
}

function checkPath(command: Command, what: string, value: string): string {
  if (value.trim() === '' || value.length > MAX_PATH || value.includes('\0')) badFlag(command, `${what} must be a file path of 1 to ${MAX_PATH} characters`);
  return fromCaller(value);
}

/** Flags, strictly: unknown flags, missing values and extra arguments are refused. */
export function parseFlags(command: Command, args: readonly string[]): { out: string } | { archive: string; force: boolean } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: command === 'backup' ? { out: { type: 'string' } } : { force: { type: 'boolean' } },
      allowPositionals: command === 'restore',
      strict: true,
      tokens: true,
    });
  } catch (error) {
    badFlag(command, firstLine(error).replace(/\. To specify a positional argument.*$/, ''));
  }
  const { values, positionals, tokens = [] } = parsed;
  const names = tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : []));
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) badFlag(command, `--${repeated} is given twice`);
  if (command === 'backup') {
    const given = values.out;
    if (Array.isArray(given) || typeof given === 'boolean') badFlag(command, '--out takes one file');
    const out = given === undefined ? `baobab-backup-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.tar.gz` : given;
    if (!/\.(tar\.gz|tgz)$/.test(out)) badFlag(command, `--out "${out}" must end in .tar.gz or .tgz`);
    return { out: checkPath(command, '--out', out) };
  }
  if (positionals.length !== 1) badFlag(command, positionals.length === 0 ? 'give the archive to restore' : `give one archive, got ${positionals.length}`);
  return { archive: checkPath(command, 'the archive', positionals[0] ?? ''), force: values.force === true };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function run(command: Command, args: readonly string[]): Promise<void> {
  const flags = parseFlags(command, args);
  let env: CmsEnv;
  try {
    // The CMS's settings without its production secrets rule: neither command reads a secret
    // (nor archives one), so a job needs only the data folder, database and upload settings.
    env = parseCmsEnv({ ...process.env, NODE_ENV: undefined });
  } catch (error) {
    throw new BackupError(command === 'backup' ? 'BACKUP_CONFIG' : 'RESTORE_CONFIG', firstLine(error));
  }
  // The modules that read the settings themselves (the registry) get these.
  globalThis.__baobabCmsEnv = env;
  if ('out' in flags) {
    const result = await createBackup(flags.out, env);
    const { manifest } = result;
    const rows = ['sites', 'articles', 'sections', 'pages', 'banners', 'files'].map((table) => `${manifest.counts[table] ?? 0} ${table}`).join(', ');
    console.log(`backup: wrote ${result.file} (${mb(result.bytes)}) in ${(result.ms / 1000).toFixed(1)} s: ${manifest.database.client} database (rows: ${rows}), ${manifest.uploads.files} uploads (${mb(manifest.uploads.bytes)}), schema ${manifest.schemaVersion.slice(0, 19)}…`);
    if (manifest.uploads.provider === 's3') console.log('backup: uploads live in the S3 bucket (UPLOAD_PROVIDER=s3) and are not in the archive: keep the bucket versioned or replicated');
    return;
  }
  const result = await restoreBackup(flags.archive, { force: flags.force }, env);
  console.log(`restore: restored ${flags.archive} (made ${result.manifest.createdAt}) into ${result.target} and ${result.manifest.uploads.files} uploads in ${(result.ms / 1000).toFixed(1)} s; start the CMS`);
  for (const file of result.keptAside) console.log(`restore: the previous ${path.basename(file).replace(/\.replaced-.*$/, '')} is kept at ${file}`);
}

/** `<backup|restore> [flags]`: exits 0, or 1 after one line on stderr. */
export function main(argv: readonly string[]): void {
  const [command, ...args] = argv;
  if (command !== 'backup' && command !== 'restore') {
    console.error(`backup: BACKUP_BAD_FLAG: the first argument is backup or restore (usage: ${USAGE.backup}; ${USAGE.restore})`);
    process.exit(1);
  }
  run(command, args).catch((error: unknown) => {
    const known = error instanceof BackupError ? error : new BackupError(command === 'backup' ? 'BACKUP_FAILED' : 'RESTORE_FAILED', firstLine(error));
    console.error(`${command}: ${known.code}: ${known.message}`);
    if (process.env.BAOBAB_DEBUG === 'true' && error instanceof Error) console.error(error.stack);
    process.exit(1);
  });
}

if (require.main === module) main(process.argv.slice(2));
