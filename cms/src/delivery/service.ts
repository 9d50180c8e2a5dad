// The delivery API as a service: the content index, the response cache, the executor,
// and invalidation when editors change anything delivery reads.
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { loadContentIndex, UID, type ContentIndex } from './content-index';
import { createExecutor, type GraphQLRequest, type GraphQLResponse } from './execute';
import { defaultLimits, type QueryLimits } from './limits';
import { createNotifier, notifyTargets } from './notify';
import { articleDetailSchema, type ArticleDetail } from './records';
import { createDeliverySchema, type DeliveryContext } from './schema';

export interface CachedResponse {
  readonly status: number;
  readonly body: Buffer;
  readonly etag: string;
  gzip?: Buffer;
}

export interface DeliveryResult {
  readonly response: CachedResponse;
  readonly cache: 'hit' | 'miss' | 'bypass';
  readonly dbQueries: number;
}

export interface DeliveryService {
  readonly limits: QueryLimits;
  readonly isProduction: boolean;
  /** A still-valid cached answer for this request key (the raw body or query string), if any. */
  cached(key: string): CachedResponse | undefined;
  /** Executes the request and caches a clean answer under `key`. */
  run(request: GraphQLRequest, key: string): Promise<DeliveryResult>;
  /** Drops the index and every cached response; the next read reloads. Front ends hear of it shortly. */
  invalidate(reason: string): void;
  /** Tells front ends now and waits (at most 2 s), so an editor's save returns after their caches know. */
  notifyFrontEnds(): Promise<void>;
  gzipped(response: CachedResponse): Buffer;
}

/** Models whose changes reach delivery output. */
export const watchedModels: ReadonlySet<string> = new Set([...Object.values(UID), 'plugin::upload.file', 'plugin::i18n.locale']);

const MAX_CACHED_RESPONSES = 10_000;
/** A safety net for writes that bypass this process (another replica without Redis, a script). */
const MAX_RESPONSE_AGE_MS = 5 * 60_000;

const idRows = z.array(z.object({ id: z.number() }));
const queryCounter = new AsyncLocalStorage<{ queries: number }>();

export function createDeliveryService(strapi: Core.Strapi): DeliveryService {
  const isProduction = process.env.NODE_ENV === 'production';
  const limits = defaultLimits;
  const executor = createExecutor({
    schema: createDeliverySchema(),
    limits,
    isProduction,
    log: (error) => strapi.log.error(`delivery: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const publicUrl = (strapi.config.get<string>('server.url') || `http://localhost:${strapi.config.get<number>('server.port')}`).replace(/\/$/, '');

  const targets = notifyTargets(process.env);
  const notifier = targets ? createNotifier(targets, (message) => strapi.log.warn(`delivery: ${message}`)) : null;

  let generation = 0;
  let index: { generation: number; promise: Promise<ContentIndex> } | null = null;
  const responses = new Map<string, { response: CachedResponse; validUntil: number }>();

  strapi.db.connection.on('query', () => {
    const counter = queryCounter.getStore();
    if (counter) counter.queries += 1;
  });

  function currentIndex(now: number): Promise<ContentIndex> {
    if (!index || index.generation !== generation) {
      const started = generation;
      const promise = loadContentIndex(strapi, now);
      index = { generation: started, promise };
      promise.catch(() => {
        if (index?.promise === promise) index = null;
      });
    }
    return index.promise;
  }

  const details = () =>
    new DataLoader<number, ArticleDetail | null>(async (ids) => {
      const rows = await strapi.db.query(UID.article).findMany({
        where: { id: { $in: [...ids] } },
        select: ['id', 'body'],
        populate: { image: true, channelOverrides: true },
      });
      const byId = new Map<number, ArticleDetail>();
      for (const row of rows) {
        const parsed = articleDetailSchema.safeParse(row);
        if (parsed.success) byId.set(parsed.data.id, parsed.data);
      }
      return ids.map((id) => byId.get(id) ?? null);
    });

  async function searchMatches(query: string, chain: readonly string[]): Promise<ReadonlySet<number>> {
    const rows = await strapi.db.query(UID.article).findMany({
      where: { publishedAt: { $notNull: true }, locale: { $in: [...chain] }, searchText: { $contains: query } },
      select: ['id'],
    });
    return new Set(idRows.parse(rows).map((row) => row.id));
  }

  function toCached(response: GraphQLResponse): CachedResponse {
    const body = Buffer.from(JSON.stringify(response.body));
    const etag = `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    return { status: response.status, body, etag };
  }

  return {
    limits,
    isProduction,
    cached(key) {
      const entry = responses.get(key);
      if (entry === undefined) return undefined;
      if (Date.now() < entry.validUntil) return entry.response;
      responses.delete(key);
      return undefined;
    },
    async run(request, key) {
      const now = Date.now();
      const started = generation;
      const counter = { queries: 0 };
      return queryCounter.run(counter, async () => {
        const contentIndex = await currentIndex(now);
        const context: DeliveryContext = { index: contentIndex, now, details: details(), searchMatches, publicUrl };
        const result = await executor.run(request, context);
        const response = toCached(result);
        // Only clean answers are kept, and only when nothing changed while they were computed.
        if (result.status === 200 && !result.body.errors && started === generation) {
          if (responses.size >= MAX_CACHED_RESPONSES) responses.delete(responses.keys().next().value ?? '');
          const validUntil = Math.min(contentIndex.nextBoundary ?? Number.POSITIVE_INFINITY, now + MAX_RESPONSE_AGE_MS);
          responses.set(key, { response, validUntil });
        }
        return { response, cache: 'miss' as const, dbQueries: counter.queries };
      });
    },
    invalidate(reason) {
      generation += 1;
      index = null;
      responses.clear();
      notifier?.schedule();
      strapi.log.debug(`delivery: caches cleared (${reason})`);
    },
    async notifyFrontEnds() {
      await notifier?.now();
    },
    gzipped(response) {
      response.gzip ??= zlib.gzipSync(response.body, { level: 6 });
      return response.gzip;
    },
  };
}
