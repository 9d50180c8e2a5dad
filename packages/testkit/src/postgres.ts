// A PostgreSQL database of a test's own on the shared server: created fresh under a unique
// name, dropped when the test is done, so tests never share (or drop) each other's data.
import crypto from 'node:crypto';

export interface TestDatabase {
  /** The new database's URL (the server's URL with its name). */
  readonly url: string;
  readonly name: string;
  /** Drops it, closing the connections left to it. */
  drop(): Promise<void>;
}

async function onServer<T>(serverUrl: string, work: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { Client } = require('pg') as typeof import('pg');
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `<prefix>_<random>` on the server `serverUrl` names (any database there it may
 * connect to, e.g. postgres://postgres@127.0.0.1:5432/test). `prefix`: lower-case letters,
 * digits and `_`, so the name needs no quoting.
 */
export async function createPostgresDatabase(serverUrl: string, prefix: string): Promise<TestDatabase> {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(prefix)) throw new Error(`database prefix "${prefix}": expected lower-case letters, digits and _ (at most 41)`);
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * For a test starting CMSs of its own: on the PostgreSQL run (DATABASE_URL set) a database of its
 * own on that server, kept in `made` for the test to drop; on SQLite, undefined (the CMS then
 * makes its SQLite file), which also keeps the shared test database's URL away from it.
 */
export async function ownDatabaseUrl(prefix: string, made: TestDatabase[]): Promise<string | undefined> {
  const server = process.env.DATABASE_URL;
  if (!server) return undefined;
  const database = await createPostgresDatabase(server, prefix);
  made.push(database);
  return database.url;
}
