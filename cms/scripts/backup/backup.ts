// `npm run backup`: one archive of the whole platform while the CMS keeps serving. The
// database is snapshotted first (its row counts read inside the snapshot), the uploads are
// listed and hashed after it, so every file the dump names is in the archive; the archive is
// written beside its final name and linked into place only when complete.
import fs from 'node:fs';
import path from 'node:path';
import type { CmsEnv } from '../../src/env';
import { dataPaths } from '../../src/paths';
import { listFiles, sha256File, writeArchive } from './archive';
import { snapshotPostgres, snapshotSqlite } from './database';
import { BackupError, firstLine } from './errors';
import { FORMAT, FORMAT_VERSION, MANIFEST_NAME, POSTGRES_DUMP, SQLITE_DUMP, type Manifest } from './manifest';
import { baobabVersion, contentSchema, countedTables } from './schema-version';

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly manifest: Manifest;
  readonly ms: number;
}

/**
 * A folder this run works in, removed whatever happens to the run: Ctrl-C or SIGTERM remove
 * it and exit, until `hold()`: from there on (restore's moves into place, which must not stop
 * half-way) signals are ignored and the run finishes.
 */
export function temporaryFolder(parent: string, prefix: string): { readonly dir: string; hold(): void; remove(): void } {
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let isHeld = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (isHeld) return;
    remove();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    dir,
    hold() {
      isHeld = true;
    },
    remove() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      remove();
    },
  };
}

/** Puts `from` at `to` only if nothing is there (a link fails when it is), then drops `from`. */
function placeWithoutOverwriting(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
    if (code === 'EEXIST') throw new BackupError('BACKUP_OUT_EXISTS', `${to} appeared while the backup ran: nothing was written; choose another --out`);
    // A file system without hard links: the check and the move are two steps.
    if (fs.existsSync(to)) throw new BackupError('BACKUP_OUT_EXISTS', `${to} appeared while the backup ran: nothing was written; choose another --out`);
    fs.renameSync(from, to);
    return;
  }
  fs.rmSync(from);
}

export async function createBackup(out: string, env: CmsEnv): Promise<BackupResult> {
  const started = Date.now();
  if (fs.existsSync(out)) throw new BackupError('BACKUP_OUT_EXISTS', `${out} exists: a backup never overwrites a file; choose another --out or move it away`);
  const outDir = path.dirname(out);
  if (!fs.existsSync(outDir) || !fs.statSync(outDir).isDirectory()) throw new BackupError('BACKUP_OUT_DIR', `the folder ${outDir} does not exist: create it or choose another --out`);
  const schema = await contentSchema();
  const tables = countedTables(schema);
  const paths = dataPaths(env.dataDir);

  let stage: ReturnType<typeof temporaryFolder>;
  try {
    stage = temporaryFolder(outDir, '.baobab-backup-');
  } catch (error) {
    throw new BackupError('BACKUP_OUT_DIR', `cannot write in ${outDir}: ${firstLine(error)}`);
  }
  try {
    // 1. The database, in one snapshot.
    fs.mkdirSync(path.join(stage.dir, 'database'));
    const dumpName = env.database.client === 'sqlite' ? SQLITE_DUMP : POSTGRES_DUMP;
    const dumpFile = path.join(stage.dir, ...dumpName.split('/'));
    let counts: Record<string, number>;
    let serverVersion: string | undefined;
    if (env.database.client === 'sqlite') {
      counts = await snapshotSqlite(paths.sqliteFile, dumpFile, tables);
    } else {
      ({ counts, serverVersion } = await snapshotPostgres(env.database.url, dumpFile, tables));
    }

    // 2. Then the uploads: files are written before the rows that name them, so all named are here.
    const uploadsDir = path.join(paths.publicDir, 'uploads');
    const uploads = env.upload.provider === 'local' ? listFiles(uploadsDir) : [];
    if (uploads.length > 0) fs.symlinkSync(uploadsDir, path.join(stage.dir, 'uploads'), 'dir');
    const files: Manifest['files'] = [{ path: dumpName, size: fs.statSync(dumpFile).size, sha256: await sha256File(dumpFile) }];
    let uploadBytes = 0;
    for (const relative of uploads) {
      const file = path.join(uploadsDir, ...relative.split('/'));
      try {
        const size = fs.statSync(file).size;
        files.push({ path: `uploads/${relative}`, size, sha256: await sha256File(file) });
        uploadBytes += size;
      } catch (error) {
        // Deleted from the Media Library since it was listed: its row is gone from the live database too.
        if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') continue;
        throw new BackupError('BACKUP_WRITE_FAILED', `reading ${file} failed: ${firstLine(error)}`);
      }
    }

    // 3. The manifest, first in the archive.
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      baobabVersion: baobabVersion(),
      strapiVersion: schema.strapiVersion,
      schemaVersion: schema.version,
      database: { client: env.database.client, file: dumpName, ...(serverVersion === undefined ? {} : { serverVersion }) },
      counts,
      uploads: { provider: env.upload.provider, files: files.length - 1, bytes: uploadBytes },
      files,
    };
    fs.writeFileSync(path.join(stage.dir, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);

    // 4. The archive, complete before it takes its name.
    const partial = path.join(stage.dir, 'archive.tar.gz');
    try {
      await writeArchive(partial, stage.dir, manifest);
    } catch (error) {
      throw new BackupError('BACKUP_WRITE_FAILED', `writing the archive failed: ${firstLine(error)}`);
    }
    const bytes = fs.statSync(partial).size;
    placeWithoutOverwriting(partial, out);
    return { file: out, bytes, manifest, ms: Date.now() - started };
  } finally {
    stage.remove();
  }
}
