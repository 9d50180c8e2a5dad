// The polls plugin through the real CMS and its demo content: Site.polls and Site.poll on a
// site that enables polls, PLUGIN_NOT_ENABLED on one that does not, and the vote mutation:
// write secret, refused input counting nothing, one vote per reader, concurrency.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import knex, { type Knex } from 'knex';
import { gql, type Json } from '../support/client';

const SECRET = process.env.BAOBAB_WRITE_SECRET ?? 'baobab-dev-only-secret';
const authorized = { authorization: `Bearer ${SECRET}` };

const POLL_FIELDS = 'id slug question locale requestedLocale isFallback isMultiple maxChoices results isOpen placement article totalVotes choices { id label votes percent }';
const VOTE = `mutation Vote($site: String!, $poll: String!, $choices: [ID!]!, $reader: String!, $locale: String) {
  vote(site: $site, poll: $poll, choices: $choices, reader: $reader, locale: $locale) { counted poll { ${POLL_FIELDS} } }
}`;

const reader = () => `test-${randomUUID()}`;
const vote = (variables: { site: string; poll: string; choices: string[]; reader: string; locale?: string }, headers: Record<string, string> = authorized) => gql(VOTE, variables, headers);

/** The ballots table as the CMS stores it (SQLite file of the test CMS, or DATABASE_URL). */
function ballotsDb(): Knex {
  if (process.env.DATABASE_URL) return knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 2 } });
  const dir = process.env.BAOBAB_TEST_CMS_DATA_DIR;
  if (!dir) throw new Error('BAOBAB_TEST_CMS_DATA_DIR is not set: run API tests through jest');
  return knex({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'cms.db') }, useNullAsDefault: true });
}

let db: Knex;
const storedBallots = async () => Number((await db('polls_ballots').count({ count: '*' }))[0]?.count ?? 0);

beforeAll(() => {
  db = ballotsDb();
});
afterAll(async () => {
  await db.destroy();
});

describe('Site.polls', () => {
  it('lists the polls kijana-ke carries, placed after an article, in the reader’s language', async () => {
    const result = await gql(`{ site(host: "kijana-ke.localhost") {
      article: polls(locale: "sw-KE", placement: ARTICLE, article: "hiv-testing-basics") { ${POLL_FIELDS} }
      home: polls(locale: "sw-KE", placement: HOME) { slug locale isFallback isOpen results totalVotes choices { id votes percent } }
      all: polls { slug }
    } }`);
    expect(result.errors).toBeUndefined();
    const [poll] = result.data.site.article;
    expect(result.data.site.article).toHaveLength(1);
    expect(poll).toMatchObject({
      slug: 'know-your-status',
      question: 'Je, umewahi kupima VVU?',
      locale: 'sw',
      requestedLocale: 'sw-KE',
      isMultiple: false,
      maxChoices: 1,
      results: 'PERCENT',
      isOpen: true,
      placement: 'ARTICLE',
      article: 'hiv-testing-basics',
    });
    expect(poll.id).toMatch(/^[a-z0-9]+:kijana-ke:sw-KE$/);
    expect(poll.choices.map((choice: Json) => choice.id)).toEqual(['yes-recently', 'yes-long-ago', 'not-yet']);
    expect(poll.choices[2].label).toBe('Bado');
    // Home: the open multiple-choice poll (English only: falls back) first, then the closed one with hidden results.
    expect(result.data.site.home.map((entry: Json) => entry.slug)).toEqual(['kijana-home', 'closed-demo']);
    const [home, closed] = result.data.site.home;
    expect(home).toMatchObject({ locale: 'en', isFallback: true, isOpen: true });
    expect(closed).toMatchObject({ isOpen: false, results: 'HIDDEN', totalVotes: null });
    expect(closed.choices.every((choice: Json) => choice.votes === null && choice.percent === null)).toBe(true);
    // Mama-ng's polls are not kijana-ke's.
    expect(result.data.site.all.map((entry: Json) => entry.slug).sort()).toEqual(['closed-demo', 'kijana-home', 'know-your-status']);
  });

  it('serves one poll by slug with the fallback question in a partly translated locale, and null for another site’s poll', async () => {
    const result = await gql(`{ site(host: "mama-ng.localhost") {
      ha: poll(slug: "mama-home", locale: "ha-NG") { question locale requestedLocale isFallback }
      pcm: poll(slug: "antenatal-visits", locale: "pcm-NG") { question locale isFallback results choices { percent } }
      other: poll(slug: "know-your-status") { slug }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.site.ha).toEqual({ question: 'Do you sleep under a mosquito net?', locale: 'en', requestedLocale: 'ha-NG', isFallback: true });
    expect(result.data.site.pcm).toMatchObject({ question: 'How many times you go antenatal for your last belle?', locale: 'pcm-NG', isFallback: false, results: 'TOTALS' });
    expect(result.data.site.pcm.choices.every((choice: Json) => choice.percent === null)).toBe(true);
    expect(result.data.site.other).toBeNull();
  });

  it('answers PLUGIN_NOT_ENABLED on thrive-za, which does not enable polls', async () => {
    const result = await gql('{ site(host: "thrive-za.localhost") { polls { slug } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('PLUGIN_NOT_ENABLED');
    const mutation = await vote({ site: 'thrive-za', poll: 'know-your-status', choices: ['not-yet'], reader: reader() });
    expect(mutation.errors?.[0]?.extensions?.code).toBe('PLUGIN_NOT_ENABLED');
  });
});

describe('vote', () => {
  it('needs the write secret: without it nothing is counted', async () => {
    const before = await storedBallots();
    const anonymous = await vote({ site: 'kijana-ke', poll: 'know-your-status', choices: ['not-yet'], reader: reader() }, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await vote({ site: 'kijana-ke', poll: 'know-your-status', choices: ['not-yet'], reader: reader() }, { authorization: 'Bearer not-the-secret' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await storedBallots()).toBe(before);
  });

  it('counts a vote, answers fresh results, and a second vote by the same reader is counted: false', async () => {
    const first = reader();
    const counted = await vote({ site: 'kijana-ke', poll: 'know-your-status', choices: ['not-yet'], reader: first, locale: 'sw-KE' });
    expect(counted.errors).toBeUndefined();
    expect(counted.data.vote.counted).toBe(true);
    const after = counted.data.vote.poll;
    expect(after).toMatchObject({ slug: 'know-your-status', locale: 'sw', requestedLocale: 'sw-KE' });
    const notYet = after.choices.find((choice: Json) => choice.id === 'not-yet');
    expect(notYet.votes).toBeGreaterThanOrEqual(1);
    expect(after.choices.reduce((sum: number, choice: Json) => sum + choice.votes, 0)).toBe(after.totalVotes);
    expect(after.choices.reduce((sum: number, choice: Json) => sum + choice.percent, 0)).toBe(100);

    const again = await vote({ site: 'kijana-ke', poll: 'know-your-status', choices: ['yes-recently'], reader: first });
    expect(again.errors).toBeUndefined();
    expect(again.data.vote.counted).toBe(false);
    expect(again.data.vote.poll.totalVotes).toBe(after.totalVotes);
    expect(again.data.vote.poll.choices.find((choice: Json) => choice.id === 'yes-recently').votes).toBe(after.choices.find((choice: Json) => choice.id === 'yes-recently').votes);

    // The same reader on another site is another voter.
    const elsewhere = await vote({ site: 'mama-ng', poll: 'mama-home', choices: ['never'], reader: first });
    expect(elsewhere.data.vote.counted).toBe(true);
  });

  it('shows the vote in Site.poll right after it (the cached answer is dropped)', async () => {
    const read = async () => (await gql('{ site(host: "mama-ng.localhost") { poll(slug: "antenatal-visits") { totalVotes choices { id votes } } } }')).data.site.poll;
    const before = await read();
    await read(); // cached now
    const result = await vote({ site: 'mama-ng', poll: 'antenatal-visits', choices: ['four-or-more'], reader: reader() });
    expect(result.data.vote.counted).toBe(true);
    const after = await read();
    expect(after.totalVotes).toBe(before.totalVotes + 1);
    expect(after.choices.find((choice: Json) => choice.id === 'four-or-more').votes).toBe(before.choices.find((choice: Json) => choice.id === 'four-or-more').votes + 1);
  });

  it.each([
    ['an unknown poll', { poll: 'no-such-poll', choices: ['yes'] }, 'POLL_NOT_FOUND'],
    ['another site’s poll', { poll: 'antenatal-visits', choices: ['none'] }, 'POLL_NOT_FOUND'],
    ['a closed poll', { poll: 'closed-demo', choices: ['yes'] }, 'POLL_CLOSED'],
    ['a choice not in the poll', { poll: 'know-your-status', choices: ['maybe'] }, 'BAD_CHOICE'],
    ['two choices in a single-choice poll', { poll: 'know-your-status', choices: ['not-yet', 'yes-recently'] }, 'TOO_MANY_CHOICES'],
    ['more than maxChoices', { poll: 'kijana-home', choices: ['relationships', 'contraception', 'hiv'] }, 'TOO_MANY_CHOICES'],
    ['no choice', { poll: 'know-your-status', choices: [] }, 'NO_CHOICE'],
  ])('refuses %s with its code and counts nothing', async (_name, input, code) => {
    const before = await storedBallots();
    const someone = reader();
    const result = await vote({ site: 'kijana-ke', reader: someone, ...input });
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(result.data?.vote ?? null).toBeNull();
    expect(await storedBallots()).toBe(before);
    // The refused reader can still vote: nothing was recorded for them.
    if (input.poll === 'know-your-status') {
      const later = await vote({ site: 'kijana-ke', reader: someone, poll: 'know-your-status', choices: ['yes-long-ago'] });
      expect(later.data.vote.counted).toBe(true);
    }
  });

  it('counts a multiple-choice vote up to maxChoices, percents summing to 100', async () => {
    const result = await vote({ site: 'kijana-ke', poll: 'kijana-home', choices: ['hiv', 'relationships'], reader: reader() });
    expect(result.errors).toBeUndefined();
    const poll = result.data.vote.poll;
    expect(poll.isMultiple).toBe(true);
    expect(poll.maxChoices).toBe(2);
    expect(poll.choices.reduce((sum: number, choice: Json) => sum + choice.percent, 0)).toBe(100);
  });

  it('counts exactly 2,000 votes from 2,000 distinct readers sent at once', async () => {
    const send = (index: number) => vote({ site: 'mama-ng', poll: 'mama-home', choices: [index % 2 === 0 ? 'every-night' : 'sometimes'], reader: `concurrency-${randomUUID()}` });
    const probe = reader();
    const start = (await vote({ site: 'mama-ng', poll: 'mama-home', choices: ['never'], reader: probe })).data.vote.poll.totalVotes;
    const results = [];
    // 100 requests in flight at a time.
    for (let batch = 0; batch < 20; batch += 1) results.push(...(await Promise.all(Array.from({ length: 100 }, (_, index) => send(batch * 100 + index)))));
    const refused = results.filter((result) => result.errors);
    expect(refused.map((result) => result.errors?.[0]?.extensions?.code)).toEqual([]);
    expect(results.filter((result) => result.data.vote.counted)).toHaveLength(2000);
    const end = (await vote({ site: 'mama-ng', poll: 'mama-home', choices: ['never'], reader: probe })).data.vote;
    expect(end.counted).toBe(false);
    expect(end.poll.totalVotes).toBe(start + 2000);
  }, 180000);
});
