// The polls plugin's delivery half: `Site.polls`, `Site.poll` and the `vote` mutation, over
// published polls in the reader's locale chain, with counts per (poll, site) from the ballots.
import { GraphQLError } from 'graphql';
import type { DeliveryHalf, PluginDeliveryContext, PluginSite } from '@baobab/plugin-api';
import { z } from 'zod';
import { castVote, countVotes, type Counts, voterHash, voterKey } from './cms/ballots';
import { POLL_UID } from './cms/schema';
import type { PollsStrapi } from './cms/strapi';
import { allowedChoices, checkChoices, isOpen, MAX_CHOICES, MAX_READER, percents, placements, pollErrorCodes, resultModes, shuffled } from './shared';

export const typeDefs = /* GraphQL */ `
  extend type Site {
    "Polls this site carries, placed where asked, in the reader's language (locale fallback chain). PLUGIN_NOT_ENABLED on a site without the polls plugin."
    polls(locale: String, placement: PollPlacement, article: String, section: String): [Poll!]!
    "One poll this site carries, by slug, or null."
    poll(slug: String!, locale: String): Poll
  }
  enum PollPlacement {
    ARTICLE
    SECTION
    HOME
  }
  enum PollResults {
    PERCENT
    TOTALS
    HIDDEN
  }
  type Poll {
    "documentId:site:requestedLocale"
    id: ID!
    slug: String!
    question: String!
    "The locale of the translation served."
    locale: String!
    requestedLocale: String!
    isFallback: Boolean!
    isMultiple: Boolean!
    "At most this many choices in one vote (1 when single choice)."
    maxChoices: Int!
    results: PollResults!
    isOpen: Boolean!
    opensAt: DateTime
    closesAt: DateTime
    placement: PollPlacement!
    article: String
    section: String
    "Ballots cast on this site. Null when results are HIDDEN."
    totalVotes: Int
    "In stored order, or shuffled when the poll asks for random order."
    choices: [PollChoice!]!
  }
  type PollChoice {
    "The choice's key, the same in every locale."
    id: ID!
    label: String!
    "Null when results are HIDDEN."
    votes: Int
    "Share of all choices picked on this site, rounded so a poll's percents sum to 100 (largest remainder); null when HIDDEN or no votes."
    percent: Int
  }
  type VoteResult {
    "The poll with its counts as they are after this vote (never from a cache)."
    poll: Poll!
    "False when this reader had already voted: nothing was counted."
    counted: Boolean!
  }
  extend type Mutation {
    "One reader's vote. Needs the front end's write secret (Authorization: Bearer BAOBAB_WRITE_SECRET). Errors: PLUGIN_NOT_ENABLED, POLL_NOT_FOUND, POLL_CLOSED, BAD_CHOICE, TOO_MANY_CHOICES, NO_CHOICE, RATE_LIMITED, UNAUTHENTICATED."
    vote(site: String!, poll: String!, choices: [ID!]!, reader: String!, locale: String): VoteResult!
  }
`;

/** How long an answer holding counts may be served from a cache (a vote also drops it). */
export const COUNTS_TTL_MS = 5_000;
/** Votes one reader may send per site per minute. */
export const VOTES_PER_MINUTE = 10;

const instant = z
  .union([z.string(), z.number(), z.date()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : new Date(value).getTime()))
  .transform((time) => (time === null || Number.isNaN(time) ? null : time));
const stringList = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((value) => {
    if (value === null || value === undefined) return [];
    if (Array.isArray(value)) return value;
    try {
      const parsed = z.array(z.string()).safeParse(JSON.parse(value));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  });

const pollRowSchema = z.object({
  documentId: z.string(),
  locale: z.string(),
  slug: z.string(),
  question: z.string(),
  choices: z
    .array(z.object({ key: z.string(), label: z.string() }))
    .nullish()
    .transform((value) => value ?? []),
  isMultiple: z.boolean().nullish().transform((value) => value === true),
  maxChoices: z.number().int().nullish().transform((value) => value ?? null),
  results: z.enum(resultModes).nullish().transform((value) => value ?? 'percent'),
  shuffle: z.boolean().nullish().transform((value) => value === true),
  opensAt: instant,
  closesAt: instant,
  placement: z.enum(placements).nullish().transform((value) => value ?? 'article'),
  article: z.string().nullish().transform((value) => value || null),
  section: z.string().nullish().transform((value) => value || null),
  allSites: z.boolean().nullish().transform((value) => value === true),
  sites: stringList,
});
export type PollRow = z.infer<typeof pollRowSchema>;

const siteSchema = z.object({
  code: z.string(),
  defaultLocale: z.string(),
  locales: stringList,
  plugins: stringList,
});

type PollsContext = PluginDeliveryContext<PollsStrapi>;

const fail = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });
const badInput = (message: string) => fail('BAD_USER_INPUT', message);

/** Parses resolver arguments; a mistake is the client's (BAD_USER_INPUT) and names the argument. */
function argsOf<T extends z.ZodType>(schema: T, args: unknown): z.infer<T> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw badInput(`${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}`);
}

const tagFor = (documentId: string, site: string) => `polls:${documentId}:${site}`;

// Counts per (poll, site): a vote replaces them with its fresh counts; COUNTS_TTL_MS bounds
// their age (votes taken by another CMS process).
const countsCache = new Map<string, { readonly counts: Counts; readonly at: number }>();
const COUNTS_CACHE_MAX = 5_000;

/**
 * One (poll, site) at a time in this process: a vote's insert and the +1 it adds to the kept
 * counts, and a read of the counts from the database, never interleave. Otherwise a read
 * between a vote's commit and its +1 would count that vote twice (on PostgreSQL, where
 * several connections commit at once).
 */
const countLocks = new Map<string, Promise<unknown>>();
async function withCountLock<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = countLocks.get(key) ?? Promise.resolve();
  const mine = before.then(run, run);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  countLocks.set(key, settled);
  try {
    return await mine;
  } finally {
    if (countLocks.get(key) === settled) countLocks.delete(key);
  }
}

async function cachedCounts(strapi: PollsStrapi, documentId: string, site: string, now: number): Promise<Counts> {
  const key = tagFor(documentId, site);
  const known = countsCache.get(key);
  if (known && now - known.at < COUNTS_TTL_MS) return known.counts;
  return withCountLock(key, async () => {
    const counts = await countVotes(strapi.db.connection, documentId, site);
    rememberCounts(documentId, site, counts, now);
    return counts;
  });
}

/**
 * Keeps counts for (poll, site) unless newer ones are already kept: counts only grow, so a
 * read that started before a vote never replaces the vote's own fresh counts.
 */
function rememberCounts(documentId: string, site: string, counts: Counts, now: number): void {
  const key = tagFor(documentId, site);
  const known = countsCache.get(key);
  if (known && now - known.at < COUNTS_TTL_MS && known.counts.total > counts.total) return;
  if (countsCache.size >= COUNTS_CACHE_MAX) countsCache.clear();
  countsCache.set(key, { counts, at: now });
}

/**
 * The kept counts of (poll, site) with one more ballot for `choices`, kept in their place (in
 * one synchronous step, so concurrent votes each add theirs); null when none are kept fresh.
 * The kept time stays, so they are still read again from the database within COUNTS_TTL_MS
 * (votes another CMS process took).
 */
function addToKeptCounts(documentId: string, site: string, choices: readonly string[], now: number): Counts | null {
  const key = tagFor(documentId, site);
  const known = countsCache.get(key);
  if (!known || now - known.at >= COUNTS_TTL_MS) return null;
  const byChoice = new Map(known.counts.byChoice);
  for (const choice of choices) byChoice.set(choice, (byChoice.get(choice) ?? 0) + 1);
  const counts = { total: known.counts.total + 1, byChoice };
  countsCache.set(key, { counts, at: known.at });
  return counts;
}

/** Forgets cached counts (all, or one poll on one site). For tests and after a vote. */
export function forgetCounts(documentId?: string, site?: string): void {
  if (documentId === undefined || site === undefined) countsCache.clear();
  else countsCache.delete(tagFor(documentId, site));
}

// Every published translation of every poll, parsed once and kept until a poll is written
// (a database lifecycle subscribed in `init`) or PUBLISHED_TTL_MS (another process's edit).
const PUBLISHED_TTL_MS = 10_000;
let published: { readonly rows: readonly PollRow[]; readonly at: number } | null = null;

/** Forgets the published polls (after a poll is written; for tests). */
export function forgetPublishedPolls(): void {
  published = null;
}

async function publishedRows(strapi: PollsStrapi, now: number): Promise<readonly PollRow[]> {
  if (published && now - published.at < PUBLISHED_TTL_MS) return published.rows;
  const generation = published;
  const rows = z.array(pollRowSchema).parse(await strapi.db.query(POLL_UID).findMany({ where: { publishedAt: { $notNull: true } }, populate: { choices: true } }));
  // A write during the read forgot `published`; keep what was read only if none happened.
  if (published === generation) published = { rows, at: now };
  return rows;
}

/** Published translations along the chain, the best one per document. */
async function publishedPolls(strapi: PollsStrapi, now: number, chain: readonly string[], slug?: string): Promise<PollRow[]> {
  const best = new Map<string, PollRow>();
  for (const row of await publishedRows(strapi, now)) {
    if ((slug !== undefined && row.slug !== slug) || !chain.includes(row.locale)) continue;
    const current = best.get(row.documentId);
    if (!current || chain.indexOf(row.locale) < chain.indexOf(current.locale)) best.set(row.documentId, row);
  }
  return [...best.values()];
}

const upper = <T extends string>(value: T) => value.toUpperCase();

/** The `Poll` object served for one translation on one site. */
export function pollView(row: PollRow, site: PluginSite, requestedLocale: string, counts: Counts | null, now: number, random: () => number = Math.random) {
  const hidden = row.results === 'hidden' || counts === null;
  const ordered = row.shuffle ? shuffled(row.choices, random) : row.choices;
  const votes = ordered.map((choice) => counts?.byChoice.get(choice.key) ?? 0);
  const shares = percents(votes);
  return {
    id: `${row.documentId}:${site.code}:${requestedLocale}`,
    slug: row.slug,
    question: row.question,
    locale: row.locale,
    requestedLocale,
    isFallback: row.locale !== requestedLocale,
    isMultiple: row.isMultiple,
    maxChoices: allowedChoices(row, row.choices.length),
    results: upper(row.results),
    isOpen: isOpen(row, now),
    opensAt: row.opensAt === null ? null : new Date(row.opensAt).toISOString(),
    closesAt: row.closesAt === null ? null : new Date(row.closesAt).toISOString(),
    placement: upper(row.placement),
    article: row.article,
    section: row.section,
    totalVotes: hidden ? null : (counts?.total ?? 0),
    choices: ordered.map((choice, index) => ({
      id: choice.key,
      label: choice.label,
      votes: hidden ? null : (votes[index] ?? 0),
      percent: hidden || row.results === 'totals' ? null : (shares[index] ?? null),
    })),
  };
}

/** Serves polls with their counts; marks the answer as short-lived and tagged by poll and site. */
async function serve(context: PollsContext, site: PluginSite, requestedLocale: string, rows: readonly PollRow[]) {
  const views = [];
  for (const row of rows) {
    const visible = row.results !== 'hidden';
    const counts = visible ? await cachedCounts(context.strapi, row.documentId, site.code, context.now) : null;
    if (visible) {
      context.cacheFor(COUNTS_TTL_MS);
      context.tag(tagFor(row.documentId, site.code));
    }
    views.push(pollView(row, site, requestedLocale, counts, context.now));
  }
  return views;
}

const localeArgs = z.object({ locale: z.string().nullish() });
const placementArg = z.enum(['ARTICLE', 'SECTION', 'HOME']).nullish();
const slugArg = z.string().max(100);

const siteOf = (source: unknown): PluginSite => {
  const parsed = siteSchema.safeParse(source);
  if (!parsed.success) throw fail('INTERNAL_SERVER_ERROR', 'A polls field was resolved without its site.');
  return parsed.data;
};

const byOpenThenSlug = (now: number) => (a: PollRow, b: PollRow) => Number(isOpen(b, now)) - Number(isOpen(a, now)) || a.slug.localeCompare(b.slug);

async function sitePolls(source: unknown, args: unknown, context: PollsContext) {
  const site = siteOf(source);
  const input = argsOf(localeArgs.extend({ placement: placementArg, article: slugArg.nullish(), section: slugArg.nullish() }), args);
  const { requestedLocale, chain } = context.chainFor(site, input.locale);
  const placement = input.placement?.toLowerCase();
  const rows = (await publishedPolls(context.strapi, context.now, chain))
    .filter((row) => context.carries(site, row))
    // A poll is listed once it opens; a closed one stays, with its results.
    .filter((row) => row.opensAt === null || row.opensAt <= context.now)
    .filter((row) => placement === undefined || row.placement === placement)
    .filter((row) => input.article === undefined || input.article === null || row.article === input.article)
    .filter((row) => input.section === undefined || input.section === null || row.section === input.section)
    .sort(byOpenThenSlug(context.now));
  return serve(context, site, requestedLocale, rows);
}

async function sitePoll(source: unknown, args: unknown, context: PollsContext) {
  const site = siteOf(source);
  const input = argsOf(localeArgs.extend({ slug: slugArg }), args);
  const { requestedLocale, chain } = context.chainFor(site, input.locale);
  const row = (await publishedPolls(context.strapi, context.now, chain, input.slug)).find((candidate) => context.carries(site, candidate));
  if (!row) return null;
  const [view] = await serve(context, site, requestedLocale, [row]);
  return view ?? null;
}

const voteArgs = z.object({
  site: z.string().min(1).max(64),
  poll: z.string().min(1).max(100),
  choices: z.array(z.string().max(80)).max(50),
  reader: z.string().trim().min(1, 'reader must be the front end’s opaque reader id').max(MAX_READER),
  locale: z.string().nullish(),
});

const keys = new WeakMap<object, Buffer>();
function keyFor(strapi: PollsStrapi): Buffer {
  const known = keys.get(strapi);
  if (known) return known;
  const secret = strapi.config.get('admin.secrets.encryptionKey');
  if (typeof secret !== 'string' || secret.length === 0) throw fail('INTERNAL_SERVER_ERROR', 'The CMS has no ENCRYPTION_KEY to hash voters with.');
  const key = voterKey(secret);
  keys.set(strapi, key);
  return key;
}

/** The CMS has already checked the site (source), that it enables polls, the write secret, the reader and the rate limit. */
async function vote(source: unknown, args: unknown, context: PollsContext) {
  if (context.caller === null) throw fail('UNAUTHENTICATED', 'Voting needs the front end’s write secret.');
  const site = siteOf(source);
  const input = argsOf(voteArgs, args);
  const { requestedLocale, chain } = context.chainFor(site, input.locale);
  const row = (await publishedPolls(context.strapi, context.now, chain, input.poll)).find((candidate) => context.carries(site, candidate));
  if (!row) throw fail(pollErrorCodes.notFound, `There is no poll "${input.poll}" on ${site.code}.`);
  if (!isOpen(row, context.now)) throw fail(pollErrorCodes.closed, 'This poll is closed.');
  const check = checkChoices({ isMultiple: row.isMultiple, maxChoices: row.maxChoices, keys: row.choices.map((choice) => choice.key) }, input.choices);
  if (!check.ok) throw fail(check.code, check.message);

  const db = context.strapi.db.connection;
  const voter = voterHash(keyFor(context.strapi), site.code, input.reader);
  const { counted, counts } = await withCountLock(tagFor(row.documentId, site.code), async () => {
    const isCounted = await castVote(db, { poll: row.documentId, site: site.code, voter, choices: check.choices });
    // Counts that include this vote: the kept counts of (poll, site) with it added (kept counts
    // hold every vote this process took since they were read), else read from the database.
    // Counting every ballot on every vote would cost more with each vote.
    if (row.results === 'hidden') return { counted: isCounted, counts: null };
    const added = isCounted ? addToKeptCounts(row.documentId, site.code, check.choices, context.now) : null;
    if (added) return { counted: isCounted, counts: added };
    const read = await countVotes(db, row.documentId, site.code);
    rememberCounts(row.documentId, site.code, read, context.now);
    return { counted: isCounted, counts: read };
  });
  if (counted) {
    if (counts === null) forgetCounts(row.documentId, site.code);
    context.invalidateTag(tagFor(row.documentId, site.code));
  }
  return { poll: pollView(row, site, requestedLocale, counts, context.now), counted };
}

const delivery: DeliveryHalf<PollsStrapi> = {
  typeDefs,
  resolvers: {
    Site: { polls: sitePolls, poll: sitePoll },
    Mutation: { vote },
  },
  watches: [POLL_UID],
  // For the query-cost estimate: a site shows a few polls, a poll has at most 10 choices.
  listSizes: { 'Site.polls': 5, 'Poll.choices': MAX_CHOICES },
  rateLimits: { vote: VOTES_PER_MINUTE },
  init(strapi) {
    // Now, and again once the write's transaction commits (a read in between may have seen the old rows).
    const forget = async () => {
      forgetPublishedPolls();
      if (strapi.db.inTransaction()) await strapi.db.transaction(async ({ onCommit }) => onCommit(forgetPublishedPolls));
    };
    strapi.db.lifecycles.subscribe({ models: [POLL_UID], afterCreate: forget, afterUpdate: forget, afterDelete: forget, afterCreateMany: forget, afterUpdateMany: forget, afterDeleteMany: forget });
  },
};

export default delivery;
