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
