// The delivery API as a service: the content index, the response cache, the executor,
// and invalidation when editors change anything delivery reads.
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Core } from '@strapi/strapi';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { loadContentIndex, UID, type ContentIndex } from './content-index';
import { createExecutor, type GraphQLRequest, type GraphQLResponse, type Plan } from './execute';
import { defaultLimits, type QueryLimits } from './limits';
import { createNotifier } from './notify';
import { changeOfEverything, mergeChanges, newOrigin, type ChangeBus, type ChangeScope, type ContentChange } from '@baobab/kit/changes';
import { everySiteListLocale, rowsCrossing, scopeOfRows, EVERYTHING } from './scope';
import { createPreviewAccess } from './preview';
import { previewKey } from '@baobab/kit/preview-token';
import { cmsEnv } from '../env';
import { getSecrets } from '../secrets';
import { articleDetailSchema, type ArticleDetail } from './records';
import type { PluginDeliveryContext } from '@baobab/plugin-api';
import { loadedPlugins } from '../plugins';
import { carries, chainFor, normalizeHost, resolveLocale } from './rules';
import { createDeliverySchema, type DeliveryContext } from './schema';

export interface CachedResponse {
  /** The status under application/graphql-response+json (see GraphQLResponse). */
  readonly status: number;
  readonly body: Buffer;
  readonly etag: string;
  /** Gzipped body, made once for answers worth compressing. */
  readonly gzip: Buffer | null;
}

export interface DeliveryResult {
  readonly response: CachedResponse;
  /** private: the answer read a draft for a preview token; it was not cached and must not be. */
  readonly cache: 'hit' | 'miss' | 'refused' | 'private';
  readonly dbQueries: number;
}

export interface DeliveryService {
  readonly limits: QueryLimits;
  /** This process's id on the change channel. */
  readonly origin: string;
  readonly isProduction: boolean;
  /**
   * Answers one request: from the cache when an answer for the same printed query, operation
   * and declared variables is still valid, else by executing it (and caching a clean answer).
   */
  handle(request: GraphQLRequest): Promise<DeliveryResult>;
  /** Loads the content index now, so the next window boundary is watched from start-up on. */
  warm(): Promise<void>;
  /**
   * A change made in this process: drops the answers it reaches and the index (reloaded
   * shortly), and tells the other replicas (Redis) and the front ends (notices) shortly.
   */
  change(scope: ChangeScope, reason: string): void;
  /** A change another replica made (heard on Redis, or in a notice): applied here only. */
  apply(change: ContentChange, via: 'redis' | 'notice'): void;
  /** Drops every answer and the index here only (Redis answers again after an outage: changes may have been missed). */
  resync(reason: string): void;
  /** Publishes this process's changes on Redis from now on. */
  useBus(bus: ChangeBus): void;
  /** Whether Redis answers, when it is configured: null when fine or not configured, else why not (readiness). */
  busProblem(): string | null;
  /** Tells front ends now and waits (at most 2 s), so an editor's save returns after their caches know. */
  notifyFrontEnds(): Promise<void>;
  /** Bytes and entries held by the response cache. */
  cacheStats(): { readonly bytes: number; readonly entries: number };
  /** True once a content index has loaded since start-up (readiness); an edit that drops it does not make this false. */
  hasLoadedIndex(): boolean;
  /** The site a request's variables name (`site`/`code` or `host`), when the loaded index knows it; else null (the metrics `site` label). */
  knownSite(variables: Readonly<Record<string, unknown>> | null): string | null;
}

/** What the service reports to the metrics (observe.ts); every hook is optional. */
export interface DeliveryObserver {
  lookup?(result: 'hit' | 'miss' | 'shared'): void;
  invalidated?(kind: 'all' | 'tag'): void;
  /** A content change was applied here, `seconds` after it was made. */
  applied?(via: 'local' | 'redis' | 'notice', seconds: number): void;
  mutation?(result: 'ok' | 'refused'): void;
}


/** A safety net for writes that bypass every change path (a script writing to the database). */
const MAX_RESPONSE_AGE_MS = 5 * 60_000;
const GZIP_FROM_BYTES = 1024;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How long changes gather before they are told as one (a seed, a bulk publish). */
const TELL_DELAY_MS = 100;

/** Byte bounds of the response cache: in all (`BAOBAB_DELIVERY_CACHE_MB`, default 64) and per answer (answers above it are not kept). */
export function cacheBounds(megabytes: number): { readonly maxBytes: number; readonly maxEntryBytes: number } {
  const maxBytes = megabytes * 1024 * 1024;
  return { maxBytes, maxEntryBytes: Math.min(1024 * 1024, Math.floor(maxBytes / 16)) };
}

const idRows = z.array(z.object({ id: z.number() }));
const queryCounter = new AsyncLocalStorage<{ queries: number }>();

/** True when a GraphQL answer carries `errors` (a mutation's answer is small: parsing it is cheap). */
function hasErrors(body: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && 'errors' in parsed;
  } catch {
    return true;
  }
}

function toCached(response: GraphQLResponse): CachedResponse {
  const body = Buffer.from(JSON.stringify(response.body));
  const etag = `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  return { status: response.status, body, etag, gzip: body.length > GZIP_FROM_BYTES ? zlib.gzipSync(body, { level: 6 }) : null };
}

export function createDeliveryService(strapi: Core.Strapi, observer: DeliveryObserver = {}): DeliveryService {
  const settings = cmsEnv();
  const isProduction = settings.isProduction;
  const limits = defaultLimits;
  const plugins = loadedPlugins().flatMap(({ definition, delivery }) => (delivery ? [{ name: definition.name, title: definition.title, half: delivery }] : []));
  const executor = createExecutor({
    schema: createDeliverySchema(plugins),
    limits,
    isProduction,
    log: (error) => strapi.log.error(`delivery: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const publicUrl = (strapi.config.get<string>('server.url') || `http://localhost:${strapi.config.get<number>('server.port')}`).replace(/\/$/, '');

  const notifier = settings.notify ? createNotifier(settings.notify, (message) => strapi.log.warn(`delivery: ${message}`)) : null;
  const origin = newOrigin('cms');
  let bus: ChangeBus | null = null;
  /** Changes applied lately, by id: a change heard twice (a notice and Redis) is applied once. */
  const appliedIds = new LRUCache<string, true>({ max: 10_000 });

  let generation = 0;
  let index: { generation: number; promise: Promise<ContentIndex> } | null = null;
  /** The last index that loaded: site codes and hosts for metrics labels, and readiness. */
  let lastLoaded: ContentIndex | null = null;
  const bounds = cacheBounds(settings.deliveryCacheMb);
  /** Cached answers by tag (`context.tag` in plugin resolvers), so a plugin's write drops only what depended on it. */
  const tagged = new Map<string, Set<string>>();
  /** Bumped by every `invalidateTag`: an answer computed across one is not kept. */
  let tagGeneration = 0;
  const responses = new LRUCache<string, { response: CachedResponse; validUntil: number; tags: readonly string[] }>({
    maxSize: bounds.maxBytes,
    maxEntrySize: bounds.maxEntryBytes,
    sizeCalculation: ({ response, tags }, key) => response.body.length + (response.gzip?.length ?? 0) + key.length + 200 + tags.length * 64,
    dispose: ({ tags }, key) => {
      for (const tag of tags) {
        const keys = tagged.get(tag);
        keys?.delete(key);
        if (keys?.size === 0) tagged.delete(tag);
      }
    },
  });
  function dropTagged(tag: string): void {
    for (const key of [...(tagged.get(tag) ?? [])]) responses.delete(key);
    tagged.delete(tag);
  }
  /** A plugin's write (a vote): drops the answers tagged `tag` in this process; other replicas keep theirs for the plugin's cacheFor. */
  function invalidateTag(tag: string): void {
    observer.invalidated?.('tag');
    tagGeneration += 1;
    dropTagged(tag);
  }
  /** Drops what a change reaches here, and the index; reloads the index shortly, so the next reader does not wait for it. */
  function applyHere(change: ContentChange, via: 'local' | 'redis' | 'notice'): void {
    if (appliedIds.has(change.id)) return;
    appliedIds.set(change.id, true);
    generation += 1;
    index = null;
    armBoundary(null);
    if (change.tags === 'all') {
      observer.invalidated?.('all');
      responses.clear();
      tagged.clear();
    } else {
      observer.invalidated?.('tag');
      for (const tag of change.tags) {
        const locale = everySiteListLocale(tag);
        if (locale === null) dropTagged(tag);
        // A document every site carries: the listings of every site in that locale.
        else for (const known of [...tagged.keys()]) if (known.startsWith('list:') && known.endsWith(`@${locale}`)) dropTagged(known);
      }
    }
    observer.applied?.(via, Math.max(0, Date.now() - change.at) / 1000);
    scheduleWarm();
    strapi.log.debug(`delivery: applied a change (${change.reason}) via ${via}`);
  }
  /** Pending changes made here, told to front ends and other replicas as one a moment later (bursts: a seed, a bulk publish). */
  let toTell: ContentChange[] = [];
  let tellTimer: NodeJS.Timeout | null = null;
  function tell(change: ContentChange): void {
    toTell.push(change);
    tellTimer ??= setTimeout(() => void flushTell(), TELL_DELAY_MS);
  }
  async function flushTell(): Promise<void> {
    if (tellTimer) clearTimeout(tellTimer);
    tellTimer = null;
    const changes = toTell;
    toTell = [];
    if (changes.length === 0) return;
    const merged = changes.length === 1 && changes[0] ? changes[0] : mergeChanges(origin, changes);
    await Promise.all([bus?.publish(merged), notifier?.send(merged)]);
  }
  let warmTimer: NodeJS.Timeout | null = null;
  function scheduleWarm(): void {
    warmTimer ??= setTimeout(() => {
      warmTimer = null;
      void currentIndex(Date.now()).catch(() => undefined);
    }, TELL_DELAY_MS);
    warmTimer.unref();
  }
  for (const { half } of plugins) void Promise.resolve(half.init?.(strapi)).catch((error: unknown) => strapi.log.error(`delivery: a plugin's init failed: ${String(error)}`));
  /** Executions under way, by cache key: identical concurrent misses share one. */
  const inFlight = new Map<string, Promise<{ response: CachedResponse; dbQueries: number; isPrivate: boolean }>>();
  const draftKey = previewKey(getSecrets().ENCRYPTION_KEY);

  strapi.db.connection.on('query', () => {
    const counter = queryCounter.getStore();
    if (counter) counter.queries += 1;
  });

  /**
   * At the next publish or featured window boundary of what the index holds, the documents whose
   * window opened or closed, and the listings they enter or leave, are dropped and front ends are
   * told, as for an edit (rowsCrossing, scopeOfRows): an article going live reaches the mobi pages
   * and chat menus that list it within the notice's delay, with no edit to trigger it.
   */
  let boundaryTimer: NodeJS.Timeout | null = null;
  function armBoundary(at: number | null): void {
    if (boundaryTimer) clearTimeout(boundaryTimer);
    boundaryTimer = null;
    if (at === null) return;
    // setTimeout holds at most ~24.8 days; a later boundary is re-armed when the index reloads then.
    const delay = Math.min(Math.max(at - Date.now(), 0), MAX_TIMER_MS);
    const armedWith = lastLoaded;
    boundaryTimer = setTimeout(() => {
      boundaryTimer = null;
      // What opened or closed since that index loaded: those documents and the listings they enter or leave.
      const crossing = armedWith ? rowsCrossing(armedWith, armedWith.loadedAt, Date.now()) : null;
      const scope = crossing ? scopeOfRows([...new Set(crossing.map((row) => row.documentId))], crossing) : EVERYTHING;
      service.change(scope, 'a publish window opened or closed');
    }, delay);
    boundaryTimer.unref();
  }

  function currentIndex(now: number): Promise<ContentIndex> {
    if (!index || index.generation !== generation) {
      const started = generation;
      const promise = loadContentIndex(strapi, now);
      index = { generation: started, promise };
      promise.then(
        (loaded) => {
          if (index?.promise !== promise) return;
          lastLoaded = loaded;
          armBoundary(loaded.nextBoundary);
        },
        () => {
          if (index?.promise === promise) index = null;
        },
      );
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

  async function execute(plan: Plan, request: GraphQLRequest) {
    const now = Date.now();
    const started = generation;
    const startedTags = tagGeneration;
    const counter = { queries: 0 };
    return queryCounter.run(counter, async () => {
      const contentIndex = await currentIndex(now);
      const state = { isPrivate: false, maxAgeMs: MAX_RESPONSE_AGE_MS, tags: new Set<string>() };
      const preview = createPreviewAccess(strapi, draftKey, state, now);
      const plugin: PluginDeliveryContext = {
        strapi,
        now,
        chainFor: (site, locale) => {
          const requestedLocale = resolveLocale(site, locale);
          return { requestedLocale, chain: chainFor(site, requestedLocale) };
        },
        carries,
        cacheFor: (ms) => {
          state.maxAgeMs = Math.min(state.maxAgeMs, Math.max(0, ms));
        },
        tag: (tag) => state.tags.add(tag),
        invalidateTag,
        caller: request.caller ?? null,
      };
      const result = await plan.run((budget) => ({ index: contentIndex, now, details: details(), searchMatches, publicUrl, budget, preview, plugin }) satisfies DeliveryContext);
      const response = toCached(result);
      // Only clean public answers are kept (never one that read a draft, never a mutation's),
      // and only when nothing they depend on changed while they were computed.
      const isUnchanged = started === generation && (state.tags.size === 0 || startedTags === tagGeneration);
      if (!plan.isMutation && result.status === 200 && !result.body.errors && !state.isPrivate && isUnchanged && state.maxAgeMs > 0) {
        // A publish or featured window opening or closing is a change of its own (armBoundary).
        const validUntil = now + state.maxAgeMs;
        const tags = [...state.tags];
        responses.set(plan.key, { response, validUntil, tags });
        for (const tag of tags) tagged.set(tag, (tagged.get(tag) ?? new Set()).add(plan.key));
      }
      return { response, dbQueries: counter.queries, isPrivate: state.isPrivate || plan.isMutation };
    });
  }

  const service: DeliveryService = {
    origin,
    limits,
    isProduction,
    async warm() {
      await currentIndex(Date.now()).catch((error: unknown) =>
        strapi.log.warn(`delivery: could not load content at start-up (the first request will try again): ${error instanceof Error ? error.message : String(error)}`),
      );
    },
    async handle(request) {
      const plan = executor.plan(request);
      if ('error' in plan) return { response: toCached(plan.error), cache: 'refused', dbQueries: 0 };
      if (plan.isMutation) {
        if (request.method === 'GET') {
          return { response: toCached({ status: 405, body: { errors: [{ message: 'Mutations need POST.', extensions: { code: 'METHOD_NOT_ALLOWED' } }] } }), cache: 'refused', dbQueries: 0 };
        }
        // A write: run each on its own, never from or into the cache.
        const { response, dbQueries } = await execute(plan, request);
        if (observer.mutation) observer.mutation(response.status === 200 && !hasErrors(response.body) ? 'ok' : 'refused');
        return { response, cache: 'private', dbQueries };
      }
      const entry = responses.get(plan.key);
      if (entry !== undefined && Date.now() < entry.validUntil) {
        observer.lookup?.('hit');
        return { response: entry.response, cache: 'hit', dbQueries: 0 };
      }
      let running = inFlight.get(plan.key);
      observer.lookup?.(running ? 'shared' : 'miss');
      if (!running) {
        running = execute(plan, request).finally(() => inFlight.delete(plan.key));
        inFlight.set(plan.key, running);
      }
      const { response, dbQueries, isPrivate } = await running;
      return { response, cache: isPrivate ? 'private' : 'miss', dbQueries };
    },
    change(scope, reason) {
      const change: ContentChange = { id: crypto.randomUUID(), origin, at: Date.now(), ...scope, reason };
      applyHere(change, 'local');
      tell(change);
    },
    apply(change, via) {
      applyHere(change, via);
    },
    resync(reason) {
      applyHere(changeOfEverything(origin, reason), 'local');
    },
    useBus(given) {
      bus = given;
    },
    busProblem: () => (bus === null || bus.isConnected() ? null : 'Redis (REDIS_URL) is not reachable'),
    async notifyFrontEnds() {
      await flushTell();
    },
    cacheStats: () => ({ bytes: responses.calculatedSize, entries: responses.size }),
    hasLoadedIndex: () => lastLoaded !== null,
    knownSite(variables) {
      if (lastLoaded === null || variables === null) return null;
      const code = typeof variables.site === 'string' ? variables.site : typeof variables.code === 'string' ? variables.code : null;
      if (code !== null) return lastLoaded.sitesByCode.has(code) ? code : null;
      const host = typeof variables.host === 'string' ? normalizeHost(variables.host) : null;
      return host === null ? null : (lastLoaded.sitesByHost.get(host)?.code ?? null);
    },
  };
  return service;
}
