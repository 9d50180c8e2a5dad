// The budget of plugin posts per client address (BAOBAB_POSTS_PER_MINUTE) on a second
// mobi-site over real HTTP, against the shared real CMS, with the budget set to 3: fresh
// reader cookies buy no more posts; the next post gets 429, Retry-After and a short page in
// the reader's language, nothing counted; reading goes on. Loopback has one address, so
// keying by address (IPv6 /64, IPv4-mapped) is tested in src/__tests__/plugin-posts.test.ts.
import http from 'node:http';
import { startMobi, type RunningMobi } from '@baobab/testkit';
import { count } from './support/http';

const HOST = 'kijana-ke.localhost';
const ARTICLE = '/sw-KE/articles/hiv-testing-basics';
const POLL = 'know-your-status';
const BUDGET = 3;

let mobi: RunningMobi;
let mobiUrl = '';

beforeAll(async () => {
  mobi = await startMobi({
    cmsUrl: process.env.BAOBAB_TEST_MOBI_CMS_URL ?? '',
    env: { BAOBAB_WRITE_SECRET: process.env.BAOBAB_TEST_MOBI_WRITE_SECRET, BAOBAB_POSTS_PER_MINUTE: String(BUDGET) },
  });
  mobiUrl = mobi.url;
});

afterAll(async () => {
  await mobi.stop();
});

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly html: string;
}

function send(method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(target, mobiUrl), { method, headers: { host: HOST, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, html: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A new reader, as a bot minting cookies would be: the page's cookie and its form's token. */
async function newReader(): Promise<{ cookie: string; token: string }> {
  const answer = await send('GET', ARTICLE);
  expect(answer.status).toBe(200);
  const cookie = (answer.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(answer.html)?.[1] ?? '';
  expect(cookie).toMatch(/^baobab_reader=/);
  return { cookie, token };
}

const vote = ({ cookie, token }: { cookie: string; token: string }, headers: Record<string, string> = {}) =>
  send('POST', '/_plugins/polls/vote', { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, new URLSearchParams({ _csrf: token, _back: ARTICLE, poll: POLL, choice: 'not-yet' }).toString());

async function totalVotes(): Promise<number> {
  const response = await fetch(`${process.env.BAOBAB_TEST_MOBI_CMS_URL ?? ''}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ site(host: "${HOST}") { poll(slug: "${POLL}") { totalVotes } } }` }),
  });
  const total = ((await response.json()) as { data?: { site?: { poll?: { totalVotes?: unknown } } } }).data?.site?.poll?.totalVotes;
  if (typeof total !== 'number') throw new Error(`no totalVotes for ${POLL}`);
  return total;
}

describe('plugin posts from one client address', () => {
  it('are taken up to the budget, each from a fresh reader; the next is 429 with Retry-After and a short page in Swahili, not counted', async () => {
    const before = await totalVotes();
    for (let post = 0; post < BUDGET; post += 1) expect((await vote(await newReader())).status).toBe(303);
    expect(await totalVotes()).toBe(before + BUDGET);

    // Another fresh cookie, and a forwarded address that is not trusted: the same budget.
    const over = await vote(await newReader(), { 'x-forwarded-for': '203.0.113.9' });
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(over.headers['cache-control']).toBe('no-store');
    expect(over.html).toContain('<html lang="sw-KE"');
    expect(over.html).toContain('<h1>Majaribio mengi mno</h1>');
    expect(over.html).toContain('Tafadhali jaribu tena baada ya dakika moja.');
    // The site's own look (its stylesheet, its menu), no script, and not the article or its form.
    expect(over.html).toContain('<style');
    expect(count(over.html, /<script\b/gi)).toBe(0);
    expect(over.html).not.toContain('action="/_plugins/polls/vote');
    expect(over.html).not.toContain('<article');
    expect(await totalVotes()).toBe(before + BUDGET);
  });

  it('leave reading alone: the article and its poll form still answer 200', async () => {
    const page = await send('GET', ARTICLE);
    expect(page.status).toBe(200);
    expect(page.html).toContain('action="/_plugins/polls/vote#poll-know-your-status"');
    expect(page.headers['retry-after']).toBeUndefined();
  });

  it('are refused in English for a form on an English page', async () => {
    const reader = await newReader();
    const answer = await send('POST', '/_plugins/polls/vote', { cookie: reader.cookie, 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ _csrf: reader.token, _back: '/articles/hiv-testing-basics', poll: POLL, choice: 'not-yet' }).toString());
    expect(answer.status).toBe(429);
    expect(answer.html).toContain('<html lang="en-KE"');
    expect(answer.html).toContain('Please try again in a minute.');
  });
});
