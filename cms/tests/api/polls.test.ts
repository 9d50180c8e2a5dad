// The polls plugin through the real CMS and its demo content: Site.polls and Site.poll on a
// site that enables polls, PLUGIN_NOT_ENABLED on one that does not, and the vote mutation:
// write secret, refused input counting nothing, one vote per reader, concurrency.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import knex, { type Knex } from 'knex';
import { adminLogin, cmsUrl, gql, type Json } from '../support/client';

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

describe('for editors', () => {
  let token = '';
  const admin = async (method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown, auth = true) => {
    const response = await fetch(`${cmsUrl()}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text };
  };

  beforeAll(async () => {
    token = await adminLogin();
  });

  it('refuses a poll with one choice and a repeated key, at the fields, and saves nothing', async () => {
    const slug = `rule-${randomUUID().slice(0, 8)}`;
    const response = await admin('POST', '/content-manager/collection-types/plugin::polls.poll?locale=en', {
      slug,
      question: 'Which?',
      choices: [{ key: 'same', label: 'One' }],
      placement: 'home',
      allSites: true,
    });
    expect(response.status).toBe(400);
    const body = JSON.parse(response.text);
    const paths = body.error.details.errors.map((error: Json) => error.path.join('.'));
    expect(paths).toContain('choices');
    const twice = await admin('POST', '/content-manager/collection-types/plugin::polls.poll?locale=en', {
      slug,
      question: 'Which?',
      choices: [{ key: 'same', label: 'One' }, { key: 'same', label: 'Two' }],
      placement: 'home',
      allSites: true,
    });
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.text).error.details.errors.map((error: Json) => error.path.join('.'))).toContain('choices.1.key');
    expect(await db('polls_polls').where({ slug }).count({ count: '*' }).then((rows) => Number(rows[0]?.count))).toBe(0);
  });

  it('refuses a poll placed after an article that does not exist, at the field, and takes one that does', async () => {
    const base = '/content-manager/collection-types/plugin::polls.poll?locale=en';
    const poll = (slug: string, article: string, placement = 'article') => ({
      slug,
      question: 'Did this help?',
      choices: [{ key: 'yes', label: 'Yes' }, { key: 'no', label: 'No' }],
      placement,
      article,
      allSites: true,
    });
    const slug = `after-${randomUUID().slice(0, 8)}`;
    const refused = await admin('POST', base, poll(slug, 'no-such-article'));
    expect(refused.status).toBe(400);
    const errors = JSON.parse(refused.text).error.details.errors;
    expect(errors).toEqual([expect.objectContaining({ path: ['article'], message: expect.stringContaining('No article has the web address name "no-such-article"') })]);
    expect(await db('polls_polls').where({ slug }).count({ count: '*' }).then((rows) => Number(rows[0]?.count))).toBe(0);
    // A leftover article does not matter where the poll is not placed after it.
    expect((await admin('POST', base, poll(`${slug}-home`, 'no-such-article', 'home'))).status).toBe(201);
    const taken = await admin('POST', base, poll(slug, 'hiv-testing-basics'));
    expect(taken.status).toBe(201);
    // The article goes away after the save (here: the stored draft names another): publishing is refused too.
    await db('polls_polls').where({ slug }).update({ article: 'no-longer-here' });
    const documentId = JSON.parse(taken.text).data.documentId;
    const publish = await admin('POST', `/content-manager/collection-types/plugin::polls.poll/${documentId}/actions/publish?locale=en`, {});
    expect(publish.status).toBe(400);
    expect(JSON.parse(publish.text).error.details.errors).toEqual([expect.objectContaining({ path: ['article'], message: expect.stringContaining('"no-longer-here"') })]);
    expect(await db('polls_polls').where({ slug }).whereNotNull('published_at').count({ count: '*' }).then((rows) => Number(rows[0]?.count))).toBe(0);
  });

  it('serves a poll an editor publishes, and their edit, at once; a vote then counts', async () => {
    const slug = `edited-${randomUUID().slice(0, 8)}`;
    const base = '/content-manager/collection-types/plugin::polls.poll';
    const read = async () => (await gql(`{ site(host: "kijana-ke.localhost") { poll(slug: "${slug}") { question isOpen choices { id label } } } }`)).data.site.poll;
    expect(await read()).toBeNull();
    const created = await admin('POST', `${base}?locale=en`, {
      slug,
      question: 'Is this new?',
      choices: [{ key: 'yes', label: 'Yes' }, { key: 'no', label: 'No' }],
      placement: 'home',
      allSites: false,
      sites: ['kijana-ke'],
      results: 'percent',
    });
    expect(created.status).toBe(201);
    const documentId = JSON.parse(created.text).data.documentId;
    expect(await read()).toBeNull(); // a draft is not served
    // Publish and edit send only what changes: the rule sees the stored draft (with its choices) under it.
    expect((await admin('POST', `${base}/${documentId}/actions/publish?locale=en`, {})).status).toBe(200);
    expect(await read()).toEqual({ question: 'Is this new?', isOpen: true, choices: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] });
    expect((await admin('PUT', `${base}/${documentId}?locale=en`, { question: 'Is this edited?' })).status).toBe(200);
    expect((await admin('POST', `${base}/${documentId}/actions/publish?locale=en`, {})).status).toBe(200);
    expect((await read()).question).toBe('Is this edited?');
    const counted = await vote({ site: 'kijana-ke', poll: slug, choices: ['no'], reader: reader() });
    expect(counted.data.vote).toMatchObject({ counted: true, poll: { totalVotes: 1 } });
    // A new translation sends only its own text; the shared fields come from the document.
    const swahili = await admin('PUT', `${base}/${documentId}?locale=sw`, { question: 'Je, ni mpya?', choices: [{ key: 'yes', label: 'Ndiyo' }, { key: 'no', label: 'Hapana' }] });
    expect(swahili.status).toBe(200);
    expect((await admin('POST', `${base}/${documentId}/actions/publish?locale=sw`, {})).status).toBe(200);
    const inSwahili = (await gql(`{ site(host: "kijana-ke.localhost") { poll(slug: "${slug}", locale: "sw-KE") { question locale totalVotes choices { id label votes } } } }`)).data.site.poll;
    expect(inSwahili).toEqual({ question: 'Je, ni mpya?', locale: 'sw', totalVotes: 1, choices: [{ id: 'yes', label: 'Ndiyo', votes: 0 }, { id: 'no', label: 'Hapana', votes: 1 }] });
  });

  it('reads a poll’s results per site, as JSON and as CSV, with an admin session only', async () => {
    const someone = reader();
    const voted = await vote({ site: 'mama-ng', poll: 'mama-home', choices: ['sometimes'], reader: someone });
    const documentId = String(voted.data.vote.poll.id).split(':')[0];
    const json = await admin('GET', `/polls/results/${documentId}`);
    expect(json.status).toBe(200);
    const site = JSON.parse(json.text).sites.find((entry: Json) => entry.site === 'mama-ng');
    expect(site).toMatchObject({ name: 'MamaCare Nigeria', totalVotes: voted.data.vote.poll.totalVotes });
    expect(site.choices.map((choice: Json) => choice.id)).toEqual(['every-night', 'sometimes', 'never']);
    expect(site.choices.find((choice: Json) => choice.id === 'sometimes').votes).toBe(voted.data.vote.poll.choices.find((choice: Json) => choice.id === 'sometimes').votes);
    const csv = await admin('GET', `/polls/results/${documentId}?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('"site","site name","choice","label","votes","percent","site total votes"');
    expect(csv.text).toContain('"mama-ng","MamaCare Nigeria","sometimes","Sometimes"');
    expect((await admin('GET', `/polls/results/${documentId}`, undefined, false)).status).toBe(401);
    expect((await admin('GET', '/polls/results/no-such-poll')).status).toBe(404);
  });
});
