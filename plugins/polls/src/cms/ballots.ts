// Where votes live: two plain tables made with knex (not content types), one ballot per voter
// per poll enforced by a UNIQUE constraint, never by reading first. SQLite and PostgreSQL.
import { createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';

/** Table names; tests pass their own prefix so they never touch the CMS's tables. */
export interface BallotTables {
  readonly ballots: string;
  readonly choices: string;
}

export const defaultTables: BallotTables = { ballots: 'polls_ballots', choices: 'polls_ballot_choices' };

export function tablesWithPrefix(prefix: string): BallotTables {
  return { ballots: `${prefix}ballots`, choices: `${prefix}ballot_choices` };
}

/** Creates the tables and their indexes when missing; safe to call on every start. */
export async function ensureTables(db: Knex, tables: BallotTables = defaultTables): Promise<void> {
  if (!(await db.schema.hasTable(tables.ballots))) {
    await db.schema.createTable(tables.ballots, (table) => {
      table.increments('id').primary();
      table.string('poll', 64).notNullable();
      table.string('site', 64).notNullable();
      table.string('voter', 64).notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.unique(['poll', 'voter'], { indexName: `${tables.ballots}_poll_voter_unique` });
      table.index(['poll', 'site'], `${tables.ballots}_poll_site_index`);
    });
  }
  if (!(await db.schema.hasTable(tables.choices))) {
    await db.schema.createTable(tables.choices, (table) => {
      table.integer('ballot_id').unsigned().notNullable().references('id').inTable(tables.ballots).onDelete('CASCADE');
      table.string('poll', 64).notNullable();
      table.string('site', 64).notNullable();
      table.string('choice', 80).notNullable();
      table.primary(['ballot_id', 'choice']);
      table.index(['poll', 'site'], `${tables.choices}_poll_site_index`);
    });
  }
}

export async function dropTables(db: Knex, tables: BallotTables): Promise<void> {
  await db.schema.dropTableIfExists(tables.choices);
  await db.schema.dropTableIfExists(tables.ballots);
}

/** The key voter hashes are made with, derived from the CMS's ENCRYPTION_KEY (never the key itself). */
export function voterKey(encryptionKey: string): Buffer {
  return createHmac('sha256', encryptionKey).update('baobab:plugin-polls:voter:v1').digest();
}

/** HMAC-SHA256 of `${site}:${reader}`: the same reader on another site is another voter. */
export function voterHash(key: Buffer, site: string, reader: string): string {
  return createHmac('sha256', key).update(`${site}:${reader}`).digest('hex');
}

export interface Ballot {
  readonly poll: string;
  readonly site: string;
  /** From `voterHash`, never a raw reader id. */
  readonly voter: string;
  /** Distinct, already checked against the poll. */
  readonly choices: readonly string[];
}

const insertedSchema = z.array(z.union([z.object({ id: z.coerce.number() }), z.coerce.number()]));

/**
 * Records a ballot and its choices in one transaction. `false` when this voter already has a
 * ballot for the poll: the insert hit the UNIQUE constraint and nothing was counted.
 */
export async function castVote(db: Knex, ballot: Ballot, tables: BallotTables = defaultTables): Promise<boolean> {
  return db.transaction(async (trx) => {
    const inserted = insertedSchema.parse(
      await trx(tables.ballots).insert({ poll: ballot.poll, site: ballot.site, voter: ballot.voter }).onConflict(['poll', 'voter']).ignore().returning('id'),
    );
    const first = inserted[0];
    if (first === undefined) return false;
    const ballotId = typeof first === 'number' ? first : first.id;
    await trx(tables.choices).insert(ballot.choices.map((choice) => ({ ballot_id: ballotId, poll: ballot.poll, site: ballot.site, choice })));
    return true;
  });
}

export interface Counts {
  /** Ballots cast (voters). */
  readonly total: number;
  /** Per choice key, how many ballots named it. */
  readonly byChoice: ReadonlyMap<string, number>;
}

const countRow = z.object({ count: z.coerce.number() });
const choiceRow = z.object({ choice: z.string(), count: z.coerce.number() });

/** The votes cast for a poll on one site. */
export async function countVotes(db: Knex, poll: string, site: string, tables: BallotTables = defaultTables): Promise<Counts> {
  const [totalRows, choiceRows] = await Promise.all([
    db(tables.ballots).where({ poll, site }).count({ count: '*' }),
    db(tables.choices).where({ poll, site }).select('choice').count({ count: '*' }).groupBy('choice'),
  ]);
  const total = z.array(countRow).parse(totalRows)[0]?.count ?? 0;
  const byChoice = new Map(z.array(choiceRow).parse(choiceRows).map((row) => [row.choice, row.count] as const));
  return { total, byChoice };
}

const siteCountRow = z.object({ site: z.string(), count: z.coerce.number() });
const siteChoiceRow = z.object({ site: z.string(), choice: z.string(), count: z.coerce.number() });

/** The votes cast for a poll, per site that has any (for the editors' results view). */
export async function countVotesBySite(db: Knex, poll: string, tables: BallotTables = defaultTables): Promise<Map<string, Counts>> {
  const [totalRows, choiceRows] = await Promise.all([
    db(tables.ballots).where({ poll }).select('site').count({ count: '*' }).groupBy('site'),
    db(tables.choices).where({ poll }).select('site', 'choice').count({ count: '*' }).groupBy('site', 'choice'),
  ]);
  const bySite = new Map<string, { total: number; byChoice: Map<string, number> }>();
  for (const row of z.array(siteCountRow).parse(totalRows)) bySite.set(row.site, { total: row.count, byChoice: new Map() });
  for (const row of z.array(siteChoiceRow).parse(choiceRows)) bySite.get(row.site)?.byChoice.set(row.choice, row.count);
  return bySite;
}

/** Forgets every ballot of a poll (when its document is deleted). */
export async function deleteVotes(db: Knex, poll: string, tables: BallotTables = defaultTables): Promise<void> {
  await db(tables.choices).where({ poll }).delete();
  await db(tables.ballots).where({ poll }).delete();
}
