// SQLite by default; DATABASE_URL=postgres://… switches to PostgreSQL with no other change
// (the URL is checked in env.ts).
import type { CmsEnv } from './env';
import { dataPaths, ensureDataDirs } from './paths';

/** better-sqlite3's connection, as far as the pragmas below need it. */
interface SqliteHandle {
  pragma(source: string): unknown;
  prepare(source: string): unknown;
}

/**
 * Compiled statements kept per SQLite connection, by SQL text. knex's better-sqlite3 client
 * compiles every query anew (`connection.prepare` per call); Strapi runs the same few hundred
 * shapes with different bindings, and compiling them was a tenth of an import's CPU time.
 * Bounded by count and by the bytes of SQL held, least recently used out first.
 */
export const STATEMENT_CACHE = { entries: 500, sqlBytes: 1024 * 1024 } as const;

/** Wraps `connection.prepare` with the cache above. A statement runs synchronously, so one compiled statement serves every caller. */
export function cachePreparedStatements(connection: SqliteHandle, limits: { entries: number; sqlBytes: number } = STATEMENT_CACHE): void {
  const prepare = connection.prepare.bind(connection);
  const cache = new Map<string, unknown>();
  let bytes = 0;
  connection.prepare = (source: string) => {
    const found = cache.get(source);
    if (found !== undefined) {
      // Most recently used last: a Map keeps insertion order.
      cache.delete(source);
      cache.set(source, found);
      return found;
    }
    const statement = prepare(source);
    if (source.length > limits.sqlBytes) return statement;
    cache.set(source, statement);
    bytes += source.length;
    for (const oldest of cache.keys()) {
      if (cache.size <= limits.entries && bytes <= limits.sqlBytes) break;
      cache.delete(oldest);
      bytes -= oldest.length;
    }
    return statement;
  };
}

/** Columns of a component join table (`<type>_cmps`) whose values all its rows share (a handful of fields and component types). */
const SHARED_COMPONENT_COLUMNS = new Set(['field', 'component_type']);
/** The row count the hints describe: large, so the planner prefers any selective index to a scan. */
const HINTED_ROWS = 1_000_000;

interface SqlRunner {
  raw(sql: string, bindings?: readonly unknown[]): Promise<unknown>;
}

/** `sqlite_stat1`'s `stat` for an index on `columns`: rows, then rows per distinct prefix of 1, 2, … columns. */
export function componentIndexStat(columns: readonly string[]): string {
  const perPrefix = columns.map((_, n) => (columns.slice(0, n + 1).every((column) => SHARED_COMPONENT_COLUMNS.has(column)) ? HINTED_ROWS / 10 : n === 0 ? 4 : 1));
  return [HINTED_ROWS, ...perPrefix].join(' ');
}

/**
 * Planner statistics for Strapi's component join tables, written rather than measured. Without
 * statistics SQLite reads a document's components (`… from articles_cmps where entity_id in
 * (…) and field = … and component_type = …`) through the index on `component_type` or `field`,
 * which every row of the table shares: a scan of the whole table per read, a cost that grew
 * with the content (an import of 5,000 rows slowed round after round). These say what is true
 * of every such table (`entity_id` picks a few rows, `field` and `component_type` most of
 * them) whatever its size, so they never go stale as measured statistics did. Run at start-up
 * on SQLite; a later ANALYZE replaces them with measured ones.
 */
export async function hintComponentIndexes(db: SqlRunner): Promise<number> {
  const rows = (await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_cmps' ESCAPE '\\'")) as Array<{ name: string }>;
  const stats: Array<[string, string, string]> = [];
  for (const { name: table } of rows) {
    const indexes = (await db.raw(`PRAGMA index_list(${quoteName(table)})`)) as Array<{ name: string }>;
    for (const { name: index } of indexes) {
      const columns = ((await db.raw(`PRAGMA index_info(${quoteName(index)})`)) as Array<{ name: string | null }>).map((column) => column.name ?? '');
      if (columns.length > 0) stats.push([table, index, componentIndexStat(columns)]);
    }
  }
  if (stats.length === 0) return 0;
  // Creates sqlite_stat1 when it is missing, without measuring any table.
  await db.raw('ANALYZE sqlite_schema');
  for (const [table, index, stat] of stats) {
    await db.raw('DELETE FROM sqlite_stat1 WHERE tbl = ? AND idx = ?', [table, index]);
    await db.raw('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)', [table, index, stat]);
  }
  // Makes the planner read sqlite_stat1 again.
  await db.raw('ANALYZE sqlite_schema');
  return stats.length;
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Write-ahead logging: readers never wait for a writer, and a commit is one append to the
 * log instead of rewriting the journal, with fsync at checkpoints (synchronous=NORMAL stays
 * durable across a crash of the process; a power cut may lose the last commits, never corrupt
 * the file). A second process (a test, a backup) waits up to 5 s for a lock instead of failing.
 * Compiled statements are reused (cachePreparedStatements).
 */
export function sqliteAfterCreate(connection: SqliteHandle, done: (error: Error | null, connection: SqliteHandle) => void): void {
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    connection.pragma('busy_timeout = 5000');
    cachePreparedStatements(connection);
    done(null, connection);
  } catch (error) {
    done(error instanceof Error ? error : new Error(String(error)), connection);
  }
}

/**
 * How a PostgreSQL connection notices that the server went away. A restart or a killed
 * backend ends the socket and knex drops that connection from its pool by itself (tested in
 * tests/api/database-restart.test.ts); these cover a server that hangs or a network that
 * drops packets: a connect gives up after 5 s instead of never, and TCP keepalive finds a
 * dead idle connection in the pool.
 */
export const POSTGRES_CONNECTION = { connectionTimeoutMillis: 5_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 } as const;
/** A request waits at most this long for a pooled connection (knex's default, 60 s, outlasts every client and probe), then fails with a 500. */
export const POSTGRES_ACQUIRE_TIMEOUT_MS = 10_000;

export function databaseConfig(database: CmsEnv['database']) {
  // The data folder holds uploads whichever the database: make it before Strapi's upload plugin looks.
  ensureDataDirs();
  if (database.client === 'sqlite') {
    return {
      connection: {
        client: 'sqlite',
        connection: { filename: dataPaths().sqliteFile },
        useNullAsDefault: true,
        pool: { afterCreate: sqliteAfterCreate },
      },
    };
  }
  return {
    connection: {
      client: 'postgres',
      connection: { connectionString: database.url, ...POSTGRES_CONNECTION },
      pool: { min: 0, max: database.poolMax },
      acquireConnectionTimeout: POSTGRES_ACQUIRE_TIMEOUT_MS,
    },
  };
}
