// Rendered pages, kept compressed per host + route, in two stores bounded in bytes (LRU):
// fresh pages, which a content change marks stale for the sites it reaches (the CMS's
// notice, or Redis) and the next request re-renders; and last good copies, served while the CMS cannot be reached. A page
// enters the last-good store only once it is asked for again, so a flood of one-off
// URLs churns the fresh store and never the copies an outage needs; a page asked once
// still stands in from the fresh store while it is there. A copy stands in for failed
// renders for `staleMaxAgeMs` after the first of them, then no more until a render succeeds.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { reachesSite, type ChangeScope } from '@baobab/kit/changes';
import { PAGE_CACHE_DEFAULTS } from '../src/config';
import { paramsReadAt } from '../src/routes';
import { requestHost } from '../src/site-page';

export interface CachedPage {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
}

export interface PageCacheOptions {
  /** Bytes of fresh pages (HTML and its gzip, plus key and bookkeeping). */
  readonly maxBytes: number;
  /** Bytes of last good copies, kept apart from the fresh pages. */
  readonly lastGoodMaxBytes: number;
  /** How long a copy stands in for failing renders, from the first failure (BAOBAB_STALE_MAX_AGE). */
  readonly staleMaxAgeMs: number;
  /** The clock, for tests; Date.now by default. */
  readonly now?: () => number;
}

/** The bounds and their defaults are read in src/config.ts (BAOBAB_PAGE_CACHE_BYTES, BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES). */
export { PAGE_CACHE_DEFAULTS, PAGE_CACHE_MIN_BYTES } from '../src/config';
/** A page larger than this share of a store is not kept in it (it would push out too many others). */
const MAX_SHARE = 8;
/** Bytes counted per entry on top of its buffers and key: the map entry, the object, the ETag. */
const ENTRY_OVERHEAD = 256;

export interface PageCacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly lastGoodEntries: number;
  readonly lastGoodBytes: number;
}

export interface PageCache {
  /** A fresh or stale page for the key; counts as a second ask, so the page becomes a last good copy. */
  get(key: string): { readonly page: CachedPage; readonly isStale: boolean } | undefined;
  /**
   * Stores a good render of `site` (null, the default: a page of no known site) that
   * started at `startedAt` (ms, default now); refreshes the last good copy when the key was asked for before.
   */
  set(key: string, page: { status: number; contentType: string; body: Buffer }, site?: string | null, startedAt?: number): CachedPage;
  /**
   * The copy to serve because rendering the key failed: the last good copy, else the fresh
   * store's (stale) page. The first call after a good render starts the clock; once the
   * renders have failed for `staleMaxAgeMs` there is none until a render succeeds (`set`).
   */
  lastGood(key: string): CachedPage | undefined;
  /**
   * Marks stale the fresh pages of the sites a change reaches (every page when none is
   * given), and renders that start within `settleMs` from now.
   */
  invalidate(change?: ChangeScope, settleMs?: number): void;
  readonly stats: PageCacheStats;
}

/** A store bounded by the bytes its entries declare, least recently used out first; too large a page is not kept. */
const createLru = <T extends object>(maxBytes: number) => new LRUCache<string, T>({ maxSize: maxBytes, maxEntrySize: Math.floor(maxBytes / MAX_SHARE) });

/** Sites whose last change time is kept; beyond it they are forgotten and every page counts as changed now. */
const MAX_CHANGED_SITES = 100_000;

/** A page as kept in both stores; `failingSince` is when renders of its key began to fail (null while they succeed). */
interface Copy {
  readonly page: CachedPage;
  failingSince: number | null;
}

export function createPageCache(options: PageCacheOptions = PAGE_CACHE_DEFAULTS): PageCache {
  // A fresh entry is stale when its render started before the last change to its site settled.
  const fresh = createLru<{ copy: Copy; site: string | null; startedAt: number }>(options.maxBytes);
  const lastGood = createLru<Copy>(options.lastGoodMaxBytes);
  const now = options.now ?? Date.now;
  /** From when renders are fresh again, per site ('' for pages of no site), and for every site. */
  const freshFrom = new Map<string, number>();
  let everythingFreshFrom = Number.NEGATIVE_INFINITY;
  const isStale = (entry: { site: string | null; startedAt: number }) =>
    entry.startedAt < Math.max(everythingFreshFrom, freshFrom.get(entry.site ?? '') ?? Number.NEGATIVE_INFINITY);
  const sizeOf = (key: string, page: CachedPage) => page.body.length + page.gzip.length + key.length * 2 + ENTRY_OVERHEAD;
  return {
    get(key) {
      const entry = fresh.get(key);
      if (!entry) return undefined;
      if (lastGood.get(key) !== entry.copy) lastGood.set(key, entry.copy, { size: sizeOf(key, entry.copy.page) });
      return { page: entry.copy.page, isStale: isStale(entry) };
    },
    set(key, { status, contentType, body }, site = null, startedAt = now()) {
      const page: CachedPage = {
        status,
        contentType,
        body,
        gzip: zlib.gzipSync(body, { level: 9 }),
        etag: `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
      };
      const copy: Copy = { page, failingSince: null };
      const size = sizeOf(key, page);
      if (fresh.has(key) || lastGood.has(key)) lastGood.set(key, copy, { size });
      fresh.set(key, { copy, site, startedAt }, { size });
      return page;
    },
    lastGood(key) {
      const copy = lastGood.get(key) ?? fresh.peek(key)?.copy;
      if (!copy) return undefined;
      const at = now();
      copy.failingSince ??= at;
      return at - copy.failingSince < options.staleMaxAgeMs ? copy.page : undefined;
    },
    invalidate(change, settleMs = 0) {
      // A render that starts at this very millisecond may have read the old content: strictly after it is fresh.
      const from = now() + 1 + settleMs;
      if (change === undefined || change.sites === 'all' || freshFrom.size + change.sites.length > MAX_CHANGED_SITES) {
        everythingFreshFrom = Math.max(from, ...freshFrom.values());
        freshFrom.clear();
      } else {
        for (const site of change.sites) freshFrom.set(site, from);
        if (reachesSite(change, null)) freshFrom.set('', from);
      }
    },
    get stats() {
      return { entries: fresh.size, bytes: fresh.calculatedSize, lastGoodEntries: lastGood.size, lastGoodBytes: lastGood.calculatedSize };
    },
  };
}

/**
 * The cache key: the request's host as pages see it, the path as requested, the lite
 * flag, and only the query parameters the path's route reads (first value each, sorted);
 * `?utm=…` and other parameters no page reads never make a new entry.
 */
export function pageKey(req: Pick<IncomingMessage, 'headers' | 'url'>, isLite: boolean): string {
  const url = new URL(req.url ?? '/', 'http://page.invalid');
  let segments: string[] = [];
  try {
    segments = url.pathname.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
  } catch {
    // A malformed path is answered 400 before the cache; it reads no parameters either way.
  }
  const kept = new URLSearchParams();
  for (const name of paramsReadAt(segments)) {
    const value = url.searchParams.get(name);
    if (value) kept.append(name, value);
  }
  const query = kept.toString();
  return `${isLite ? 'lite:' : ''}${requestHost(req)}${url.pathname}${query ? `?${query}` : ''}`;
}
