import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { sqliteAfterCreate } from '../database';

describe('SQLite connections', () => {
  it('open in write-ahead-log mode with NORMAL sync and a busy timeout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-db-'));
    const db = knex({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'cms.db') }, useNullAsDefault: true, pool: { afterCreate: sqliteAfterCreate } });
    try {
      const pragma = async (name: string) => Object.values(((await db.raw(`pragma ${name}`)) as Array<Record<string, unknown>>)[0] ?? {})[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('busy_timeout')).toBe(5000);
      await db.schema.createTable('t', (table) => table.increments('id'));
      await db('t').insert({});
      expect(fs.existsSync(path.join(dir, 'cms.db-wal'))).toBe(true);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
