// The CMS's observability: Prometheus metrics on their own port (the kit's registry and
// server), JSON log lines for the delivery layer (pino, beside Strapi's own logger), and
// readiness at /_ready (database answers `select 1`, content index loaded).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';
import { createLogger, type Logger } from '@baobab/kit/log';
import { client, createProcessMetrics, type Counter, type ProcessMetrics } from '@baobab/kit/metrics';
import type { LogLevel } from '../env';
import type { DeliveryObserver, DeliveryService } from './service';

export const READY_PATH = '/_ready';

export interface CmsMetrics extends ProcessMetrics {
  /** `baobab_plugin_writes_total{result}`: delivery mutations (plugins' writes: votes), ok or refused. */
  readonly pluginWrites: Counter<'result'>;
}

export function createCmsMetrics(): CmsMetrics {
  const base = createProcessMetrics('cms');
  const pluginWrites = new client.Counter({
    name: 'baobab_plugin_writes_total',
    help: "Delivery mutations (plugins' writes such as votes), by result: ok, refused",
    labelNames: ['result'] as const,
    registers: [base.registry],
  });
  return { ...base, pluginWrites };
}

/** The delivery service's hooks feeding the metrics: response cache lookups and invalidations, mutations. */
export function deliveryObserver(metrics: CmsMetrics): DeliveryObserver {
  return {
    lookup: (result) => metrics.cacheLookups.inc({ cache: 'delivery', result }),
    invalidated: (kind) => metrics.cacheInvalidations.inc({ cache: kind === 'all' ? 'delivery' : 'delivery_tag' }),
    mutation: (result) => metrics.pluginWrites.inc({ result }),
    applied: (via, seconds) => metrics.invalidationLag.observe({ via }, seconds),
  };
}

/** The `route` label of a CMS request: a handful of kinds, never the raw path. */
export function routeKind(path: string): string {
  if (path === '/graphql') return 'graphql';
  if (path === READY_PATH) return 'ready';
  if (path === '/_health') return 'health';
  if (path === '/strapi-graphql') return 'strapi_graphql';
  if (path === '/admin' || path.startsWith('/admin/')) return 'admin';
  if (path.startsWith('/api/')) return 'rest';
  if (path.startsWith('/uploads/')) return 'uploads';
  if (path.startsWith('/content-manager/') || path.startsWith('/content-type-builder/') || path.startsWith('/upload/') || path.startsWith('/i18n/') || path.startsWith('/users-permissions/')) return 'admin_api';
  return 'other';
}

/** Strapi's log levels (winston) as pino's: `http` is the one-line-per-request level in both. */
const PINO_LEVELS: Readonly<Record<LogLevel, 'error' | 'warn' | 'info' | 'http' | 'debug' | 'trace'>> = {
  error: 'error',
  warn: 'warn',
  info: 'info',
  http: 'http',
  verbose: 'debug',
  debug: 'debug',
  silly: 'trace',
};

/** The delivery layer's JSON logger at the CMS's LOG_LEVEL. */
export function deliveryLogger(level: LogLevel): Logger<'http'> {
  return createLogger({ name: 'cms', level: PINO_LEVELS[level] });
}

export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/** Ready when the database answers `select 1` within 2 s and a content index has loaded (a first load is started when none has). */
export async function cmsReadiness(strapi: Core.Strapi, delivery: DeliveryService): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      strapi.db.connection.raw('select 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer within 2000 ms')), 2000);
      }),
    ]);
  } catch (error) {
    return { ready: false, reason: `the database is not reachable: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
  } finally {
    clearTimeout(timer);
  }
  const busProblem = delivery.busProblem();
  if (busProblem !== null) return { ready: false, reason: busProblem };
  if (!delivery.hasLoadedIndex()) {
    await delivery.warm();
    if (!delivery.hasLoadedIndex()) return { ready: false, reason: 'the content index has not loaded yet' };
  }
  return { ready: true };
}

export function sendReadiness(res: ServerResponse, state: Readiness): void {
  const body = JSON.stringify(state.ready ? { ready: true } : { ready: false, reason: state.reason });
  res.writeHead(state.ready ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export type { IncomingMessage };
