// Ballot storage against real databases: a temporary SQLite file and the PostgreSQL test
// database (tables with a prefix of their own, dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { castVote, countVotes, deleteVotes, dropTables, ensureTables, tablesWithPrefix, voterHash, voterKey } from '../cms/ballots';

const PG_URL = process.env.POLLS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const key = voterKey('test-encryption-key');

describe('voterHash', () => {
  it('is keyed, per site, and never contains the reader', () => {
    const hash = voterHash(key, 'kijana-ke', 'reader-1');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(voterHash(key, 'kijana-ke', 'reader-1'));
    expect(hash).not.toBe(voterHash(key, 'mama-ng', 'reader-1'));
    expect(hash).not.toBe(voterHash(voterKey('another-key'), 'kijana-ke', 'reader-1'));
    expect(hash).not.toContain('reader-1');
  });
});

const engines: Array<[string, () => { db: Knex; cleanup: () => void }]> = [
  [
    'SQLite',
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polls-ballots-'));
      const db = knex({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'test.db') }, useNullAsDefault: true });
      return { db, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  ['PostgreSQL', () => ({ db: knex({ client: 'pg', connection: PG_URL, pool: { min: 0, max: 10 } }), cleanup: () => undefined })],
];

describe.each(engines)('ballots on %s', (_name, open) => {
  const tables = tablesWithPrefix(`polls_test_${process.pid}_${Date.now().toString(36)}_`);
  let db: Knex;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ db, cleanup } = open());
    await ensureTables(db, tables);
    await ensureTables(db, tables); // a second start finds them and changes nothing
  });

  afterAll(async () => {
    await dropTables(db, tables);
    await db.destroy();
    cleanup();
  });

  it('counts a vote once per voter per poll, per site and per choice', async () => {
    const vote = (reader: string, site: string, choices: string[], poll = 'poll-a') => castVote(db, { poll, site, voter: voterHash(key, site, reader), choices }, tables);
    expect(await vote('r1', 'kijana-ke', ['yes'])).toBe(true);
    expect(await vote('r2', 'kijana-ke', ['no'])).toBe(true);
    expect(await vote('r3', 'kijana-ke', ['yes'])).toBe(true);
    expect(await vote('r1', 'kijana-ke', ['no'])).toBe(false);
    expect(await vote('r1', 'mama-ng', ['no'])).toBe(true);
    expect(await vote('r1', 'kijana-ke', ['a', 'b'], 'poll-b')).toBe(true);

    const kenya = await countVotes(db, 'poll-a', 'kijana-ke', tables);
    expect(kenya.total).toBe(3);
    expect(Object.fromEntries(kenya.byChoice)).toEqual({ yes: 2, no: 1 });
    const nigeria = await countVotes(db, 'poll-a', 'mama-ng', tables);
    expect(nigeria.total).toBe(1);
    expect(Object.fromEntries(nigeria.byChoice)).toEqual({ no: 1 });
    const multiple = await countVotes(db, 'poll-b', 'kijana-ke', tables);
    expect(multiple.total).toBe(1);
    expect(Object.fromEntries(multiple.byChoice)).toEqual({ a: 1, b: 1 });
    expect(await countVotes(db, 'poll-none', 'kijana-ke', tables)).toEqual({ total: 0, byChoice: new Map() });
  });

  it('counts exactly 2,000 of 2,000 concurrent votes by distinct voters', async () => {
    const results = await Promise.all(
      Array.from({ length: 2000 }, (_, index) =>
        castVote(db, { poll: 'poll-race', site: 'kijana-ke', voter: voterHash(key, 'kijana-ke', `reader-${index}`), choices: [index % 3 === 0 ? 'yes' : 'no'] }, tables),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(2000);
    const counts = await countVotes(db, 'poll-race', 'kijana-ke', tables);
    expect(counts.total).toBe(2000);
    expect(Object.fromEntries(counts.byChoice)).toEqual({ yes: 667, no: 1333 });
  });

  it('counts 500 concurrent votes by one voter once', async () => {
    const voter = voterHash(key, 'kijana-ke', 'the-same-reader');
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, index) => castVote(db, { poll: 'poll-once', site: 'kijana-ke', voter, choices: [index % 2 === 0 ? 'yes' : 'no'] }, tables)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const counts = await countVotes(db, 'poll-once', 'kijana-ke', tables);
    expect(counts.total).toBe(1);
    expect([...counts.byChoice.values()]).toEqual([1]);
  });

  it("forgets a deleted poll's ballots and choices", async () => {
    await deleteVotes(db, 'poll-a', tables);
    expect((await countVotes(db, 'poll-a', 'kijana-ke', tables)).total).toBe(0);
    expect((await countVotes(db, 'poll-a', 'kijana-ke', tables)).byChoice.size).toBe(0);
    expect((await countVotes(db, 'poll-b', 'kijana-ke', tables)).total).toBe(1);
  });
});
