// Metrics, request ids and readiness of a real mobi-site (its production build in its own
// process) against the shared real CMS, through a recording proxy: metrics answer on the
// metrics port only, counters move with requests, the reader's request id reaches the CMS
// (a malformed one is replaced), log lines are JSON, and readiness follows the CMS.
import { freePort, startMobi, startRecordingProxy, type RecordingProxy, type RunningMobi } from '@baobab/testkit';
import { sampleValue } from '@baobab/kit/metrics';
import { page } from './support/http';

const HOST = 'kijana-ke.localhost';

let proxy: RecordingProxy;
let mobi: RunningMobi;
let metricsUrl = '';

beforeAll(async () => {
  proxy = await startRecordingProxy(process.env.BAOBAB_TEST_MOBI_CMS_URL ?? '');
  const metricsPort = await freePort();
  mobi = await startMobi({ cmsUrl: proxy.url, env: { METRICS_PORT: String(metricsPort), LOG_LEVEL: 'http', BAOBAB_WRITE_SECRET: process.env.BAOBAB_TEST_MOBI_WRITE_SECRET } });
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
});

afterAll(async () => {
  await mobi?.stop();
  await proxy?.stop();
});

const scrape = async () => {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  return response.text();
};

describe('mobi-site observability', () => {
  it('serves Prometheus metrics on the metrics port, never on the public one', async () => {
    const text = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes', 'baobab_http_requests_total', 'baobab_http_request_duration_seconds', 'baobab_cache_lookups_total', 'baobab_cache_invalidations_total', 'baobab_plugin_posts_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect((await page(HOST, '/metrics', {}, mobi.url)).status).toBe(404);
    expect((await fetch(`${mobi.url}/metrics`)).status).toBe(404);
  });

  it('counts page requests by route, known site and status, and page cache misses then hits', async () => {
    const before = await scrape();
    const pages = (text: string, labels: Record<string, string>) => sampleValue(text, 'baobab_http_requests_total', { process: 'mobi', route: 'page', ...labels }) ?? 0;
    const lookups = (text: string, result: string) => sampleValue(text, 'baobab_cache_lookups_total', { cache: 'page', result }) ?? 0;
    expect((await page(HOST, '/?obs=1', {}, mobi.url)).status).toBe(200);
    expect((await page(HOST, '/', {}, mobi.url)).status).toBe(200);
    expect((await page(HOST, '/', {}, mobi.url)).status).toBe(200);
    // A host no site claims is "unknown", not a series of its own.
    expect((await page(`invented-${Date.now()}.example`, '/', {}, mobi.url)).status).toBe(404);
    const after = await scrape();
    expect(pages(after, { site: 'kijana-ke', status: '200' }) - pages(before, { site: 'kijana-ke', status: '200' })).toBe(3);
    expect(pages(after, { site: 'unknown', status: '404' }) - pages(before, { site: 'unknown', status: '404' })).toBe(1);
    expect(after).not.toContain('invented-');
    expect(lookups(after, 'hit') - lookups(before, 'hit')).toBeGreaterThanOrEqual(1);
    expect(lookups(after, 'miss') - lookups(before, 'miss')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after, 'baobab_http_request_duration_seconds_count', { route: 'page' })).toBeGreaterThanOrEqual(3);
  });

  it('counts plugin posts by result', async () => {
    const before = sampleValue(await scrape(), 'baobab_plugin_posts_total', { result: 'rejected' }) ?? 0;
    const response = await fetch(`${mobi.url}/_plugins/no-such-plugin/vote`, { method: 'POST', headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((sampleValue(await scrape(), 'baobab_plugin_posts_total', { result: 'rejected' }) ?? 0) - before).toBe(1);
  });

  it("sends the reader's request id to the CMS with every delivery call, and a new one for a malformed id", async () => {
    const from = proxy.requests.length;
    expect((await page(HOST, `/search?q=obs-${Date.now()}`, { 'x-request-id': 'reader-req.42_A' }, mobi.url)).status).toBe(200);
    const sent = proxy.requests.slice(from).filter((request) => request.url === '/graphql');
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => request.headers['x-request-id'] === 'reader-req.42_A')).toBe(true);

    const next = proxy.requests.length;
    expect((await page(HOST, `/search?q=obs-bad-${Date.now()}`, { 'x-request-id': 'bad id; drop table' }, mobi.url)).status).toBe(200);
    const ids = proxy.requests.slice(next).filter((request) => request.url === '/graphql').map((request) => request.headers['x-request-id']);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // One request, one id for all its CMS calls.
    expect(new Set(ids).size).toBe(1);
  });

  it('writes JSON log lines carrying the request id', async () => {
    await page(HOST, '/', { 'x-request-id': 'log-line-check-7' }, mobi.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = mobi
      .output()
      .split('\n')
      .filter((line) => line.includes('log-line-check-7'));
    expect(lines.length).toBeGreaterThan(0);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'http', process: 'mobi', requestId: 'log-line-check-7', status: 200, msg: 'request' });
  });

  it('is ready while the CMS answers, and stays ready through a CMS outage saying it serves cached pages; liveness stays 204', async () => {
    const ready = await fetch(`${mobi.url}/_baobab/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    await proxy.stop();
    // Taken out of rotation, every replica would hide the cached pages meant to carry readers through the outage.
    const down = await fetch(`${mobi.url}/_baobab/ready`);
    expect(down.status).toBe(200);
    expect(down.headers.get('cache-control')).toBe('no-store');
    const body = (await down.json()) as { ready: boolean; degraded: string };
    expect(body.ready).toBe(true);
    expect(body.degraded).toMatch(/^the CMS at http:\/\/127\.0\.0\.1:\d+ is not reachable: .*; serving cached content$/);
    expect((await fetch(`${mobi.url}/_baobab/health`)).status).toBe(204);
    expect(sampleValue(await scrape(), 'baobab_http_requests_total', { route: 'ready', status: '200' })).toBe(2);
  });
});
