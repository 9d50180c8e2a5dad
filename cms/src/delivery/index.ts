// Entry point of the delivery API: one service per Strapi instance, and the hooks that
// clear its caches whenever something it reads changes.
import type { Core } from '@strapi/strapi';
import { cmsEnv } from '../env';
import { pluginWatches } from '../plugins';
import { createDeliveryHandler, mountDelivery } from './http';
import { createDeliveryService, watchedModels, type DeliveryService } from './service';

const services = new WeakMap<Core.Strapi, DeliveryService>();

export function deliveryService(strapi: Core.Strapi): DeliveryService {
  let service = services.get(strapi);
  if (!service) {
    service = createDeliveryService(strapi);
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

/** Serves the delivery API at /graphql on the CMS's own HTTP server. */
export function serveDelivery(strapi: Core.Strapi): void {
  const handler = createDeliveryHandler(deliveryService(strapi), (message) => strapi.log.error(message), cmsEnv().writeSecret);
  mountDelivery(strapi.server.httpServer, handler);
}
