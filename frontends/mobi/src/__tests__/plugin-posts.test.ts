// Plugin forms through the HTTP layer on a real loopback server: a stand-in for Next renders
// a page holding a plugin form, and a stand-in plugin takes the posts.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PluginPost, PluginPostResult, PluginSite } from '@baobab/plugin-api';
import { createRequestHandler } from '../../server/http';
import { createPageCache } from '../../server/page-cache';
import { clientAddress, clientKey, createPluginPostHandler, createPostLimiter, localPath, pluginRoute, signedTarget, trustProxies } from '../../server/plugin-post';
import { csrfToken, formTokenMarker, isCsrfTokenValid, isStateSigned, READER_COOKIE, signReader, signState, verifyReader } from '../reader';
import { NOTICE_HEADER, TOO_MANY_POSTS_HEADER } from '../site-page';

const secret = 'test-reader-secret-3f9a1c7e5b2d4a6c8e0f';
let server: http.Server;
let port = 0;
let renders = 0;
const posts: PluginPost[] = [];
let nextResult: PluginPostResult = { redirect: '/articles/a?voted=p' };

async function fakeNext(req: IncomingMessage, res: ServerResponse) {
  renders += 1;
  const notice = req.headers[NOTICE_HEADER];
  const tooMany = req.headers[TOO_MANY_POSTS_HEADER] !== undefined;
  res.statusCode = tooMany ? 429 : 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<p>${req.method} ${req.url}</p>${tooMany ? '<h1>too many posts</h1>' : ''}<p class="notice">${typeof notice === 'string' ? decodeURIComponent(notice) : ''}</p><form><input name="_csrf" value="${formTokenMarker()}"></form>`);
}

const sites: Record<string, PluginSite> = {
  'kijana-ke.localhost': { code: 'kijana-ke', defaultLocale: 'en-KE', locales: ['en-KE', 'sw-KE'], plugins: ['polls'] },
  'thrive-za.localhost': { code: 'thrive-za', defaultLocale: 'en-ZA', locales: ['en-ZA', 'zu-ZA'], plugins: [] },
};

/** The HTTP layer with the stand-ins, on a loopback port, taking `postsPerMinute` plugin posts per client address. */
async function startServer(postsPerMinute: number): Promise<{ server: http.Server; port: number }> {
  const pluginPost = createPluginPostHandler({
    halves: async () => [
      {
        name: 'polls',
        half: {
          routes: {
            vote: async (post) => {
              posts.push(post);
              return nextResult;
            },
          },
        },
      },
    ],
    siteFor: async (req) => sites[String(req.headers.host)] ?? null,
    readerSecret: secret,
    delivery: async () => ({ data: null }),
    translate: (locale) => (key) => `${locale}:${key}`,
    log: () => undefined,
    postsPerMinute,
  });
  const onRequest = createRequestHandler({ handle: fakeNext, images: async (_req, res) => void res.end(), cache: createPageCache(), notifySecret: undefined, log: () => undefined, readerSecret: secret, pluginPost });
  const started = http.createServer((req, res) => void onRequest(req, res));
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  return { server: started, port: (started.address() as AddressInfo).port };
}

async function stopServer(stopping: http.Server): Promise<void> {
  stopping.closeAllConnections();
  await new Promise((resolve) => stopping.close(resolve));
}

beforeAll(async () => {
  ({ server, port } = await startServer(100_000));
});

afterAll(() => stopServer(server));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(path: string, options: { method?: string; headers?: Record<string, string | number>; body?: string | Buffer; host?: string; port?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: options.port ?? port, path, method: options.method ?? 'GET', headers: { host: options.host ?? 'kijana-ke.localhost', ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieOf = (answer: Answer) => (answer.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
const tokenIn = (html: string) => /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';

/** A reader as a browser would be after their first page: their cookie and the token on that page. */
async function reader(): Promise<{ cookie: string; token: string }> {
  const first = await request('/articles/a');
  return { cookie: cookieOf(first), token: tokenIn(first.body) };
}

const vote = (fields: Record<string, string | string[]>, headers: Record<string, string> = {}, host?: string) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return request('/_plugins/polls/vote', { method: 'POST', headers: { ...FORM, ...headers }, body: body.toString(), ...(host ? { host } : {}) });
};

describe('a page holding a plugin form', () => {
  it('gives each reader a signed HttpOnly cookie and their own CSRF token from one cached render', async () => {
    const before = renders;
    const one = await request('/articles/a');
    const two = await request('/articles/a');
    expect(renders - before).toBe(1);
    expect(one.body).not.toContain(formTokenMarker());
    expect(one.headers['set-cookie']?.[0]).toMatch(new RegExp(`^${READER_COOKIE}=[^;]+; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
    const id = verifyReader(secret, cookieOf(one).split('=')[1]);
    expect(id).not.toBeNull();
    expect(tokenIn(one.body)).toBe(csrfToken(secret, id ?? ''));
    expect(tokenIn(two.body)).not.toBe(tokenIn(one.body));
    expect(one.headers['cache-control']).toBe('private, no-cache');
    expect(one.headers.vary).toContain('Cookie');
    expect(one.headers.etag).not.toBe(two.headers.etag);
  });

  it('keeps a returning reader: no new cookie, the same token, 304 on their own ETag', async () => {
    const { cookie, token } = await reader();
    const again = await request('/articles/a', { headers: { cookie } });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(tokenIn(again.body)).toBe(token);
    expect((await request('/articles/a', { headers: { cookie, 'if-none-match': String(again.headers.etag) } })).status).toBe(304);
  });

  it('marks the cookie Secure when the reader came over https', async () => {
    expect((await request('/articles/a', { headers: { 'x-forwarded-proto': 'https' } })).headers['set-cookie']?.[0]).toMatch(/; Secure$/);
  });

  it('renders ?voted= pages fresh for each request and stores none of them', async () => {
    await request('/articles/b');
    const before = renders;
    const fresh = await request('/articles/b?voted=p');
    await request('/articles/b?voted=p');
    expect(renders - before).toBe(2);
    expect(fresh.headers['x-page-cache']).toBe('fresh');
    expect(fresh.headers['cache-control']).toBe('no-store');
    expect((await request('/articles/b')).headers['x-page-cache']).toBe('hit');
    // Not a slug: an ordinary parameter no page reads, answered from the cache.
    expect((await request('/articles/b?voted=%3Cx%3E')).headers['x-page-cache']).toBe('hit');
  });

  it("renders a refused post's page (error and ticks) for each request alone, so no reader sees another's, and a flood of them stores nothing", async () => {
    await request('/articles/c');
    const before = renders;
    const pages = await Promise.all(
      Array.from({ length: 20 }, (_, index) => request(`/articles/c?poll=p&error=no-choice&choice=k${index}`, { headers: { cookie: `${READER_COOKIE}=${signReader(secret, `reader${String(index).padStart(16, '0')}`)}` } })),
    );
    expect(renders - before).toBe(20);
    for (const [index, page] of pages.entries()) {
      expect(page.headers['x-page-cache']).toBe('fresh');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain(`choice=k${index}</p>`);
    }
    expect((await request('/articles/c')).headers['x-page-cache']).toBe('hit');
    // More values than a poll can have choices, or values that are no slugs: ignored, the cached page.
    expect((await request(`/articles/c?${Array.from({ length: 11 }, (_, index) => `choice=k${index}`).join('&')}`)).headers['x-page-cache']).toBe('hit');
    expect((await request('/articles/c?error=%3Cb%3E')).headers['x-page-cache']).toBe('hit');
  });
});

describe('a plugin form post', () => {
  it('reaches the plugin with the reader, the site, the locale of the page and every value, then redirects (303)', async () => {
    const { cookie, token } = await reader();
    posts.length = 0;
    nextResult = { redirect: '/sw-KE/articles/a?voted=p#poll-p' };
    const answer = await vote({ _csrf: token, _back: '/sw-KE/articles/a', poll: 'p', choice: ['yes', 'no'] }, { cookie });
    expect(answer.status).toBe(303);
    const id = verifyReader(secret, cookie.split('=')[1]) ?? '';
    // The form state, signed for this reader: their page can thank them, a shared link cannot.
    expect(answer.headers.location).toBe(`/sw-KE/articles/a?voted=p&sig=${signState(secret, id, { voted: ['p'] })}#poll-p`);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ site: { code: 'kijana-ke' }, locale: 'sw-KE', reader: verifyReader(secret, cookie.split('=')[1]), fields: { poll: 'p', choice: ['yes', 'no'], _back: '/sw-KE/articles/a' } });
    expect(posts[0]?.fields).not.toHaveProperty('_csrf');
  });

  it('signs only the form state, for one reader, replacing any signature the plugin wrote', () => {
    const signed = signedTarget('/articles/a?poll=p&error=no-choice&choice=a&choice=b&sig=forged#poll-p', secret, 'reader-one');
    const sig = new URL(signed, 'http://x').searchParams.get('sig');
    expect(signed).toBe(`/articles/a?poll=p&error=no-choice&choice=a&choice=b&sig=${sig}#poll-p`);
    expect(isStateSigned(secret, 'reader-one', { poll: ['p'], error: ['no-choice'], choice: ['a', 'b'] }, sig)).toBe(true);
    expect(isStateSigned(secret, 'reader-two', { poll: ['p'], error: ['no-choice'], choice: ['a', 'b'] }, sig)).toBe(false);
    expect(isStateSigned(secret, 'reader-one', { poll: ['p'], error: ['no-choice'], choice: ['a'] }, sig)).toBe(false);
    expect(signedTarget('/articles/a', secret, 'reader-one')).toBe('/articles/a');
    expect(signedTarget('/articles/a?utm=x#top', secret, 'reader-one')).toBe('/articles/a?utm=x#top');
  });

  it.each([
    ['no token', (_token: string) => ({}), true],
    ['a forged token', (token: string) => ({ _csrf: `${token.slice(0, -2)}xx` }), true],
    ['no cookie', (token: string) => ({ _csrf: token }), false],
  ])('with %s is refused: the page again with the message and 403, nothing reaches the plugin', async (_name, fieldsOf, sendCookie) => {
    const { cookie, token } = await reader();
    posts.length = 0;
    const answer = await vote({ ...fieldsOf(token), _back: '/articles/a', poll: 'p', choice: 'yes' }, sendCookie ? { cookie } : {});
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('<p>GET /articles/a</p>');
    expect(answer.body).toContain('en-KE:formExpired');
    expect(answer.headers['cache-control']).toBe('no-store');
    // The page again carries a working form: a token for the reader's (possibly new) cookie.
    const newCookie = cookieOf(answer) || cookie;
    expect(tokenIn(answer.body)).toBe(csrfToken(secret, verifyReader(secret, newCookie.split('=')[1]) ?? ''));
    expect(posts).toHaveLength(0);
  });

  it("refuses another reader's token", async () => {
    const alice = await reader();
    const bob = await reader();
    expect((await vote({ _csrf: bob.token, poll: 'p', choice: 'yes' }, { cookie: alice.cookie })).status).toBe(403);
  });

  it('shows the page again with the plugin\'s message and status', async () => {
    const { cookie, token } = await reader();
    nextResult = { status: 409, message: 'This poll is closed', back: '/articles/a' };
    const answer = await vote({ _csrf: token, _back: '/articles/a', poll: 'p', choice: 'yes' }, { cookie });
    expect(answer.status).toBe(409);
    expect(answer.body).toContain('This poll is closed');
  });

  it('never redirects off the site', async () => {
    const { cookie, token } = await reader();
    nextResult = { redirect: '//evil.example/x' };
    const answer = await vote({ _csrf: token, _back: '/articles/a', poll: 'p', choice: 'yes' }, { cookie });
    expect(answer.headers.location).toBe('/articles/a');
    expect(localPath('https://evil.example/')).toBe('/');
    expect(localPath('/\\evil.example')).toBe('/');
    expect(localPath('/articles/é')).toBe('/');
    expect(localPath('/articles/%E0%A4%A')).toBe('/');
    expect(localPath('/articles/a?voted=x')).toBe('/');
    expect(localPath('/sw-KE/articles/a')).toBe('/sw-KE/articles/a');
  });

  it('answers 404 for a plugin the site does not enable, an unknown route or plugin, or an unknown host', async () => {
    const { cookie, token } = await reader();
    posts.length = 0;
    expect((await vote({ _csrf: token, poll: 'p', choice: 'yes' }, { cookie }, 'thrive-za.localhost')).status).toBe(404);
    expect((await request('/_plugins/polls/delete', { method: 'POST', headers: FORM, body: 'a=b' })).status).toBe(404);
    expect((await request('/_plugins/comments/vote', { method: 'POST', headers: FORM, body: 'a=b' })).status).toBe(404);
    expect((await request('/_plugins/polls/vote/x', { method: 'POST', headers: FORM, body: 'a=b' })).status).toBe(404);
    expect((await vote({ _csrf: token }, { cookie }, 'nowhere.localhost')).status).toBe(404);
    expect(posts).toHaveLength(0);
    expect(pluginRoute('/_plugins/polls/vote?x=1')).toEqual({ plugin: 'polls', route: 'vote' });
  });

  it('takes only urlencoded forms by POST, and at most 8 KiB', async () => {
    expect((await request('/_plugins/polls/vote', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(415);
    expect((await request('/_plugins/polls/vote', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' })).status).toBe(415);
    const get = await request('/_plugins/polls/vote');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await request('/_plugins/polls/vote', { method: 'POST', headers: FORM, body: Buffer.alloc(9 * 1024, 97) })).status).toBe(413);
    expect((await request('/_plugins/polls/vote', { method: 'POST', headers: FORM, body: Buffer.alloc(1024 * 1024, 97) })).status).toBe(413);
  });
});

describe('the budget of posts per client address', () => {
  let limited: { server: http.Server; port: number };
  beforeAll(async () => {
    limited = await startServer(3);
  });
  afterAll(() => stopServer(limited.server));

  it('takes the budget, then answers 429 with Retry-After and the short page in the language of the form, reaching no plugin', async () => {
    const first = await request('/sw-KE/articles/a', { port: limited.port });
    const cookie = cookieOf(first);
    const token = tokenIn(first.body);
    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      request('/_plugins/polls/vote', { port: limited.port, method: 'POST', headers: { ...FORM, cookie, ...headers }, body: new URLSearchParams(fields).toString() });
    nextResult = { redirect: '/sw-KE/articles/a?voted=p' };
    posts.length = 0;
    // Any post spends the budget, a refused one too; a fresh cookie or a forwarded address buys nothing.
    expect((await post({ _csrf: token, _back: '/sw-KE/articles/a', poll: 'p', choice: 'yes' })).status).toBe(303);
    expect((await post({ _back: '/sw-KE/articles/a', poll: 'p', choice: 'yes' })).status).toBe(403);
    expect((await post({ _csrf: token, _back: '/sw-KE/articles/a', poll: 'p', choice: 'yes' })).status).toBe(303);
    const over = await post({ _csrf: token, _back: '/sw-KE/articles/a', poll: 'p', choice: 'yes' }, { 'x-forwarded-for': '203.0.113.9', cookie: 'baobab_reader=fresh' });
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(over.headers['cache-control']).toBe('no-store');
    expect(over.body).toContain('<p>GET /sw-KE/articles/a</p><h1>too many posts</h1>');
    expect(posts).toHaveLength(2);
    // A reader cannot ask for the page themselves.
    expect((await request('/articles/c', { port: limited.port, headers: { [TOO_MANY_POSTS_HEADER]: '1' } })).status).toBe(200);
    // Reading goes on.
    expect((await request('/articles/a', { port: limited.port, headers: { cookie } })).status).toBe(200);
  });

  it('counts per key, each key its own budget', async () => {
    const waitFor = createPostLimiter(2);
    expect(await waitFor('192.0.2.1')).toBeNull();
    expect(await waitFor('192.0.2.1')).toBeNull();
    expect(await waitFor('192.0.2.1')).toBeGreaterThanOrEqual(59);
    expect(await waitFor('192.0.2.2')).toBeNull();
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff:1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8::/64'],
    ['::1', '::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    [undefined, 'unknown'],
    ['', 'unknown'],
    ['not an address', 'unknown'],
  ])('keys the address %p as %p', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe('the client address behind trusted proxies', () => {
  type Req = Parameters<typeof clientAddress>[0];
  const request = (remoteAddress: string | undefined, forwardedFor?: string): Req =>
    ({ headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress } }) as unknown as Req;
  const nginx = trustProxies(['172.18.0.0/16']);
  const twoTiers = trustProxies(['10.0.0.0/8', '172.18.0.0/16']);
  const v6 = trustProxies(['fd00::/8']);

  it('trusts nobody by default: the socket, whatever X-Forwarded-For says', () => {
    expect(trustProxies([])).toBeNull();
    expect(clientAddress(request('203.0.113.9', '198.51.100.1'), null)).toBe('203.0.113.9');
    expect(clientAddress(request('172.18.0.5', '198.51.100.1'), null)).toBe('172.18.0.5');
  });

  it.each([
    // An untrusted socket: its own X-Forwarded-For, spoofed, is ignored.
    ['203.0.113.9', '198.51.100.1', nginx, '203.0.113.9'],
    ['203.0.113.9', undefined, nginx, '203.0.113.9'],
    // A trusted socket: the address it heard from.
    ['172.18.0.5', '198.51.100.1', nginx, '198.51.100.1'],
    ['::ffff:172.18.0.5', '198.51.100.1', nginx, '198.51.100.1'],
    // What the client wrote left of it is never read.
    ['172.18.0.5', '1.1.1.1, 2.2.2.2, 198.51.100.1', nginx, '198.51.100.1'],
    ['172.18.0.5', '172.18.0.9, 198.51.100.1', nginx, '198.51.100.1'],
    // A chain of trusted proxies (a load balancer before nginx): walked to the first untrusted.
    ['172.18.0.5', '198.51.100.1, 10.1.2.3', twoTiers, '198.51.100.1'],
    ['172.18.0.5', '6.6.6.6,198.51.100.1,10.1.2.3', twoTiers, '198.51.100.1'],
    // Only the configured proxies: 10.1.2.3 is not nginx's network, so it is the client.
    ['172.18.0.5', '198.51.100.1, 10.1.2.3', nginx, '10.1.2.3'],
    // Every hop trusted: the leftmost entry.
    ['172.18.0.5', '10.9.9.9, 10.1.2.3', twoTiers, '10.9.9.9'],
    // A trusted proxy without the header: the proxy itself.
    ['172.18.0.5', undefined, nginx, '172.18.0.5'],
    ['172.18.0.5', '', nginx, '172.18.0.5'],
    // IPv6 clients and proxies.
    ['fd00::7', '2001:db8:1:2::99', v6, '2001:db8:1:2::99'],
    ['fd00::7', '2001:db8::1, fd12::1', v6, '2001:db8::1'],
    ['2001:db8::5', '198.51.100.1', v6, '2001:db8::5'],
    // Malformed entries where the walk stops count as the proxy that passed them on, never a fresh key.
    ['172.18.0.5', 'unknown', nginx, '172.18.0.5'],
    ['172.18.0.5', '198.51.100.1:4711', nginx, '172.18.0.5'],
    ['172.18.0.5', '[2001:db8::1]', nginx, '172.18.0.5'],
    ['172.18.0.5', '0x7f.1', nginx, '172.18.0.5'],
    ['172.18.0.5', 'a'.repeat(8000), nginx, '172.18.0.5'],
    ['172.18.0.5', ',,, ,', nginx, '172.18.0.5'],
    ['172.18.0.5', '198.51.100.1, garbage', twoTiers, '172.18.0.5'],
    // Malformed entries left of the client are not read at all.
    ['172.18.0.5', 'garbage, 198.51.100.1', nginx, '198.51.100.1'],
    // A trusted-looking but odd spelling is not trusted: the walk stops there (and it is malformed).
    ['172.18.0.5', '198.51.100.1, 0xac.18.0.9', nginx, '172.18.0.5'],
    // A socket already gone.
    [undefined, '198.51.100.1', nginx, undefined],
  ])('socket %p, X-Forwarded-For %p → %p', (socket, forwardedFor, trust, expected) => {
    expect(clientAddress(request(socket, forwardedFor), trust)).toBe(expected);
  });

  it('keys the found address as clientKey does: IPv6 by its /64', () => {
    expect(clientKey(clientAddress(request('fd00::7', '2001:db8:1:2::99'), v6))).toBe('2001:db8:1:2::/64');
    expect(clientKey(clientAddress(request('fd00::7', '2001:db8:1:2::98'), v6))).toBe('2001:db8:1:2::/64');
    expect(clientKey(clientAddress(request('172.18.0.5', '::ffff:198.51.100.1'), nginx))).toBe('198.51.100.1');
  });
});

describe('the reader cookie', () => {
  it('verifies only what this key signed', () => {
    const value = signReader(secret, 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(verifyReader(secret, value)).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(verifyReader('another-key-with-enough-length-0000', value)).toBeNull();
    expect(verifyReader(secret, value.replace(/^A/, 'B'))).toBeNull();
    expect(verifyReader(secret, `${value}.x`)).toBeNull();
    expect(verifyReader(secret, undefined)).toBeNull();
  });

  it('refuses, never throws on, a signature or token of the right length in other characters', () => {
    const id = 'AAAAAAAAAAAAAAAAAAAAAA';
    const signature = signReader(secret, id).split('.')[1] ?? '';
    const lookalike = `é${signature.slice(1)}`;
    expect(lookalike.length).toBe(signature.length);
    expect(verifyReader(secret, `${id}.${lookalike}`)).toBeNull();
    expect(isCsrfTokenValid(secret, id, `é${csrfToken(secret, id).slice(1)}`)).toBe(false);
  });
});
