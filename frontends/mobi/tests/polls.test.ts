// The polls plugin on the mobi-site over real HTTP, against the real CMS and the production
// build: the form after an article on a site that enables polls, the vote and its fresh
// results, and every refusal (CSRF, size, a site without polls, the CMS's own errors).
import http from 'node:http';
import { count } from './support/http';

const HOST = 'kijana-ke.localhost';
const ARTICLE = '/articles/hiv-testing-basics';
const POLL = 'know-your-status';

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly html: string;
}

function send(method: string, path: string, options: { host?: string; headers?: Record<string, string | number>; body?: string | Buffer } = {}): Promise<Answer> {
  const target = new URL(path, process.env.BAOBAB_TEST_MOBI_URL);
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method, headers: { host: options.host ?? HOST, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, html: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A reader as a browser is after opening a page with a poll: the cookie it was given and the form's token. */
async function reader(path = ARTICLE, host = HOST): Promise<{ cookie: string; token: string; html: string }> {
  const answer = await send('GET', path, { host });
  expect(answer.status).toBe(200);
  const cookie = (answer.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(answer.html)?.[1] ?? '';
  expect(cookie).toMatch(/^baobab_reader=/);
  expect(token).not.toBe('');
  return { cookie, token, html: answer.html };
}

const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return body.toString();
};

const vote = (cookie: string, fields: Record<string, string | string[]>, host = HOST) =>
  send('POST', '/_plugins/polls/vote', { host, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) });

/** The poll's total on kijana-ke, straight from the delivery API. */
async function totalVotes(slug = POLL): Promise<number> {
  const response = await fetch(`${process.env.BAOBAB_TEST_MOBI_CMS_URL ?? ''}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ site(host: "${HOST}") { poll(slug: "${slug}") { totalVotes } } }` }),
  });
  const body: unknown = await response.json();
  const total = (body as { data?: { site?: { poll?: { totalVotes?: unknown } } } }).data?.site?.poll?.totalVotes;
  if (typeof total !== 'number') throw new Error(`no totalVotes for ${slug}: ${JSON.stringify(body)}`);
  return total;
}

describe('a poll after an article', () => {
  it('is a plain form on kijana-ke: radio buttons, a Vote button, the hidden token, no script', async () => {
    const { html } = await reader();
    expect(html).toContain('<form method="post" action="/_plugins/polls/vote">');
    expect(html).toContain('Have you ever taken an HIV test?');
    expect(count(html, /type="radio" name="choice"/g)).toBe(3);
    expect(html).toContain('<button type="submit">Vote</button>');
    expect(count(html, /<script\b/gi)).toBe(0);
  });

  it('is not there on thrive-za, which carries the article but does not enable polls', async () => {
    const answer = await send('GET', ARTICLE, { host: 'thrive-za.localhost' });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('<article');
    expect(answer.html).not.toContain('/_plugins/');
    expect(answer.html).not.toContain('HIV test?');
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('is in Swahili for a sw-KE reader, with the UI strings in Swahili', async () => {
    const { html } = await reader(`/sw-KE${ARTICLE}`);
    expect(html).toContain('Je, umewahi kupima VVU?');
    expect(html).toContain('<button type="submit">Piga kura</button>');
  });
});

describe('voting', () => {
  it('counts the vote, redirects (303) to the page with fresh results, and counts a second vote of the same reader never', async () => {
    const before = await totalVotes();
    const { cookie, token } = await reader();
    const answer = await vote(cookie, { _csrf: token, _back: ARTICLE, poll: POLL, choice: 'not-yet' });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`${ARTICLE}?voted=${POLL}#poll-${POLL}`);
    expect(await totalVotes()).toBe(before + 1);

    const results = await send('GET', `${ARTICLE}?voted=${POLL}`, { headers: { cookie } });
    expect(results.status).toBe(200);
    expect(results.headers['x-page-cache']).toBe('fresh');
    expect(results.headers['cache-control']).toBe('no-store');
    expect(results.html).toContain('Thank you for voting.');
    expect(results.html).toContain(`Total votes: ${before + 1}`);
    expect(results.html).toMatch(/Not yet: <strong>\d+%<\/strong>/);
    expect(results.html).not.toContain('action="/_plugins/polls/vote"');

    const again = await vote(cookie, { _csrf: token, _back: ARTICLE, poll: POLL, choice: 'yes-recently' });
    expect(again.status).toBe(303);
    expect(await totalVotes()).toBe(before + 1);
  });

  it.each([
    ['no token', () => ({})],
    ['a forged token', (token: string) => ({ _csrf: `${token.slice(0, -3)}AAA` })],
  ])('refuses a post with %s: the page again with the message and 403, nothing counted', async (_name, tokenFields: (token: string) => Record<string, string>) => {
    const before = await totalVotes();
    const { cookie, token } = await reader();
    const answer = await vote(cookie, { ...tokenFields(token), _back: ARTICLE, poll: POLL, choice: 'not-yet' });
    expect(answer.status).toBe(403);
    expect(answer.html).toContain('This form has expired. Please try again.');
    expect(answer.html).toContain('<html lang="en-KE"');
    expect(answer.html).toContain('action="/_plugins/polls/vote"');
    expect(await totalVotes()).toBe(before);
  });

  it('refuses a token made for another cookie, and a post with no cookie at all', async () => {
    const before = await totalVotes();
    const alice = await reader();
    const bob = await reader();
    expect((await vote(alice.cookie, { _csrf: bob.token, _back: ARTICLE, poll: POLL, choice: 'not-yet' })).status).toBe(403);
    expect((await vote('', { _csrf: bob.token, _back: ARTICLE, poll: POLL, choice: 'not-yet' })).status).toBe(403);
    expect(await totalVotes()).toBe(before);
  });

  it('answers a 1 MB body with 413', async () => {
    const answer = await send('POST', '/_plugins/polls/vote', { headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 1024 * 1024 }, body: Buffer.alloc(1024 * 1024, 97) });
    expect(answer.status).toBe(413);
  });

  it('answers 404 to the vote route on thrive-za, which does not enable polls', async () => {
    const { token, cookie } = await reader();
    const answer = await vote(cookie, { _csrf: token, _back: ARTICLE, poll: POLL, choice: 'not-yet' }, 'thrive-za.localhost');
    expect(answer.status).toBe(404);
  });

  it.each([
    ['an unknown poll', { poll: 'no-such-poll', choice: 'yes' }, 404, 'This poll is not available.'],
    ['a closed poll', { poll: 'closed-demo', choice: 'yes' }, 409, 'This poll is closed, so your vote was not counted.'],
    ['a choice not in the poll', { poll: POLL, choice: 'maybe-later' }, 422, 'Please choose one of the answers shown.'],
    ['no choice', { poll: POLL }, 422, 'Please choose an answer, then press Vote.'],
  ])('answers %s with the page again, the message and a 4xx', async (_name, fields: Record<string, string>, status, message) => {
    const before = await totalVotes();
    const { cookie, token } = await reader();
    const answer = await vote(cookie, { _csrf: token, _back: ARTICLE, ...fields });
    expect(answer.status).toBe(status);
    expect(answer.html).toContain(message);
    expect(answer.html).toContain('<h1>');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(await totalVotes()).toBe(before);
  });

  it("says why in the reader's language", async () => {
    const { cookie, token } = await reader(`/sw-KE${ARTICLE}`);
    const answer = await vote(cookie, { _csrf: token, _back: `/sw-KE${ARTICLE}`, poll: POLL, choice: 'maybe-later' });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('<html lang="sw-KE"');
    expect(answer.html).toContain('Tafadhali chagua mojawapo ya majibu yaliyoonyeshwa.');
  });
});
