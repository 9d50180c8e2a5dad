// Entry point of the delivery API: one service per Strapi instance, and the hooks that
// clear its caches whenever something it reads changes.
import type { Core } from '@strapi/strapi';
import { cmsEnv } from '../env';
import { pluginWatches } from '../plugins';
import { startMetricsServer, type MetricsServer } from '@baobab/kit/metrics';
import { createDeliveryHandler, mountDelivery } from './http';
import { cmsReadiness, createCmsMetrics, deliveryLogger, deliveryObserver, type CmsMetrics } from './observe';
import { createDeliveryService, watchedModels, type DeliveryService } from './service';

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

/**
 * Clears delivery caches after every committed change to content it reads. Strapi emits
 * entry.* events after the transaction commits, so a read that follows sees the change.
 */
export function watchContentChanges(strapi: Core.Strapi): void {
  strapi.eventHub.subscribe(async (eventName: string, payload: unknown) => {
    const uid = payloadUid(payload) ?? '';
    if (eventName.startsWith('media.') || (eventName.startsWith('entry.') && (watchedModels.has(uid) || pluginWatches().has(uid)))) {
      deliveryService(strapi).invalidate(eventName);
    }
  });
}

/**
 * Serves the delivery API at /graphql and readiness at /_ready on the CMS's own HTTP
 * server, and `/metrics` on the metrics port (METRICS_PORT) unless it is off.
 */
export async function serveDelivery(strapi: Core.Strapi): Promise<void> {
  const settings = cmsEnv();
  const service = deliveryService(strapi);
  const handler = createDeliveryHandler(service, (message) => strapi.log.error(message), settings.writeSecret, deliveryLogger(settings.logLevel));
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
