// Readiness says 503 with a reason when the database does not answer or no content index
// could load (the real endpoint's 200 is tested over HTTP in tests/api/observability.test.ts).
import type { Core } from '@strapi/strapi';
import { cmsReadiness, routeKind } from '../delivery/observe';
import type { DeliveryService } from '../delivery/service';

const strapiWith = (raw: () => Promise<unknown>) => ({ db: { connection: { raw } } }) as unknown as Core.Strapi;
const deliveryWith = (loaded: boolean, loadsOnWarm = false, busProblem: string | null = null) => {
  let state = loaded;
  return {
    busProblem: () => busProblem,
    hasLoadedIndex: () => state,
    warm: async () => {
      state = state || loadsOnWarm;
    },
  } as unknown as DeliveryService;
};

describe('CMS readiness', () => {
  it('is ready when the database answers and an index has loaded', async () => {
    await expect(cmsReadiness(strapiWith(async () => [{ 1: 1 }]), deliveryWith(true))).resolves.toEqual({ ready: true });
    // No index yet: readiness starts the first load and answers from it.
    await expect(cmsReadiness(strapiWith(async () => [{ 1: 1 }]), deliveryWith(false, true))).resolves.toEqual({ ready: true });
  });

  it('is not ready, saying why, when the database fails or hangs, or no index loads', async () => {
    await expect(cmsReadiness(strapiWith(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))), deliveryWith(true))).resolves.toEqual({
      ready: false,
      reason: 'the database is not reachable: connect ECONNREFUSED 127.0.0.1:5432',
    });
    const started = Date.now();
    await expect(cmsReadiness(strapiWith(() => new Promise(() => undefined)), deliveryWith(true))).resolves.toEqual({ ready: false, reason: 'the database is not reachable: no answer within 2000 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(cmsReadiness(strapiWith(async () => []), deliveryWith(false, false))).resolves.toEqual({ ready: false, reason: 'the content index has not loaded yet' });
    const redisDown = 'Redis (REDIS_URL) is not reachable';
    await expect(cmsReadiness(strapiWith(async () => []), deliveryWith(true, true, redisDown))).resolves.toEqual({ ready: false, reason: redisDown });
  });

  it('labels requests by a small set of route kinds, never raw paths', () => {
    expect(['/graphql', '/_ready', '/_health', '/admin', '/admin/content-manager', '/api/articles', '/uploads/a.png', '/content-manager/x', '/strapi-graphql', '/anything/else'].map(routeKind)).toEqual([
      'graphql', 'ready', 'health', 'admin', 'admin', 'rest', 'uploads', 'admin_api', 'strapi_graphql', 'other',
    ]);
  });
});
