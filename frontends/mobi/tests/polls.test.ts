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

/** Where a redirect sends the reader, without the fragment (a browser does not send it). */
const location = (answer: Answer) => String(answer.headers.location ?? '').split('#')[0] ?? '';

/** The GET a browser makes after a 303, with the reader's cookie. */
const follow = (answer: Answer, cookie: string) => send('GET', location(answer), { headers: { cookie } });

/** One poll's box on a page: from its id to the end of its <div>. */
function pollBox(html: string, slug: string): string {
  const start = html.indexOf(`id="poll-${slug}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</div>', start));
}

describe('a poll after an article', () => {
  it('is a plain form on kijana-ke: radio buttons, a Vote button, the hidden token, no script', async () => {
    const { html } = await reader();
    expect(html).toContain('<form method="post" action="/_plugins/polls/vote#poll-know-your-status">');
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
  it('counts the vote, redirects (303) to the page with fresh results and thanks, and counts a second vote of the same reader never', async () => {
    const before = await totalVotes();
    const { cookie, token } = await reader();
    const answer = await vote(cookie, { _csrf: token, _back: ARTICLE, poll: POLL, choice: 'not-yet' });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toMatch(new RegExp(`^${ARTICLE}\\?voted=${POLL}&sig=[A-Za-z0-9_-]{22}#poll-${POLL}$`));
    expect(await totalVotes()).toBe(before + 1);

    const results = await follow(answer, cookie);
    expect(results.status).toBe(200);
    expect(results.headers['x-page-cache']).toBe('fresh');
    expect(results.headers['cache-control']).toBe('no-store');
    expect(results.html).toContain('Thank you for voting.');
    expect(results.html).toContain(`Total votes: ${before + 1}`);
    expect(results.html).toMatch(/Not yet: <strong>\d+%<\/strong>/);
    expect(results.html).not.toContain('action="/_plugins/polls/vote');

    const again = await vote(cookie, { _csrf: token, _back: ARTICLE, poll: POLL, choice: 'yes-recently' });
    expect(again.status).toBe(303);
    expect(again.headers.location).toMatch(new RegExp(`^${ARTICLE}\\?voted=${POLL}&again=1&sig=[A-Za-z0-9_-]{22}#poll-${POLL}$`));
    expect(await totalVotes()).toBe(before + 1);
    const second = await follow(again, cookie);
    expect(second.html).toContain('You have already voted in this poll. Here are the results.');
    expect(second.html).not.toContain('Thank you for voting.');
    expect(second.html).toContain(`Total votes: ${before + 1}`);
  });

  it('thanks nobody who follows a shared results link: another reader, no cookie, or a link without the signature', async () => {
    const { cookie, token } = await reader();
    const answer = await vote(cookie, { _csrf: token, _back: ARTICLE, poll: POLL, choice: 'yes-long-ago' });
    const stranger = await reader();
    for (const [path, headers] of [
      [location(answer), { cookie: stranger.cookie }],
      [location(answer), {}],
      [`${ARTICLE}?voted=${POLL}`, { cookie }],
      [`${ARTICLE}?voted=${POLL}&again=1`, { cookie }],
    ] as const) {
      const page = await send('GET', path, { headers });
      expect(page.status).toBe(200);
      expect(page.html).toMatch(/Not yet: <strong>\d+%<\/strong>/);
      expect(page.html).not.toContain('Thank you for voting.');
      expect(page.html).not.toContain('You have already voted');
    }
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
    expect(answer.html).toContain('action="/_plugins/polls/vote#poll-know-your-status"');
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

  it('answers an unknown poll, which no page shows, with the page again, the message and 404', async () => {
    const before = await totalVotes();
    const { cookie, token } = await reader();
    const answer = await vote(cookie, { _csrf: token, _back: ARTICLE, poll: 'no-such-poll', choice: 'yes' });
    expect(answer.status).toBe(404);
    expect(answer.html).toContain('This poll is not available.');
    expect(answer.html).toContain('<h1>');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(await totalVotes()).toBe(before);
  });

  it.each([
    ['a closed poll', '/', { poll: 'closed-demo', choice: 'yes' }, 'poll-closed', 'This poll is closed, so your vote was not counted.'],
    ['a choice not in the poll', ARTICLE, { poll: POLL, choice: 'maybe-later' }, 'bad-choice', 'Please choose one of the answers shown.'],
    ['no choice', ARTICLE, { poll: POLL }, 'no-choice', 'Please choose an answer, then press Vote.'],
  ])('answers %s with the page again, a 4xx and the message in the poll\'s box, nothing counted', async (_name, back, fields: Record<string, string>, code, message) => {
    const before = await totalVotes();
    const { cookie, token } = await reader(back);
    const answer = await vote(cookie, { _csrf: token, _back: back, ...fields });
    expect(answer.status).toBe(code === 'poll-closed' ? 409 : 422);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.location).toBeUndefined();
    const box = pollBox(answer.html, String(fields.poll));
    expect(box).toContain(`<p role="alert" class="notice"><strong>${message}</strong></p>`);
    // The message is in the box only, not again above the page.
    expect(count(answer.html, /role="alert"/g)).toBe(1);
    // A key the poll does not have is never ticked.
    expect(box).not.toContain('checked');
    expect(await totalVotes()).toBe(before);
  });

  it("keeps a reader's ticks when they chose too many, in their page alone", async () => {
    const { cookie, token } = await reader('/');
    const answer = await vote(cookie, { _csrf: token, _back: '/', poll: 'kijana-home', choice: ['relationships', 'hiv', 'contraception'] });
    expect(answer.status).toBe(422);
    const box = pollBox(answer.html, 'kijana-home');
    expect(box).toContain('You chose too many answers. Please choose fewer.');
    expect(count(box, /checked=""/g)).toBe(3);
    expect(box).not.toMatch(/value="mental-health"[^>]*checked/);
    expect(count(answer.html, /role="alert"/g)).toBe(1);
    // The form posts to the poll's own anchor, so the browser shows the poll, not the page's top.
    expect(box).toContain('action="/_plugins/polls/vote#poll-kijana-home"');
    // The home page as everyone else gets it: no message, nothing ticked.
    const home = await send('GET', '/');
    expect(home.html).not.toContain('You chose too many answers');
    expect(home.html).not.toContain('checked');
  });

  it('ticks nothing a hand-made link names that the poll does not have, or more than its choices', async () => {
    for (const query of ['choice=hiv&choice=cars', 'choice=hiv&choice=hiv', 'choice=hiv&choice=hiv&choice=hiv&choice=hiv&choice=hiv']) {
      const page = await send('GET', `/?poll=kijana-home&error=too-many-choices&${query}`);
      expect(page.headers['x-page-cache']).toBe('fresh');
      const box = pollBox(page.html, 'kijana-home');
      expect(box).toContain('You chose too many answers.');
      expect(box).not.toContain('checked');
    }
    expect(pollBox((await send('GET', '/?poll=kijana-home&error=on-fire')).html, 'kijana-home')).not.toContain('role="alert"');
  });

  it("says why in the reader's language", async () => {
    const { cookie, token } = await reader(`/sw-KE${ARTICLE}`);
    const answer = await vote(cookie, { _csrf: token, _back: `/sw-KE${ARTICLE}`, poll: POLL, choice: 'maybe-later' });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('<html lang="sw-KE"');
    expect(pollBox(answer.html, POLL)).toContain('Tafadhali chagua mojawapo ya majibu yaliyoonyeshwa.');
  });
});
