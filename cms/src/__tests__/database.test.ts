import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import Database from 'better-sqlite3';
import { cachePreparedStatements, sqliteAfterCreate } from '../database';

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

  it('reuse a compiled statement for the same SQL, and keep at most the bounded number', () => {
    const connection = new Database(':memory:');
    try {
      cachePreparedStatements(connection, { entries: 2, sqlBytes: 60 });
      const first = connection.prepare('select 1 as one');
      expect(connection.prepare('select 1 as one')).toBe(first);
      expect(connection.prepare('select 2 as two')).not.toBe(first);
      // A third shape pushes out the least recently used one (select 1, used before select 2).
      connection.prepare('select 3 as three');
      expect(connection.prepare('select 2 as two')).toBe(connection.prepare('select 2 as two'));
      expect(connection.prepare('select 1 as one')).not.toBe(first);
      // SQL longer than the byte budget is compiled and not kept.
      const long = `select '${'x'.repeat(80)}' as long`;
      expect(connection.prepare(long)).not.toBe(connection.prepare(long));
    } finally {
      connection.close();
    }
  });

  it("answer knex queries through the cache with each call's own bindings", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-db-'));
    const db = knex({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'cms.db') }, useNullAsDefault: true, pool: { afterCreate: sqliteAfterCreate } });
    try {
      await db.schema.createTable('t', (table) => {
        table.increments('id');
        table.string('name');
      });
      for (const name of ['a', 'b', 'c']) await db('t').insert({ name });
      for (const name of ['a', 'b', 'c']) expect(await db('t').where({ name }).select('name')).toEqual([{ name }]);
      await db.schema.alterTable('t', (table) => table.string('extra'));
      // A statement compiled before the table changed answers with the table as it is now.
      expect(await db('t').where({ name: 'a' }).select('*')).toEqual([{ id: 1, name: 'a', extra: null }]);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
