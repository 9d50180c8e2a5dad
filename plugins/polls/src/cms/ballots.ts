// Where votes live: one plain table made with knex (not a content type), one row per ballot
// with the choices it names, one ballot per voter per poll enforced by a UNIQUE constraint,
// never by reading first. A vote is one INSERT: nothing to half-write. SQLite and PostgreSQL.
import { createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';

/** Table names; tests pass their own prefix so they never touch the CMS's tables. */
export interface BallotTables {
  readonly ballots: string;
}

export const defaultTables: BallotTables = { ballots: 'polls_ballots' };

export function tablesWithPrefix(prefix: string): BallotTables {
  return { ballots: `${prefix}ballots` };
}

/** Choice keys are slugs (no commas): a ballot's choices are stored joined by commas. */
const SEPARATOR = ',';

/** Creates the table and its indexes when missing; safe to call on every start. */
export async function ensureTables(db: Knex, tables: BallotTables = defaultTables): Promise<void> {
  if (await db.schema.hasTable(tables.ballots)) return;
  await db.schema.createTable(tables.ballots, (table) => {
    table.increments('id').primary();
    table.string('poll', 64).notNullable();
    table.string('site', 64).notNullable();
    table.string('voter', 64).notNullable();
    table.string('choices', 500).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    table.unique(['poll', 'voter'], { indexName: `${tables.ballots}_poll_voter_unique` });
    table.index(['poll', 'site'], `${tables.ballots}_poll_site_index`);
  });
}

export async function dropTables(db: Knex, tables: BallotTables): Promise<void> {
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

/**
 * Records a ballot with its choices in one INSERT. `false` when this voter already has a
 * ballot for the poll: the insert hit the UNIQUE constraint and nothing was counted.
 */
export async function castVote(db: Knex, ballot: Ballot, tables: BallotTables = defaultTables): Promise<boolean> {
  const inserted: unknown[] = await db(tables.ballots)
    .insert({ poll: ballot.poll, site: ballot.site, voter: ballot.voter, choices: ballot.choices.join(SEPARATOR) })
    .onConflict(['poll', 'voter'])
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

export interface Counts {
  /** Ballots cast (voters). */
  readonly total: number;
  /** Per choice key, how many ballots named it. */
  readonly byChoice: ReadonlyMap<string, number>;
}

const groupRow = z.object({ choices: z.string(), count: z.coerce.number() });
const siteGroupRow = groupRow.extend({ site: z.string() });

/** Ballots grouped by the choices they name, added up per choice. */
function tally(groups: ReadonlyArray<{ choices: string; count: number }>): Counts {
  let total = 0;
  const byChoice = new Map<string, number>();
  for (const group of groups) {
    total += group.count;
    for (const choice of group.choices.split(SEPARATOR)) if (choice !== '') byChoice.set(choice, (byChoice.get(choice) ?? 0) + group.count);
  }
  return { total, byChoice };
}

/** The votes cast for a poll on one site. */
export async function countVotes(db: Knex, poll: string, site: string, tables: BallotTables = defaultTables): Promise<Counts> {
  const rows: unknown = await db(tables.ballots).where({ poll, site }).select('choices').count({ count: '*' }).groupBy('choices');
  return tally(z.array(groupRow).parse(rows));
}

/** The votes cast for a poll, per site that has any (for the editors' results view). */
export async function countVotesBySite(db: Knex, poll: string, tables: BallotTables = defaultTables): Promise<Map<string, Counts>> {
  const rows = z.array(siteGroupRow).parse(await db(tables.ballots).where({ poll }).select('site', 'choices').count({ count: '*' }).groupBy('site', 'choices'));
  const bySite = new Map<string, Array<{ choices: string; count: number }>>();
  for (const row of rows) bySite.set(row.site, [...(bySite.get(row.site) ?? []), row]);
  return new Map([...bySite].map(([site, groups]) => [site, tally(groups)]));
}

/** Forgets every ballot of a poll (when its document is deleted). */
export async function deleteVotes(db: Knex, poll: string, tables: BallotTables = defaultTables): Promise<void> {
  await db(tables.ballots).where({ poll }).delete();
}
