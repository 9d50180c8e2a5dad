// The CMS goes away: cached pages keep being served, uncached ones get a themed "try
// again" page. A switchable proxy stands between a second mobi-site and the real CMS; its
// page cache is small (256 KiB a store), so a flood of pages can churn it.
import crypto from 'node:crypto';
import http from 'node:http';
import { freePort, startMobi, type RunningMobi } from '@baobab/testkit';
import { page } from './support/http';

let proxy: http.Server;
let mobi: RunningMobi;
let mobiUrl = '';
let isCmsUp = true;
const secret = crypto.randomBytes(18).toString('base64url');

beforeAll(async () => {
  const target = new URL(process.env.BAOBAB_TEST_MOBI_CMS_URL ?? '');
  proxy = http.createServer((req, res) => {
    if (!isCmsUp) {
      req.socket.destroy();
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  const proxyPort = await freePort();
  await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
  mobi = await startMobi({
    cmsUrl: `http://127.0.0.1:${proxyPort}`,
    env: { BAOBAB_NOTIFY_SECRET: secret, BAOBAB_PAGE_CACHE_BYTES: '256K', BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES: '256K' },
  });
  mobiUrl = mobi.url;
});

afterAll(async () => {
  await mobi.stop();
  await new Promise((resolve) => proxy.close(resolve));
});

describe('when the CMS is unreachable', () => {
  it('keeps serving the last good page, even after content changed', async () => {
    const warm = await page('thrive-za.localhost', '/contraception', {}, mobiUrl);
    expect(warm.status).toBe(200);
    const notice = await fetch(`${mobiUrl}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': secret } });
    expect(notice.status).toBe(204);
    isCmsUp = false;
    const during = await page('thrive-za.localhost', '/contraception', {}, mobiUrl);
    expect(during.status).toBe(200);
    expect(during.headers.get('x-page-cache')).toBe('stale');
    expect(during.html).toBe(warm.html);
    isCmsUp = true;
  });

  it('answers a page it never cached with a themed "try again" in the site language', async () => {
    await page('thrive-za.localhost', '/zu-ZA', {}, mobiUrl);
    isCmsUp = false;
    const missing = await page('thrive-za.localhost', '/zu-ZA/articles/never-cached-before', {}, mobiUrl);
    isCmsUp = true;
    expect(missing.status).toBe(503);
    expect(missing.html).toContain('<html lang="zu-ZA"');
    expect(missing.html).toContain('<style');
    expect(missing.html).toContain('Kukhona okungahambanga kahle');
    expect(missing.html).not.toMatch(/<script/i);
  });

  it('still serves the last good page after floods of ?utm and one-off searches churned the page cache', async () => {
    const warm = await page('thrive-za.localhost', '/nutrition', {}, mobiUrl);
    expect(warm.status).toBe(200);
    expect((await page('thrive-za.localhost', '/nutrition', {}, mobiUrl)).headers.get('x-page-cache')).toBe('hit');
    for (let batch = 0; batch < 5200; batch += 100) {
      const answers = await Promise.all(Array.from({ length: 100 }, (_, n) => page('thrive-za.localhost', `/nutrition?utm=${batch + n}`, {}, mobiUrl)));
      expect(answers.every((answer) => answer.headers.get('x-page-cache') === 'hit')).toBe(true);
    }
    // Searches read q: each is its own page, and 200 of them are more than the fresh store holds.
    for (let n = 0; n < 200; n += 1) expect((await page('thrive-za.localhost', `/search?q=nothing-${n}`, {}, mobiUrl)).status).toBe(200);
    isCmsUp = false;
    const during = await page('thrive-za.localhost', '/nutrition?utm=outage', {}, mobiUrl);
    isCmsUp = true;
    expect(during.status).toBe(200);
    expect(during.headers.get('x-page-cache')).toBe('stale'); // not a hit: the fresh copy was pushed out
    expect(during.html).toBe(warm.html);
    expect(during.headers.get('content-security-policy')).toContain("script-src 'none'");
  }, 120_000);
});
