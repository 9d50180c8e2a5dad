// SQLite by default; DATABASE_URL=postgres://… switches to PostgreSQL with no other change.
import { ensureDataDirs, sqliteFile } from './paths';

export class DatabaseConfigError extends Error {
  readonly code = 'DATABASE_URL_INVALID';
}

export function databaseConfig(env: NodeJS.ProcessEnv) {
  const url = env.DATABASE_URL;
  if (url === undefined || url === '') {
    ensureDataDirs();
    return {
      connection: { client: 'sqlite', connection: { filename: sqliteFile }, useNullAsDefault: true },
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(`DATABASE_URL "${url}" is not a URL; expected postgres://user:password@host:5432/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseConfigError(`DATABASE_URL must start with postgres:// (got "${parsed.protocol}//")`);
  }
  return {
    connection: {
      client: 'postgres',
      connection: { connectionString: url },
      pool: { min: 0, max: Number(env.DATABASE_POOL_MAX ?? 10) },
    },
  };
}
