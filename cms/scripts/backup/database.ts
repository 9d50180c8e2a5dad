// The database half of backup and restore. SQLite: better-sqlite3's online backup (a
// consistent copy while the CMS writes: in WAL mode a reader never blocks the writer) and
// a new file moved into place. PostgreSQL: pg_dump in one exported snapshot (the row counts
// are read in the same snapshot) and psql in one transaction (all or nothing).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { BackupError, firstLine } from './errors';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

// ---- SQLite ----

/** Counts rows of each table that exists (a table missing from the database is left out). */
function sqliteCounts(db: Database.Database, tables: readonly string[]): Record<string, number> {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all().map(String));
  return Object.fromEntries(tables.filter((table) => present.has(table)).map((table) => [table, Number(db.prepare(`SELECT count(*) FROM ${quote(table)}`).pluck().get())]));
}

/**
 * A consistent copy of the live SQLite file at `target`, and its row counts. The backup API
 * copies pages in steps and starts again if another connection writes between steps; after
 * the first step it copies all that is left in one, so a busy CMS cannot keep it restarting.
 */
export async function snapshotSqlite(source: string, target: string, tables: readonly string[]): Promise<Record<string, number>> {
  if (!fs.existsSync(source)) throw new BackupError('BACKUP_NO_DATABASE', `there is no SQLite database at ${source}: check BAOBAB_DATA_DIR (or set DATABASE_URL for PostgreSQL)`);
  let db: Database.Database;
  try {
    db = new Database(source, { fileMustExist: true, timeout: 5_000 });
  } catch (error) {
    throw new BackupError('BACKUP_DATABASE_FAILED', `cannot open ${source}: ${firstLine(error)}`);
  }
  try {
    await db.backup(target, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } catch (error) {
    throw new BackupError('BACKUP_DATABASE_FAILED', `the SQLite backup of ${source} failed: ${firstLine(error)}`);
  } finally {
    db.close();
  }
  // The copy is one self-contained file (no -wal beside it), checked, and counted.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError('BACKUP_DATABASE_FAILED', `the copy of ${source} fails SQLite's quick_check: ${String(check)}`);
    return sqliteCounts(copy, tables);
  } finally {
    copy.close();
  }
}

/**
 * Whether a process holds the SQLite file open (the CMS keeps a connection for its life; in
 * WAL mode every connection holds a shared lock): an exclusive lock is tried without waiting.
 * Null when the file does not exist; else the content counts, read under that lock.
 */
export function inspectSqliteTarget(file: string, tables: readonly string[]): { readonly isLocked: boolean; readonly counts: Record<string, number> } | null {
  if (!fs.existsSync(file)) return null;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) return { isLocked: true, counts: {} };
      throw error;
    }
    const counts = sqliteCounts(db, tables);
    db.exec('COMMIT');
    return { isLocked: false, counts };
  } finally {
    db.close();
  }
}

/** Checks a restored SQLite file before it is moved into place: integrity, and the manifest's counts. */
export function verifySqlite(file: string, expected: Readonly<Record<string, number>>): void {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new BackupError('RESTORE_BAD_ARCHIVE', `the database in the archive does not open: ${firstLine(error)}`);
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError('RESTORE_BAD_ARCHIVE', `the database in the archive fails SQLite's integrity_check: ${String(check)}`);
    const counts = sqliteCounts(db, Object.keys(expected));
    for (const [table, rows] of Object.entries(expected)) {
      if (counts[table] !== rows) throw new BackupError('RESTORE_BAD_ARCHIVE', `the database in the archive has ${counts[table] ?? 'no'} rows in ${table}, the manifest says ${rows}`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('RESTORE_BAD_ARCHIVE', `the database in the archive cannot be read: ${firstLine(error)}`);
  } finally {
    db.close();
  }
}

// ---- PostgreSQL ----

/** The URL without its password, and the environment that hands the password to pg_dump / psql (never on a command line). */
function clientTools(url: string): { readonly url: string; readonly env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: { ...process.env, ...(password === '' ? {} : { PGPASSWORD: password }), PGCONNECT_TIMEOUT: '10' } };
}

/** The server's address for messages: host, port and database, never the user or password. */
export function describePostgres(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL database "${decodeURIComponent(parsed.pathname.slice(1))}" on ${parsed.hostname}:${parsed.port || '5432'}`;
}

async function connect(url: string, code: 'BACKUP_DATABASE_FAILED' | 'RESTORE_FAILED'): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new BackupError(code, `cannot connect to the ${describePostgres(url)}: ${firstLine(error)}`);
  }
  return client;
}

async function postgresCounts(client: Client, tables: readonly string[]): Promise<Record<string, number>> {
  const present = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
  const names = new Set(present.rows.map((row) => row.name));
  const counts: Record<string, number> = {};
  for (const table of tables.filter((name) => names.has(name))) {
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quote(table)}`);
    counts[table] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

/** Runs a PostgreSQL client tool; its stderr's first line becomes the error. */
function runTool(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input: NodeJS.ReadableStream | null, isDetached = false): Promise<void> {
  return new Promise((resolve, reject) => {
    // Detached: its own process group, so Ctrl-C in the terminal reaches only this process, which decides.
    const child = spawn(command, args, { env, stdio: [input === null ? 'ignore' : 'pipe', 'ignore', 'pipe'], detached: isDetached });
    if (!child.stderr) throw new Error(`${command}: no stderr pipe`);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64_000) stderr += chunk.toString();
    });
    child.once('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    if (input !== null && child.stdin) {
      child.stdin.on('error', () => undefined);
      input.on('error', (error) => {
        child.kill();
        reject(error);
      });
      input.pipe(child.stdin);
    }
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() === '' ? `${command} exited with ${code}` : stderr.trim()))));
  });
}

/**
 * pg_dump of the database into `target` (plain SQL, no owners or grants, so it restores under
 * another role), inside a snapshot this connection exported and holds: the row counts and the
 * dump see the same moment. Only ACCESS SHARE locks: the CMS goes on reading and writing.
 */
export async function snapshotPostgres(url: string, target: string, tables: readonly string[]): Promise<{ counts: Record<string, number>; serverVersion: string }> {
  const client = await connect(url, 'BACKUP_DATABASE_FAILED');
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id ?? '';
    const serverVersion = (await client.query<{ v: string }>('SHOW server_version')).rows[0]?.v ?? '';
    const counts = await postgresCounts(client, tables);
    const tools = clientTools(url);
    await runTool('pg_dump', ['--format=plain', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${target}`, `--dbname=${tools.url}`], tools.env, null).catch((error: unknown) => {
      const missing = error instanceof Error && /ENOENT/.test(error.message);
      throw new BackupError('BACKUP_DATABASE_FAILED', missing ? 'pg_dump is not installed: install the PostgreSQL client of the server\'s version (Debian: apt-get install postgresql-client)' : `pg_dump failed: ${firstLine(error)}`);
    });
    await client.query('COMMIT');
    return { counts, serverVersion };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('BACKUP_DATABASE_FAILED', `reading the ${describePostgres(url)} failed: ${firstLine(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The content counts of a PostgreSQL target, and how many tables its public schema holds. */
export async function inspectPostgresTarget(url: string, tables: readonly string[]): Promise<{ readonly counts: Record<string, number>; readonly tableCount: number }> {
  const client = await connect(url, 'RESTORE_FAILED');
  try {
    const all = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
    return { counts: await postgresCounts(client, tables), tableCount: Number(all.rows[0]?.n ?? 0) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Restores a pg_dump file with psql in one transaction: the public schema emptied first (when
 * it holds tables), then the dump, then a check of every count the manifest records. Any
 * error rolls all of it back, so the database is as it was.
 */
export async function restorePostgres(url: string, dumpFile: string, expected: Readonly<Record<string, number>>, shouldEmptySchema: boolean): Promise<void> {
  const checks = Object.entries(expected).map(
    ([table, rows]) =>
      `DO $$ DECLARE n bigint; BEGIN SELECT count(*) INTO n FROM public.${quote(table)}; IF n <> ${rows} THEN RAISE EXCEPTION 'the restored table ${table} has % rows, the manifest says ${rows}', n; END IF; END $$;`,
  );
  const { PassThrough } = await import('node:stream');
  const input = new PassThrough();
  const tools = clientTools(url);
  // Detached: a Ctrl-C must not stop it half-way through (the restore holds signals while it moves things into place).
  const running = runTool('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--single-transaction', '--file=-', `--dbname=${tools.url}`], tools.env, input, true);
  if (shouldEmptySchema) input.write('DROP SCHEMA public CASCADE;\nCREATE SCHEMA public;\n');
  const dump = fs.createReadStream(dumpFile);
  dump.on('error', (error) => input.destroy(error));
  dump.on('end', () => input.end(`\n${checks.join('\n')}\n`));
  dump.pipe(input, { end: false });
  await running.catch((error: unknown) => {
    const missing = error instanceof Error && /ENOENT/.test(error.message);
    throw new BackupError('RESTORE_FAILED', missing ? 'psql is not installed: install the PostgreSQL client (Debian: apt-get install postgresql-client); nothing was changed' : `psql refused the dump, nothing was changed: ${firstLine(error)}`);
  });
}

// ---- the CMS ----

/** Whether anything accepts a TCP connection on host:port within `timeoutMs`. */
export function isPortAnswering(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
