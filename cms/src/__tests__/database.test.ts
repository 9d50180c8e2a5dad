import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import Database from 'better-sqlite3';
import { cachePreparedStatements, componentIndexStat, hintComponentIndexes, sqliteAfterCreate } from '../database';

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

  it('read a document\'s components through entity_id, not through an index every row shares, as the table grows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-db-'));
    const db = knex({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'cms.db') }, useNullAsDefault: true, pool: { afterCreate: sqliteAfterCreate } });
    try {
      // Strapi's component join table, as its schema sync makes it.
      await db.raw('CREATE TABLE "articles_cmps" (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `entity_id` integer NULL, `cmp_id` integer NULL, `component_type` varchar(255) NULL, `field` varchar(255) NULL, `order` float NULL)');
      await db.raw('CREATE INDEX `articles_field_idx` on `articles_cmps` (`field`)');
      await db.raw('CREATE INDEX `articles_component_type_idx` on `articles_cmps` (`component_type`)');
      await db.raw('CREATE INDEX `articles_entity_fk` on `articles_cmps` (`entity_id`)');
      await db.raw('CREATE UNIQUE INDEX `articles_uq` on `articles_cmps` (`entity_id`, `cmp_id`, `field`, `component_type`)');
      await db.raw('CREATE TABLE "articles" (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `slug` varchar(255))');
      const plan = async () =>
        ((await db.raw("EXPLAIN QUERY PLAN SELECT * FROM articles_cmps WHERE entity_id IN (1, 2) AND field = 'channelOverrides' AND component_type = 'content.channel-override'")) as Array<{ detail: string }>)
          .map((step) => step.detail)
          .join('; ');
      expect(await plan()).not.toMatch(/articles_entity_fk|articles_uq/);
      expect(await hintComponentIndexes(db)).toBe(4);
      expect(await plan()).toMatch(/USING INDEX (articles_entity_fk|articles_uq) \(entity_id=\?/);
      const stats = (await db.raw('SELECT idx, stat FROM sqlite_stat1 ORDER BY idx')) as Array<{ idx: string; stat: string }>;
      expect(stats).toEqual([
        { idx: 'articles_component_type_idx', stat: '1000000 100000' },
        { idx: 'articles_entity_fk', stat: '1000000 4' },
        { idx: 'articles_field_idx', stat: '1000000 100000' },
        { idx: 'articles_uq', stat: '1000000 4 1 1 1' },
      ]);
      // Written again at the next start-up: the same rows, not twice as many.
      await hintComponentIndexes(db);
      expect(((await db.raw('SELECT count(*) AS n FROM sqlite_stat1')) as Array<{ n: number }>)[0]?.n).toBe(4);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('describe an index by its columns: shared columns pick many rows, entity_id a few', () => {
    expect(componentIndexStat(['field'])).toBe('1000000 100000');
    expect(componentIndexStat(['field', 'entity_id'])).toBe('1000000 100000 1');
    expect(componentIndexStat(['entity_id', 'cmp_id'])).toBe('1000000 4 1');
  });
});
