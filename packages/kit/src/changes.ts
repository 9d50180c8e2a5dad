// Content changes, told to every replica of every process. A change names the sites whose
// pages and menus may show what changed (front ends drop those sites' entries) and the
// finer delivery tags (the CMS's response cache drops only answers that read them).
//
// Two ways carry a change: the CMS that made it posts it to BAOBAB_NOTIFY_URLS (one box),
// and, with REDIS_URL set, it is published on the Redis channel `baobab:changes`, which
// every CMS, mobi and chat replica subscribes to (many replicas). A replica that loses
// Redis keeps serving from its caches; when Redis answers again it drops them, since it may
// have missed changes meanwhile, and a replica whose publish failed tells everyone to drop
// theirs. Replicas apply a change they made themselves at once and skip its echo.
import crypto from 'node:crypto';
import { createClient } from 'redis';
import { z } from 'zod';
import { defaultBodyLimits, type BodyLimits } from './http';

export const CHANGES_CHANNEL = 'baobab:changes';

/** A change as it travels: JSON on the channel and in the body of a notice. */
export interface ContentChange {
  /** Unique per change: a replica skips an id it has applied. */
  readonly id: string;
  /** The process that made it (its own echo is skipped). */
  readonly origin: string;
  /** When it was made (ms since the epoch): lag = applied − at. */
  readonly at: number;
  /** Sites whose pages may show what changed; 'all' when any may. */
  readonly sites: readonly string[] | 'all';
  /** Delivery cache tags that depend on it (`doc:…`, `list:…`, `site:…`, `sites`); 'all' drops every answer. */
  readonly tags: readonly string[] | 'all';
  /** Why, for logs: `entry.publish api::article.article`. */
  readonly reason: string;
}

/** Bounds of a change on the wire: a notice or message beyond them is refused, not applied. */
export const CHANGE_LIMITS = { bytes: 512 * 1024, sites: 10_000, tags: 20_000, itemLength: 200 } as const;

const item = z.string().min(1).max(CHANGE_LIMITS.itemLength);
const changeSchema = z.object({
  id: z.string().min(1).max(64),
  origin: z.string().min(1).max(64),
  at: z.number().int().nonnegative(),
  sites: z.union([z.literal('all'), z.array(item).max(CHANGE_LIMITS.sites)]),
  tags: z.union([z.literal('all'), z.array(item).max(CHANGE_LIMITS.tags)]),
  reason: z.string().max(200),
});

/** A change read from a notice or the channel; null for anything else (too large, not JSON, wrong shape). */
export function parseChange(text: string): ContentChange | null {
  if (Buffer.byteLength(text) > CHANGE_LIMITS.bytes) return null;
  try {
    const parsed = changeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Body limits of a notice (`POST /_baobab/invalidate`): a change at most. */
export const NOTICE_BODY_LIMITS: BodyLimits = { ...defaultBodyLimits, maxBytes: CHANGE_LIMITS.bytes };

/** The change a notice carries: its JSON body, or everything for an empty body (an older CMS's notice); null when malformed. */
export function noticeChange(body: Buffer | null): ContentChange | null {
  if (body === null || body.length === 0) return changeOfEverything('notice', 'a notice without a change');
  return parseChange(body.toString('utf8'));
}

/** A fresh id for this process (the `origin` of the changes it makes). */
export const newOrigin = (name: string) => `${name}-${crypto.randomBytes(6).toString('hex')}`;

/** A change that drops everything: an edit nobody can scope (media, locales), or a resync. */
export function changeOfEverything(origin: string, reason: string): ContentChange {
  return { id: crypto.randomUUID(), origin, at: Date.now(), sites: 'all', tags: 'all', reason };
}

/** Whether a change reaches the entries of `site` (a site code; null for pages of no known site, such as an unknown host's). */
export function reachesSite(change: ChangeScope, site: string | null): boolean {
  if (change.sites === 'all') return true;
  // A page of no site (unknown host) changes only when the sites themselves do: a new site may claim its host.
  if (site === null) return change.tags === 'all' || change.tags.includes(SITES_TAG);
  return change.sites.includes(site);
}

/** The tag of answers that list sites or look one up by host: any site record change reaches them. */
export const SITES_TAG = 'sites';

/** What a change reaches. */
export type ChangeScope = Pick<ContentChange, 'sites' | 'tags'>;

/** Merges scopes; 'all' absorbs. */
export function mergeScopes(scopes: readonly ChangeScope[]): ChangeScope {
  const union = (lists: ReadonlyArray<readonly string[] | 'all'>): readonly string[] | 'all' =>
    lists.includes('all') ? 'all' : [...new Set(lists.flatMap((list) => (list === 'all' ? [] : list)))];
  return { sites: union(scopes.map((scope) => scope.sites)), tags: union(scopes.map((scope) => scope.tags)) };
}

/** Merges changes told in one burst (a seed, a bulk publish) into one. */
export function mergeChanges(origin: string, changes: readonly ContentChange[]): ContentChange {
  return {
    id: crypto.randomUUID(),
    origin,
    at: Math.min(...changes.map((change) => change.at)),
    ...mergeScopes(changes),
    reason: changes.length === 1 ? (changes[0]?.reason ?? '') : `${changes.length} changes`,
  };
}

export interface ChangeBusOptions {
  /** REDIS_URL. */
  readonly url: string;
  /** This process's origin (newOrigin). */
  readonly origin: string;
  /** A change made by another process arrived. */
  readonly onChange: (change: ContentChange) => void;
  /** Redis answers again after an outage: changes may have been missed, drop every cache. */
  readonly onResync: () => void;
  /** Connection trouble and recovery, once per change of state. */
  readonly log: (message: string) => void;
  /** How long the first connection may take before start-up fails; default 3 s. */
  readonly connectTimeoutMs?: number;
}

export interface ChangeBus {
  /** Publishes a change this process made; never throws (a failure is logged, and everyone resyncs once Redis is back). */
  publish(change: ContentChange): Promise<void>;
  /** Whether both connections are up (readiness). */
  isConnected(): boolean;
  close(): Promise<void>;
}

/** REDIS_URL could not be reached at start-up. */
export class ChangeBusError extends Error {
  readonly code = 'REDIS_UNAVAILABLE';
}

/** A Redis URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://…';
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));

/**
 * Connects a publisher and a subscriber to REDIS_URL and subscribes to CHANGES_CHANNEL.
 * The first connection must succeed (start-up fails with ChangeBusError naming REDIS_URL);
 * afterwards both reconnect in the background for as long as it takes.
 */
export async function connectChangeBus(options: ChangeBusOptions): Promise<ChangeBus> {
  let hasConnected = false;
  /** A publish failed: once Redis answers, everyone is told to drop their caches. */
  let owesResync = false;
  const where = redactRedisUrl(options.url);
  const settings = {
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 3000,
      reconnectStrategy: (retries: number) => (hasConnected ? Math.min(100 + retries * 200, 2000) : false),
    },
  };
  // Named, so `CLIENT LIST` on Redis shows which process each connection is.
  const publisher = createClient({ ...settings, name: `baobab-${options.origin}-publish` });
  const subscriber = createClient({ ...settings, name: `baobab-${options.origin}-subscribe` });
  let lastProblem = '';
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: unknown) => {
      const problem = messageOf(error);
      if (hasConnected && problem !== lastProblem) options.log(`REDIS_UNAVAILABLE: ${where}: ${problem}; serving from caches, changes resync when it answers`);
      lastProblem = problem;
    });
  }
  let subscriberReadyCount = 0;
  subscriber.on('ready', () => {
    subscriberReadyCount += 1;
    // The first ready is the start; every later one follows an outage in which changes may have been missed.
    if (subscriberReadyCount === 1) return;
    options.log(`redis: ${where} answers again; caches dropped to catch up`);
    lastProblem = '';
    options.onResync();
  });
  publisher.on('ready', () => {
    if (!owesResync || !hasConnected) return;
    owesResync = false;
    void bus.publish(changeOfEverything(options.origin, 'a replica could not publish while Redis was away'));
  });
  try {
    await publisher.connect();
    await subscriber.connect();
    await subscriber.subscribe(CHANGES_CHANNEL, (message) => {
      const change = parseChange(message);
      if (change === null) {
        options.log(`redis: ignored a malformed message on ${CHANGES_CHANNEL}`);
        return;
      }
      if (change.origin !== options.origin) options.onChange(change);
    });
  } catch (error) {
    for (const client of [publisher, subscriber]) if (client.isOpen) client.destroy();
    throw new ChangeBusError(`REDIS_URL ${where}: cannot connect (${messageOf(error)}); start Redis or unset REDIS_URL to run one replica without it`);
  }
  hasConnected = true;
  const bus: ChangeBus = {
    async publish(change) {
      try {
        await publisher.publish(CHANGES_CHANNEL, JSON.stringify(change));
      } catch (error) {
        owesResync = true;
        options.log(`REDIS_UNAVAILABLE: could not publish a change (${messageOf(error)}); other replicas resync when Redis answers`);
      }
    },
    isConnected: () => publisher.isReady && subscriber.isReady,
    async close() {
      for (const client of [subscriber, publisher]) {
        if (client.isReady) await client.close().catch(() => undefined);
        if (client.isOpen) client.destroy();
      }
    },
  };
  return bus;
}

/**
 * How long after a change heard on Redis a front end's loads and renders of its sites still
 * count as stale: the CMS replica that answered one may hear of the change a moment after the
 * front end did. (A notice comes from the CMS that made the change, after it dropped its own
 * caches: no wait.)
 */
export const REPLICA_SETTLE_MS = 1000;

/** What a front end does with a change: drop or mark the entries it reaches. */
export type ApplyChange = (change: ContentChange, via: 'notice' | 'redis') => void;

export interface ChangeReceiver {
  /** Applies a change once, however many ways it arrives (a notice and Redis), and counts it. */
  receive: ApplyChange;
  /** Applies a change of everything (Redis answers again after an outage). */
  resync(reason: string): void;
}

/** Changes applied lately, remembered by id so that one heard twice is applied once. */
const REMEMBERED_CHANGES = 10_000;

/**
 * A front end's side of the change channel: dedupes by id, applies, and reports to the
 * metrics (`baobab_cache_invalidations_total{cache}`, `baobab_invalidation_lag_seconds{via}`).
 */
export function createChangeReceiver(options: {
  readonly apply: ApplyChange;
  /** The `cache` label of the invalidation counter: page, content. */
  readonly cache: string;
  readonly metrics?: { readonly cacheInvalidations: { inc(labels: { cache: string }): void }; readonly invalidationLag: { observe(labels: { via: string }, value: number): void } };
}): ChangeReceiver {
  const seen = new Set<string>();
  const receive: ApplyChange = (change, via) => {
    if (seen.has(change.id)) return;
    seen.add(change.id);
    if (seen.size > REMEMBERED_CHANGES) for (const oldest of seen) if (seen.delete(oldest)) break;
    options.apply(change, via);
    options.metrics?.cacheInvalidations.inc({ cache: options.cache });
    options.metrics?.invalidationLag.observe({ via }, Math.max(0, Date.now() - change.at) / 1000);
  };
  return {
    receive,
    resync: (reason) => void receive(changeOfEverything('resync', reason), 'redis'),
  };
}

/**
 * Joins the change channel when REDIS_URL is set (null otherwise): changes other processes
 * make reach `receiver`; start-up fails with ChangeBusError when Redis cannot be reached.
 */
export async function joinChanges(redisUrl: string | null, processName: string, receiver: ChangeReceiver, log: (message: string) => void): Promise<ChangeBus | null> {
  if (redisUrl === null) return null;
  return connectChangeBus({
    url: redisUrl,
    origin: newOrigin(processName),
    onChange: (change) => receiver.receive(change, 'redis'),
    onResync: () => receiver.resync('Redis answers again'),
    log,
  });
}
