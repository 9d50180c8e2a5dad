// `npm run restore -- <archive>`: the archive checked (manifest, schema version, database
// client, every checksum) and unpacked into a folder of its own inside the data folder, then
// moved into place: uploads first, the database last (SQLite: a rename; PostgreSQL: psql in
// one transaction), and the uploads moved back if the database step fails. Only into a
// database without Baobab content and a CMS that is not running, unless --force.
import fs from 'node:fs';
import path from 'node:path';
import type { CmsEnv } from '../../src/env';
import { dataPaths } from '../../src/paths';
import { checkArchiveFile, extractArchive, readManifest } from './archive';
import { temporaryFolder } from './backup';
import { describePostgres, inspectPostgresTarget, inspectSqliteTarget, isPortAnswering, restorePostgres, verifySqlite } from './database';
import { BackupError, firstLine } from './errors';
import type { Manifest } from './manifest';
import { contentSchema, contentTables } from './schema-version';

export interface RestoreOptions {
  /** Restore over a database with Baobab content and a non-empty uploads folder (kept aside on SQLite and local uploads). */
  readonly force: boolean;
}

export interface RestoreResult {
  readonly manifest: Manifest;
  readonly target: string;
  /** What was there before and was moved aside (never deleted): paths. */
  readonly keptAside: readonly string[];
  readonly ms: number;
}

const shortHash = (version: string) => `${version.slice(0, 'sha256:'.length + 12)}…`;
const listCounts = (counts: Readonly<Record<string, number>>) =>
  Object.entries(counts)
    .filter(([, rows]) => rows > 0)
    .map(([table, rows]) => `${table}: ${rows}`)
    .join(', ');

/** Where the CMS these settings describe would answer, as a loopback address when it listens on all. */
function cmsAddress(env: CmsEnv): { host: string; port: number } {
  const host = env.host === '0.0.0.0' || env.host === '' ? '127.0.0.1' : env.host === '::' ? '::1' : env.host;
  return { host, port: env.port };
}

async function refuseRunningCms(env: CmsEnv, sqliteTables: readonly string[]): Promise<void> {
  const { host, port } = cmsAddress(env);
  if (await isPortAnswering(host, port)) {
    throw new BackupError('RESTORE_CMS_RUNNING', `something answers on ${host}:${port} (the CMS's HOST and PORT): stop the CMS, every replica, before restoring (or set PORT to where this CMS listens)`);
  }
  if (env.database.client === 'sqlite') {
    const file = dataPaths(env.dataDir).sqliteFile;
    if (inspectSqliteTarget(file, sqliteTables)?.isLocked) throw new BackupError('RESTORE_CMS_RUNNING', `${file} is open in another process (a CMS is running on it): stop it before restoring`);
  }
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

function isEmptyFolder(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

export async function restoreBackup(archive: string, options: RestoreOptions, env: CmsEnv): Promise<RestoreResult> {
  const started = Date.now();
  checkArchiveFile(archive);
  const manifest = await readManifest(archive);

  // 1. The archive against this code and these settings.
  const schema = await contentSchema();
  if (manifest.schemaVersion !== schema.version) {
    throw new BackupError(
      'RESTORE_SCHEMA_MISMATCH',
      `the archive's content schema is ${shortHash(manifest.schemaVersion)} (Baobab ${manifest.baobabVersion}, Strapi ${manifest.strapiVersion}, made ${manifest.createdAt}), this code's is ${shortHash(schema.version)} (Strapi ${schema.strapiVersion}): restore it with the Baobab version that made it, then upgrade that platform to this version; nothing was changed`,
    );
  }
  if (manifest.database.client !== env.database.client) {
    throw new BackupError(
      'RESTORE_CLIENT_MISMATCH',
      `the archive holds a ${manifest.database.client} database and this CMS is set up for ${env.database.client}: restore it where ${manifest.database.client === 'sqlite' ? 'DATABASE_URL is unset (SQLite)' : 'DATABASE_URL names a PostgreSQL database'} (content:copy moves content between the two); nothing was changed`,
    );
  }
  if (manifest.uploads.provider !== env.upload.provider) {
    throw new BackupError(
      'RESTORE_UPLOADS_MISMATCH',
      `the archive's uploads were ${manifest.uploads.provider === 's3' ? 'in an S3 bucket (not in the archive)' : 'in the data folder'} and this CMS keeps them ${env.upload.provider === 's3' ? 'in an S3 bucket' : 'in the data folder'}: set UPLOAD_PROVIDER=${manifest.uploads.provider} as the archive's platform had it; nothing was changed`,
    );
  }

  // 2. The target: no CMS running on it, no content in it (unless --force), room for the archive.
  const paths = dataPaths(env.dataDir);
  const tables = contentTables(schema);
  await refuseRunningCms(env, tables);
  const target = env.database.client === 'sqlite' ? paths.sqliteFile : describePostgres(env.database.url);
  const inspected = env.database.client === 'sqlite' ? { counts: inspectSqliteTarget(paths.sqliteFile, tables)?.counts ?? {}, tableCount: 0 } : await inspectPostgresTarget(env.database.url, tables);
  const content = listCounts(inspected.counts);
  if (content !== '' && !options.force) {
    throw new BackupError('RESTORE_NOT_EMPTY', `${target} holds Baobab content (${content}): restore into an empty database, or add --force to replace it${env.database.client === 'sqlite' ? ' (the old file is kept beside it)' : ' (its tables are dropped)'}; nothing was changed`);
  }
  const uploadsDir = path.join(paths.publicDir, 'uploads');
  const hasLocalUploads = env.upload.provider === 'local';
  if (hasLocalUploads && !isEmptyFolder(uploadsDir) && !options.force) {
    throw new BackupError('RESTORE_NOT_EMPTY', `${uploadsDir} holds ${fs.readdirSync(uploadsDir).length} entries: restore into an empty uploads folder, or add --force (the old folder is kept beside it); nothing was changed`);
  }
  const isNewDataDir = !fs.existsSync(env.dataDir);
  fs.mkdirSync(env.dataDir, { recursive: true });
  const total = manifest.files.reduce((sum, item) => sum + item.size, 0);
  const free = (() => {
    const stats = fs.statfsSync(env.dataDir);
    return stats.bavail * stats.bsize;
  })();
  if (total > free) {
    if (isNewDataDir) fs.rmSync(env.dataDir, { recursive: true, force: true });
    throw new BackupError('RESTORE_TOO_LARGE', `the archive unpacks to ${total} bytes and ${env.dataDir} has ${free} free: free some space; nothing was changed`);
  }

  // 3. Unpacked and checked beside the data, on the same file system, so the moves are renames.
  const stage = temporaryFolder(env.dataDir, '.restore-');
  const keptAside: string[] = [];
  const undo: Array<() => void> = [];
  try {
    await extractArchive(archive, manifest, stage.dir);
    const dumpFile = path.join(stage.dir, ...manifest.database.file.split('/'));
    if (env.database.client === 'sqlite') verifySqlite(dumpFile, manifest.counts);
    // The CMS may have been started while the archive unpacked.
    await refuseRunningCms(env, tables);

    // 4. Uploads into place (the old folder kept aside, or an empty one removed). From here
    // on the run is not interrupted: a stop between the two moves would leave them apart.
    stage.hold();
    const suffix = `.replaced-${stamp()}`;
    if (hasLocalUploads) {
      if (fs.existsSync(uploadsDir)) {
        if (isEmptyFolder(uploadsDir)) fs.rmdirSync(uploadsDir);
        else {
          fs.renameSync(uploadsDir, `${uploadsDir}${suffix}`);
          keptAside.push(`${uploadsDir}${suffix}`);
          undo.push(() => fs.renameSync(`${uploadsDir}${suffix}`, uploadsDir));
        }
      }
      fs.mkdirSync(paths.publicDir, { recursive: true });
      const staged = path.join(stage.dir, 'uploads');
      if (fs.existsSync(staged)) fs.renameSync(staged, uploadsDir);
      else fs.mkdirSync(uploadsDir);
      undo.unshift(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));
    }

    // 5. The database, last.
    try {
      if (env.database.client === 'sqlite') {
        // A -wal left beside the old file would be replayed into the new one: all three move aside.
        for (const file of [paths.sqliteFile, `${paths.sqliteFile}-wal`, `${paths.sqliteFile}-shm`]) {
          if (!fs.existsSync(file)) continue;
          fs.renameSync(file, `${file}${suffix}`);
          keptAside.push(`${file}${suffix}`);
          undo.unshift(() => fs.renameSync(`${file}${suffix}`, file));
        }
        fs.renameSync(dumpFile, paths.sqliteFile);
      } else {
        await restorePostgres(env.database.url, dumpFile, manifest.counts, inspected.tableCount > 0);
      }
    } catch (error) {
      for (const step of undo) step();
      throw error instanceof BackupError ? error : new BackupError('RESTORE_FAILED', `putting the database in place failed, nothing was changed: ${firstLine(error)}`);
    }
    return { manifest, target, keptAside, ms: Date.now() - started };
  } catch (error) {
    if (isNewDataDir) fs.rmSync(env.dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    stage.remove();
  }
}
