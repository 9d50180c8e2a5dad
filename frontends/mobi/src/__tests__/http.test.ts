// The HTTP layer on a real loopback server, with a stand-in for Next that echoes what it saw.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY, createRequestHandler, isWellFormedUrl } from '../../server/http';
import { createPageCache } from '../../server/page-cache';
import { BAD_REQUEST_HEADER } from '../site-page';

let server: http.Server;
let port = 0;
let renders = 0;

async function fakeNext(req: IncomingMessage, res: ServerResponse) {
  renders += 1;
  if (req.url?.startsWith('/slow')) await new Promise((resolve) => setTimeout(resolve, 50));
  const bad = req.headers[BAD_REQUEST_HEADER];
  res.statusCode = bad ? 400 : req.url?.startsWith('/missing') ? 404 : 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<p>${req.url} ${bad ?? 'ok'}</p>`);
}

beforeAll(async () => {
  const onRequest = createRequestHandler({ handle: fakeNext, images: async (_req, res) => void res.end(), cache: createPageCache(), notifySecret: undefined, log: () => undefined });
  server = http.createServer((req, res) => void onRequest(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request over node:http; `body` is sent in 64 KiB writes, honouring back-pressure. */
function request(path: string, options: { method?: string; headers?: Record<string, string | number>; body?: number } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { host: 'kijana-ke.localhost', ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    const total = options.body ?? 0;
    const chunk = Buffer.alloc(64 * 1024, 120);
    let sent = 0;
    const write = () => {
      while (sent < total) {
        const size = Math.min(chunk.length, total - sent);
        sent += size;
        if (!req.write(chunk.subarray(0, size))) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('mobi HTTP layer', () => {
  it('answers the browser\'s favicon request with an empty, long-cached answer instead of a themed 404', async () => {
    const answer = await request('/favicon.ico');
    expect(answer.status).toBe(204);
    expect(answer.body).toBe('');
    expect(answer.headers['cache-control']).toMatch(/max-age=604800/);
  });

  it('answers a 10 MB POST with a 413 the client reads, without resetting the connection', async () => {
    const tenMegabytes = 10 * 1024 * 1024;
    const answer = await request('/', { method: 'POST', headers: { 'content-length': tenMegabytes }, body: tenMegabytes });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('too large');
    expect((await request('/')).status).toBe(200);
  });

  it('answers 413 to a chunked body that grows past the limit, and lets a small body through', async () => {
    expect((await request('/', { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: 200 * 1024 })).status).toBe(413);
    expect((await request('/', { method: 'POST', headers: { 'content-length': 1000 }, body: 1000 })).status).toBe(200);
  });

  it('sends the content security policy and the other security headers on every answer', async () => {
    const answers = [await request('/csp'), await request('/csp'), await request('/missing'), await request('/%E0%A4%A'), await request('/', { method: 'POST', headers: { 'content-length': 10 ** 6 }, body: 10 ** 6 })];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 404, 400, 413]);
    expect(answers[1]?.headers['x-page-cache']).toBe('hit');
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
  });

  it('hands a malformed URL to the page as a bad request, and ignores the marker when a reader sends it', async () => {
    const bad = await request('/articles/%E0%A4%A?q=1');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('malformed percent-encoding');
    const forged = await request('/forged', { headers: { [BAD_REQUEST_HEADER]: 'yes' } });
    expect(forged.status).toBe(200);
    expect(forged.body).toContain('/forged ok');
  });

  it('renders a page once for any number of parameters no route reads', async () => {
    await request('/utm');
    const before = renders;
    for (let n = 0; n < 200; n += 1) expect((await request(`/utm?utm=${n}`)).headers['x-page-cache']).toBe('hit');
    expect(renders).toBe(before);
  });

  it('renders a page once when many readers ask for it at the same time', async () => {
    const before = renders;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => request(`/slow?utm=${n}`)));
    expect(renders).toBe(before + 1);
    expect(answers.map((answer) => answer.headers['x-page-cache']).sort()).toEqual(['miss', ...Array<string>(19).fill('shared')]);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
  });
});

describe('URL well-formedness', () => {
  it.each(['/', '/sw-KE/search?q=vvu+test&after=b2Y', '/search?q=%E0%A4%B9', '/x?a=%25'])('accepts %p', (url) => expect(isWellFormedUrl(url)).toBe(true));
  it.each(['/%E0%A4%A', '/search?q=%E0%A4%A', '/x?%ZZ=1', '/x?a=1?b=%'])('refuses %p', (url) => expect(isWellFormedUrl(url)).toBe(false));
});

describe('while renders fail', () => {
  it('serves last good copies with one log line for the outage and one when renders succeed again', async () => {
    let isFailing = false;
    const logs: string[] = [];
    const cache = createPageCache();
    const onRequest = createRequestHandler({
      handle: async (req, res) => {
        res.statusCode = isFailing ? 503 : 200;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(`<p>${req.url} ${isFailing ? 'try again' : 'ok'}</p>`);
      },
      images: async (_req, res) => void res.end(),
      cache,
      notifySecret: undefined,
      log: (line) => logs.push(line),
    });
    const own = http.createServer((req, res) => void onRequest(req, res));
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const ownPort = (own.address() as AddressInfo).port;
    const get = (path: string) =>
      new Promise<Answer>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: ownPort, path, headers: { host: 'kijana-ke.localhost' } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
          })
          .on('error', reject);
      });
    try {
      expect((await get('/a')).status).toBe(200);
      cache.invalidate();
      isFailing = true;
      for (let n = 0; n < 3; n += 1) {
        const stale = await get('/a');
        expect(stale.headers['x-page-cache']).toBe('stale');
        expect(stale.body).toBe('<p>/a ok</p>');
      }
      const unseen = await get('/b');
      expect(unseen.status).toBe(503);
      expect(unseen.headers['retry-after']).toBe('30');
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/^mobi: renders fail \(the first: kijana-ke\.localhost\/a answered 503\)/);
      isFailing = false;
      expect((await get('/a')).body).toBe('<p>/a ok</p>');
      expect(logs).toHaveLength(2);
    } finally {
      own.closeAllConnections();
      await new Promise((resolve) => own.close(resolve));
    }
  });
});
