// Metrics, request ids and readiness of a real gateway against the test CMS, through a
// recording proxy: metrics on the metrics port only (with the channel label), USSD hops
// and sessions, content cache hits and invalidations, the caller's request id passed to
// the CMS, and readiness that follows the CMS.
import crypto from 'node:crypto';
import { changeOfEverything } from '@baobab/kit/changes';
import { sampleValue } from '@baobab/kit/metrics';
import { freePort, startRecordingProxy, type RecordingProxy } from '@baobab/testkit';
import type { RunningGateway } from '../src/server/start';
import { cmsUrl, dial, startTestGateway, TEST_SECRETS } from './support/gateway';

let proxy: RecordingProxy;
let gateway: RunningGateway;
let metricsUrl = '';

beforeAll(async () => {
  proxy = await startRecordingProxy(cmsUrl());
  const port = await freePort();
  gateway = await startTestGateway(null, { CMS_URL: proxy.url, METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1' });
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
});

afterAll(async () => {
  await gateway?.stop();
  await proxy?.stop();
});

const scrape = async () => {
  const response = await fetch(metricsUrl);
  expect(response.status).toBe(200);
  return response.text();
};

describe('chat gateway observability', () => {
  it('serves Prometheus metrics on the metrics port, never on the public one', async () => {
    expect(gateway.metricsUrl).toBe(metricsUrl);
    const text = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'baobab_http_requests_total', 'baobab_http_request_duration_seconds', 'baobab_cache_lookups_total', 'baobab_cache_invalidations_total', 'baobab_ussd_hops_total', 'baobab_ussd_sessions_total', 'baobab_plugin_writes_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404);
  });

  it('counts USSD hops and sessions by site, requests by route, site, status and channel, and content cache hits', async () => {
    const before = await scrape();
    const sessionId = `ATUid_${crypto.randomUUID()}`;
    const phoneNumber = `+2547${crypto.randomInt(10_000_000, 99_999_999)}`;
    for (const text of ['', '1']) {
      const answer = await dial(gateway.url, { sessionId, serviceCode: '*384*100#', phoneNumber, text });
      expect(answer.body).toMatch(/^CON /);
    }
    // An unknown service code: "unknown", never a series of its own.
    await dial(gateway.url, { sessionId: 'x', serviceCode: '*999*123#', phoneNumber, text: '' });
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('baobab_ussd_hops_total', { site: 'kijana-ke' })).toBe(2);
    expect(delta('baobab_ussd_sessions_total', { site: 'kijana-ke' })).toBe(1);
    expect(delta('baobab_http_requests_total', { process: 'chat', route: 'ussd', site: 'kijana-ke', status: '200', channel: 'ussd' })).toBe(2);
    expect(delta('baobab_http_requests_total', { route: 'ussd', site: 'unknown', channel: 'ussd' })).toBe(1);
    expect(after).not.toContain('999*123');
    expect(delta('baobab_http_request_duration_seconds_count', { route: 'ussd', channel: 'ussd' })).toBe(3);
    expect(delta('baobab_cache_lookups_total', { cache: 'content', result: 'hit' })).toBeGreaterThan(0);
  });

  it('counts cache invalidations from the CMS notice', async () => {
    const before = sampleValue(await scrape(), 'baobab_cache_invalidations_total', { cache: 'content' }) ?? 0;
    const response = await fetch(`${gateway.url}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': TEST_SECRETS.notify } });
    expect(response.status).toBe(204);
    expect((sampleValue(await scrape(), 'baobab_cache_invalidations_total', { cache: 'content' }) ?? 0) - before).toBe(1);
  });

  it('observes how long a change took to arrive, and applies a change heard twice once', async () => {
    const lagBefore = sampleValue(await scrape(), 'baobab_invalidation_lag_seconds_count', { via: 'notice' }) ?? 0;
    const countBefore = sampleValue(await scrape(), 'baobab_cache_invalidations_total', { cache: 'content' }) ?? 0;
    const change = { ...changeOfEverything('cms-test', 'a test'), at: Date.now() - 1500, sites: ['kijana-ke'], tags: ['doc:x'] };
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${gateway.url}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': TEST_SECRETS.notify, 'content-type': 'application/json' }, body: JSON.stringify(change) });
      expect(response.status).toBe(204);
    }
    const text = await scrape();
    expect((sampleValue(text, 'baobab_invalidation_lag_seconds_count', { via: 'notice' }) ?? 0) - lagBefore).toBe(1);
    expect(sampleValue(text, 'baobab_invalidation_lag_seconds_bucket', { via: 'notice', le: '1' })).toBeLessThan(sampleValue(text, 'baobab_invalidation_lag_seconds_bucket', { via: 'notice', le: '2' }) ?? 0);
    expect((sampleValue(text, 'baobab_cache_invalidations_total', { cache: 'content' }) ?? 0) - countBefore).toBe(1);
  });

  it("passes the caller's request id to the CMS, and replaces a malformed one", async () => {
    gateway.runtime.content.invalidate();
    const from = proxy.requests.length;
    const answer = await fetch(`${gateway.url}/content/kijana-ke/en-KE/hiv-testing-basics?channel=whatsapp`, { headers: { 'x-request-id': 'flow-tool.7' } });
    expect(answer.status).toBe(200);
    const ids = proxy.requests.slice(from).map((request) => request.headers['x-request-id']);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id === 'flow-tool.7')).toBe(true);

    gateway.runtime.content.invalidate();
    const next = proxy.requests.length;
    await fetch(`${gateway.url}/content/kijana-ke/en-KE/hiv-testing-basics?channel=sms`, { headers: { 'x-request-id': 'x'.repeat(65) } });
    const fresh = proxy.requests.slice(next).map((request) => request.headers['x-request-id']);
    expect(fresh.length).toBeGreaterThan(0);
    for (const id of fresh) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is ready while the CMS answers and answers 503 with a reason when it does not; liveness stays 204', async () => {
    const ready = await fetch(`${gateway.url}/_baobab/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    await proxy.stop();
    const down = await fetch(`${gateway.url}/_baobab/ready`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { ready: boolean; reason: string };
    expect(body.ready).toBe(false);
    expect(body.reason).toMatch(/^the CMS at http:\/\/127\.0\.0\.1:\d+ is not reachable/);
    expect((await fetch(`${gateway.url}/_baobab/health`)).status).toBe(204);
    expect(sampleValue(await scrape(), 'baobab_http_requests_total', { route: 'ready', status: '503' })).toBe(1);
  });
});
