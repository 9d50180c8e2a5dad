// The budget of plugin posts behind a load balancer, over real HTTP against the shared real
// CMS, with the budget set to 3. With BAOBAB_TRUSTED_PROXIES=127.0.0.1 the loopback socket
// is a proxy, so X-Forwarded-For names the reader and each reader has their own budget;
// without it (the default) X-Forwarded-For is ignored and every post shares loopback's.
// The walk itself (chains, IPv6, spoofed and malformed entries) is unit-tested in
// src/__tests__/plugin-posts.test.ts.
import http from 'node:http';
import { startMobi, type RunningMobi } from '@baobab/testkit';

const HOST = 'kijana-ke.localhost';
const ARTICLE = '/sw-KE/articles/hiv-testing-basics';
const POLL = 'know-your-status';
const BUDGET = 3;
const READER_A = '198.51.100.10';
const READER_B = '198.51.100.20';

interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly html: string;
}

function send(baseUrl: string, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(target, baseUrl), { method, headers: { host: HOST, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, html: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A vote from a fresh reader (the page's cookie and its form's token), sent with this X-Forwarded-For. */
async function vote(baseUrl: string, forwardedFor: string): Promise<Answer> {
  const page = await send(baseUrl, 'GET', ARTICLE);
  expect(page.status).toBe(200);
  const cookie = (page.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
  expect(cookie).toMatch(/^baobab_reader=/);
  const form = new URLSearchParams({ _csrf: token, _back: ARTICLE, poll: POLL, choice: 'not-yet' }).toString();
  return send(baseUrl, 'POST', '/_plugins/polls/vote', { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor }, form);
}

async function withMobi(env: Record<string, string>, body: (url: string) => Promise<void>): Promise<void> {
  const mobi: RunningMobi = await startMobi({
    cmsUrl: process.env.BAOBAB_TEST_MOBI_CMS_URL ?? '',
    env: { BAOBAB_WRITE_SECRET: process.env.BAOBAB_TEST_MOBI_WRITE_SECRET, BAOBAB_POSTS_PER_MINUTE: String(BUDGET), ...env },
  });
  try {
    await body(mobi.url);
  } finally {
    await mobi.stop();
  }
}

describe('plugin posts behind a trusted proxy (BAOBAB_TRUSTED_PROXIES=127.0.0.1)', () => {
  it("count each reader's own address from X-Forwarded-For: A's budget spent leaves B's whole", async () => {
    await withMobi({ BAOBAB_TRUSTED_PROXIES: '127.0.0.1' }, async (url) => {
      for (let post = 0; post < BUDGET; post += 1) expect((await vote(url, READER_A)).status).toBe(303);
      expect((await vote(url, READER_A)).status).toBe(429);
      // What A writes left of its own address (as nginx appends it) buys nothing.
      expect((await vote(url, `${READER_B}, ${READER_A}`)).status).toBe(429);
      // B, through the same proxy socket, still gets through.
      expect((await vote(url, READER_B)).status).toBe(303);
      // A chain of proxies all trusted ends at the leftmost entry: B again, via loopback twice.
      expect((await vote(url, `${READER_B}, 127.0.0.1`)).status).toBe(303);
    });
  });
});

describe('plugin posts with no trusted proxies (the default)', () => {
  it('ignore X-Forwarded-For: A and B share the loopback budget', async () => {
    await withMobi({}, async (url) => {
      for (let post = 0; post < BUDGET; post += 1) expect((await vote(url, READER_A)).status).toBe(303);
      expect((await vote(url, READER_B)).status).toBe(429);
      expect((await vote(url, '203.0.113.77')).status).toBe(429);
    });
  });
});
