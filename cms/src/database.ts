// SQLite by default; DATABASE_URL=postgres://… switches to PostgreSQL with no other change
// (the URL is checked in env.ts).
import type { CmsEnv } from './env';
import { dataPaths, ensureDataDirs } from './paths';

export function databaseConfig(database: CmsEnv['database']) {
  // The data folder holds uploads whichever the database: make it before Strapi's upload plugin looks.
  ensureDataDirs();
  if (database.client === 'sqlite') {
    return {
      connection: { client: 'sqlite', connection: { filename: dataPaths().sqliteFile }, useNullAsDefault: true },
    };
  }
  return {
    connection: {
      client: 'postgres',
      connection: { connectionString: database.url },
      pool: { min: 0, max: database.poolMax },
    },
  };
}
