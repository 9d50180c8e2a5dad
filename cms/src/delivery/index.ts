// Entry point of the delivery API: one service per Strapi instance, and the hooks that
// clear its caches whenever something it reads changes.
import type { Core } from '@strapi/strapi';
import { cmsEnv } from '../env';
import { connectChangeBus } from '@baobab/kit/changes';
import { startMetricsServer, type MetricsServer } from '@baobab/kit/metrics';
import { createDeliveryHandler, mountDelivery } from './http';
import { cmsReadiness, createCmsMetrics, deliveryLogger, deliveryObserver, type CmsMetrics } from './observe';
import { EVERYTHING } from './scope';
import { createDeliveryService, type DeliveryService } from './service';

const services = new WeakMap<Core.Strapi, DeliveryService>();
/** One registry per Strapi instance, made when METRICS_PORT is not off. */
const registries = new WeakMap<Core.Strapi, CmsMetrics>();

function metricsOf(strapi: Core.Strapi): CmsMetrics | undefined {
  if (cmsEnv().metrics === null) return undefined;
  let metrics = registries.get(strapi);
  if (!metrics) {
    metrics = createCmsMetrics();
    registries.set(strapi, metrics);
  }
  return metrics;
}

export function deliveryService(strapi: Core.Strapi): DeliveryService {
  let service = services.get(strapi);
  if (!service) {
    const metrics = metricsOf(strapi);
    service = createDeliveryService(strapi, metrics ? deliveryObserver(metrics) : {});
    services.set(strapi, service);
  }
  return service;
}

const payloadUid = (payload: unknown): string | undefined =>
  typeof payload === 'object' && payload !== null && 'uid' in payload && typeof payload.uid === 'string' ? payload.uid : undefined;

/** Models written outside the documents middlewares whose changes reach delivery output: media and locales. */
const UNSCOPED_MODELS: ReadonlySet<string> = new Set(['plugin::upload.file', 'plugin::i18n.locale']);

/**
 * Content documents are told to delivery by the documents middlewares (delivery/writes.ts),
 * scoped to what they reach. Media and locales are not documents: a replaced or deleted
 * image, or a changed locale, reaches everything (a new upload reaches nothing until a
 * document uses it). Strapi emits these events after the transaction commits.
 */
export function watchContentChanges(strapi: Core.Strapi): void {
  strapi.eventHub.subscribe(async (eventName: string, payload: unknown) => {
    const isMediaChange = eventName === 'media.update' || eventName === 'media.delete';
    if (isMediaChange || (eventName.startsWith('entry.') && UNSCOPED_MODELS.has(payloadUid(payload) ?? ''))) {
      deliveryService(strapi).change(EVERYTHING, eventName);
    }
  });
}

/**
 * With REDIS_URL, hears the other replicas' changes and publishes this one's; a first
 * connection that fails stops start-up with a message naming REDIS_URL.
 */
async function joinReplicas(strapi: Core.Strapi, service: DeliveryService, redisUrl: string): Promise<void> {
  const bus = await connectChangeBus({
    url: redisUrl,
    origin: service.origin,
    onChange: (change) => service.apply(change, 'redis'),
    onResync: () => service.resync('Redis answers again'),
    log: (message) => strapi.log.warn(`delivery: ${message}`),
  });
  service.useBus(bus);
  strapi.server.httpServer.once('close', () => void bus.close());
  strapi.log.info('Content changes are shared with other replicas on Redis (REDIS_URL)');
}

/**
 * Serves the delivery API at /graphql and readiness at /_ready on the CMS's own HTTP
 * server, and `/metrics` on the metrics port (METRICS_PORT) unless it is off.
 */
export async function serveDelivery(strapi: Core.Strapi): Promise<void> {
  const settings = cmsEnv();
  const service = deliveryService(strapi);
  const handler = createDeliveryHandler(service, (message) => strapi.log.error(message), settings.writeSecret, deliveryLogger(settings.logLevel));
  if (settings.redisUrl !== null) await joinReplicas(strapi, service, settings.redisUrl);
  const metrics = metricsOf(strapi);
  mountDelivery(strapi.server.httpServer, handler, { ...(metrics ? { metrics } : {}), readiness: () => cmsReadiness(strapi, service) });
  if (metrics && settings.metrics) {
    const server: MetricsServer = await startMetricsServer(metrics.registry, settings.metrics);
    strapi.log.info(`Metrics at ${server.url}`);
    // It never holds the process up; it closes with Strapi's own server.
    server.server.unref();
    strapi.server.httpServer.once('close', () => void server.close());
  }
}
