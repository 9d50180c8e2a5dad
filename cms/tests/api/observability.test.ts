// The CMS's metrics (on their own port, never the public one), its readiness beside
// liveness, and the request id it echoes, over real HTTP against the test CMS.
import { sampleValue } from '@baobab/kit/metrics';
import { randomUUID } from 'node:crypto';
import { cmsUrl, postGraphql } from '../support/client';

const metricsUrl = (): string => {
  const url = process.env.BAOBAB_TEST_CMS_METRICS_URL;
  if (!url) throw new Error('BAOBAB_TEST_CMS_METRICS_URL is not set: run through jest (global-setup boots the CMS)');
  return url;
};

const scrape = async () => {
  const response = await fetch(metricsUrl());
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
};

const SITE = JSON.stringify({ query: 'query Site($code: String!) { site(code: $code) { code } }', variables: { code: 'kijana-ke' } });

describe('CMS observability', () => {
  it('serves Prometheus metrics on the metrics port, never on the public one', async () => {
    const text = await scrape();
    for (const name of ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'baobab_http_requests_total', 'baobab_http_request_duration_seconds', 'baobab_cache_lookups_total', 'baobab_cache_invalidations_total', 'baobab_plugin_writes_total']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect((await fetch(`${cmsUrl()}/metrics`)).status).toBe(404);
  });

  it('counts delivery requests by route, known site and status, and response cache misses then hits', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i += 1) expect((await postGraphql(SITE)).data.site.code).toBe('kijana-ke');
    const invented = `invented-${Date.now()}`;
    await postGraphql(JSON.stringify({ query: 'query Site($code: String!) { site(code: $code) { code } }', variables: { code: invented } }));
    await fetch(`${cmsUrl()}/_health`);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('baobab_http_requests_total', { process: 'cms', route: 'graphql', site: 'kijana-ke', status: '200' })).toBe(3);
    expect(delta('baobab_http_requests_total', { route: 'graphql', site: 'unknown', status: '200' })).toBe(1);
    expect(delta('baobab_http_requests_total', { route: 'health', site: '-' })).toBe(1);
    expect(after).not.toContain(invented);
    expect(delta('baobab_cache_lookups_total', { cache: 'delivery', result: 'hit' })).toBeGreaterThanOrEqual(2);
    expect(delta('baobab_http_request_duration_seconds_count', { route: 'graphql' })).toBe(4);
  });

  it('counts plugin writes (the polls vote mutation) by result', async () => {
    const VOTE = 'mutation Vote($site: String!, $poll: String!, $choices: [ID!]!, $reader: String!) { vote(site: $site, poll: $poll, choices: $choices, reader: $reader) { counted } }';
    const vote = (headers: Record<string, string>) =>
      postGraphql(JSON.stringify({ query: VOTE, variables: { site: 'kijana-ke', poll: 'know-your-status', choices: ['not-yet'], reader: `obs-${randomUUID()}` } }), headers);
    const writes = (text: string, result: string) => sampleValue(text, 'baobab_plugin_writes_total', { process: 'cms', result }) ?? 0;
    const before = await scrape();
    expect((await vote({ authorization: `Bearer ${process.env.BAOBAB_WRITE_SECRET ?? 'baobab-dev-only-secret'}` })).data.vote.counted).toBe(true);
    expect((await vote({})).errors?.length).toBeGreaterThan(0);
    const after = await scrape();
    expect(writes(after, 'ok') - writes(before, 'ok')).toBe(1);
    expect(writes(after, 'refused') - writes(before, 'refused')).toBe(1);
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    expect((await postGraphql(SITE, { 'x-request-id': 'mobi-req.1_A' })).headers.get('x-request-id')).toBe('mobi-req.1_A');
    const replaced = (await postGraphql(SITE, { 'x-request-id': 'not ok\u00e9' })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect((await postGraphql(SITE)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers readiness at /_ready (database and content index) beside liveness at /_health', async () => {
    const ready = await fetch(`${cmsUrl()}/_ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({ ready: true });
    expect((await fetch(`${cmsUrl()}/_health`)).status).toBe(204);
  });
});
