// Prometheus metrics for every Baobab process (prom-client): one registry per process with
// Node's default process metrics, the request and cache metrics all three share, a server
// that answers `GET /metrics` on its own port (never the public one), and a request timer.
//
// Labels are kept bounded: `route` is one of a small fixed set of route kinds per process
// (never a raw path), `site` is a known site's code or "unknown", `status` an HTTP status,
// `channel` one of the chat channels. An attacker inventing hosts or paths adds no series.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import client, { type Counter, type Histogram, type Registry } from 'prom-client';

export { client };
export type { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The `site` label for a request that names no known site. */
export const UNKNOWN_SITE = 'unknown';
/** The `site` label for requests that are not about a site (health, notices, admin). */
export const NO_SITE = '-';

/** Request latency buckets in seconds: 1 ms to 10 s. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface RequestLabels {
  route: string;
  site: string;
  /** Chat only: ussd, sms, whatsapp, telegram, or "-". */
  channel?: string;
}

export interface ProcessMetrics {
  readonly registry: Registry;
  /** `baobab_http_requests_total{route,site,status[,channel]}`. */
  readonly requests: Counter<string>;
  /** `baobab_http_request_duration_seconds{route[,channel]}`. */
  readonly duration: Histogram<string>;
  /** `baobab_cache_lookups_total{cache,result}`: result is hit, miss, stale (a last good copy served) or shared (waited for a render under way). */
  readonly cacheLookups: Counter<'cache' | 'result'>;
  /** `baobab_cache_invalidations_total{cache}`: one per notice or change that dropped or marked entries. */
  readonly cacheInvalidations: Counter<'cache'>;
  /** `baobab_invalidation_lag_seconds{via}`: from a content change being made to this replica applying it; via is local, notice or redis. */
  readonly invalidationLag: Histogram<'via'>;
  /**
   * Times one request: call at its start, set `labels.route` / `labels.site` while
   * answering; the request is counted and its latency observed when the response finishes
   * (or the connection closes first, counted with status 499).
   */
  track(res: http.ServerResponse, labels: RequestLabels): RequestLabels;
}

/**
 * A registry for one process (`cms`, `mobi`, `chat`): default Node metrics
 * (`process_*`, `nodejs_*`) plus the shared request and cache metrics, every series
 * labelled `process`. `withChannel` adds the `channel` label to the request metrics.
 */
export function createProcessMetrics(processName: string, options: { readonly withChannel?: boolean } = {}): ProcessMetrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ process: processName });
  client.collectDefaultMetrics({ register: registry });
  const channel = options.withChannel === true;
  const requests = new client.Counter({
    name: 'baobab_http_requests_total',
    help: 'HTTP requests answered, by route kind, site code, status (and channel on chat)',
    labelNames: channel ? ['route', 'site', 'status', 'channel'] : ['route', 'site', 'status'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'baobab_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by route kind (and channel on chat)',
    labelNames: channel ? ['route', 'channel'] : ['route'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const cacheLookups = new client.Counter({
    name: 'baobab_cache_lookups_total',
    help: 'Cache lookups by cache and result (hit, miss, stale, shared)',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
  });
  const cacheInvalidations = new client.Counter({
    name: 'baobab_cache_invalidations_total',
    help: 'Invalidations applied to a cache (a content change or a notice from the CMS)',
    labelNames: ['cache'] as const,
    registers: [registry],
  });
  const invalidationLag = new client.Histogram({
    name: 'baobab_invalidation_lag_seconds',
    help: 'Time from a content change being made to this replica applying it, by how it arrived (local, notice, redis)',
    labelNames: ['via'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    requests,
    duration,
    cacheLookups,
    cacheInvalidations,
    invalidationLag,
    track(res, labels) {
      const started = process.hrtime.bigint();
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const status = res.writableFinished ? String(res.statusCode) : '499';
        const ch = labels.channel ?? NO_SITE;
        requests.inc(channel ? { route: labels.route, site: labels.site, status, channel: ch } : { route: labels.route, site: labels.site, status });
        duration.observe(channel ? { route: labels.route, channel: ch } : { route: labels.route }, seconds);
      };
      res.once('finish', finish);
      res.once('close', finish);
      return labels;
    },
  };
}

/** The `site` label: the code when `isKnown` says so, else "unknown" (bounded cardinality). */
export function siteLabel(code: string | null | undefined, isKnown: (code: string) => boolean): string {
  return typeof code === 'string' && code !== '' && isKnown(code) ? code : UNKNOWN_SITE;
}

export interface MetricsServer {
  readonly server: http.Server;
  /** `http://host:port/metrics`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` (Prometheus text format) on `host:port`; every other path is 404.
 * Resolves once listening; rejects when the port cannot be taken (the process should stop:
 * a replica without metrics is blind).
 */
export async function startMetricsServer(registry: Registry, options: { readonly port: number; readonly host: string }): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found: metrics are at GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`metrics: cannot listen on ${options.host}:${options.port} (${error.code ?? error.message}); set METRICS_PORT to a free port, or off`)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    port,
    url: `http://${shown}:${port}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The value of one sample in Prometheus text: the line of metric `name` whose labels
 * include every pair in `labels` (in any order); the sum over all such lines when several
 * match; undefined when none does. For tests and scripts reading `/metrics`.
 */
export function sampleValue(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const close = line.lastIndexOf('}');
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length + 1, close) : '';
    const found = new Map([...labelText.matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((match) => [match[1], match[2]]));
    if (!Object.entries(labels).every(([key, value]) => found.get(key) === value)) continue;
    const value = Number(line.slice((close === -1 ? name.length : close + 1)).trim().split(' ')[0]);
    total = (total ?? 0) + value;
  }
  return total;
}
