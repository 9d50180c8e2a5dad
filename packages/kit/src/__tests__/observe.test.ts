// The shared observability bits: request ids (strict grammar), the metrics server (only
// GET /metrics, on its own port), the request timer and the JSON logger.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { createLogger } from '../log';
import { createProcessMetrics, sampleValue, siteLabel, startMetricsServer } from '../metrics';
import { currentRequestId, isRequestId, requestIdFrom, withRequestId } from '../request-id';

describe('request ids', () => {
  it('keeps a well-formed id and replaces anything else with a new UUID', () => {
    expect(requestIdFrom('abc-123_X.y')).toBe('abc-123_X.y');
    expect(requestIdFrom('a'.repeat(64))).toBe('a'.repeat(64));
    for (const bad of [undefined, '', 'a'.repeat(65), 'has space', 'semi;colon', 'new\nline', 'ünï', ['a', 'b']]) {
      const id = requestIdFrom(bad as string | string[] | undefined);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(isRequestId(id)).toBe(true);
    }
  });

  it('is the current id inside withRequestId, across awaits, and undefined outside', async () => {
    expect(currentRequestId()).toBeUndefined();
    await withRequestId('r-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(currentRequestId()).toBe('r-1');
    });
    expect(currentRequestId()).toBeUndefined();
  });
});

describe('metrics', () => {
  it('serves GET /metrics on its own port with default and request metrics; every other path is 404', async () => {
    const metrics = createProcessMetrics('test', { withChannel: true });
    const app = http.createServer((req, res) => {
      const labels = metrics.track(res, { route: 'other', site: '-', channel: '-' });
      labels.route = 'page';
      labels.site = siteLabel(req.url?.slice(1), (code) => code === 'kijana-ke');
      res.writeHead(req.url === '/missing' ? 404 : 200);
      res.end('ok');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    const server = await startMetricsServer(metrics.registry, { port: 0, host: '127.0.0.1' });
    try {
      await fetch(`${appUrl}/kijana-ke`).then((r) => r.text());
      await fetch(`${appUrl}/invented-${Date.now()}`).then((r) => r.text());
      await fetch(`${appUrl}/missing`).then((r) => r.text());
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toContain('process_cpu_user_seconds_total{process="test"}');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      const requests = (labels: Record<string, string>) => sampleValue(text, 'baobab_http_requests_total', { process: 'test', route: 'page', channel: '-', ...labels });
      expect(requests({ site: 'kijana-ke', status: '200' })).toBe(1);
      // An invented path is "unknown", never a series of its own.
      expect(requests({ site: 'unknown', status: '200' })).toBe(1);
      expect(requests({ site: 'unknown', status: '404' })).toBe(1);
      expect(text).not.toContain('invented');
      expect(sampleValue(text, 'baobab_http_request_duration_seconds_count', { route: 'page' })).toBe(3);
      expect(sampleValue(text, 'baobab_http_request_duration_seconds_bucket', { route: 'page', le: '+Inf' })).toBe(3);
      expect(sampleValue(text, 'baobab_http_requests_total', { site: 'nowhere' })).toBeUndefined();
      for (const path of ['/', '/metrics/x', '/other']) expect((await fetch(server.url.replace('/metrics', path))).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
      await new Promise((resolve) => app.close(resolve));
    }
  });

  it('refuses a port already taken with a message naming METRICS_PORT', async () => {
    const metrics = createProcessMetrics('test');
    const first = await startMetricsServer(metrics.registry, { port: 0, host: '127.0.0.1' });
    try {
      await expect(startMetricsServer(metrics.registry, { port: first.port, host: '127.0.0.1' })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\); set METRICS_PORT to a free port, or off/);
    } finally {
      await first.close();
    }
  });
});

describe('JSON logs', () => {
  it('writes one JSON object per line with the process, level, time and the current request id', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const logger = createLogger({ name: 'mobi', level: 'http', destination: stream });
    withRequestId('req-42', () => logger.http({ status: 200 }, 'request'));
    logger.debug('not written at http');
    logger.warn('outside a request');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: 'http', process: 'mobi', requestId: 'req-42', status: 200, msg: 'request' });
    expect(typeof first?.time).toBe('string');
    expect(second).toMatchObject({ level: 'warn', msg: 'outside a request' });
    expect(second).not.toHaveProperty('requestId');
  });
});
