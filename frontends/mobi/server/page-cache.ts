// Rendered pages, kept compressed per host + URL. A publish marks every entry stale
// (the CMS notifies); a stale entry is re-rendered on its next request, and served as
// it is while the CMS cannot be reached.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import { requestHost } from '../src/site-page';

export interface CachedPage {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
  stale: boolean;
}

export interface PageCache {
  get(key: string): CachedPage | undefined;
  set(key: string, page: { status: number; contentType: string; body: Buffer }): CachedPage;
  /** Marks every entry stale; returns how many there were. */
  invalidate(): number;
  readonly size: number;
}

export function createPageCache(maxEntries = 5000): PageCache {
  const pages = new Map<string, CachedPage>();
  return {
    get: (key) => pages.get(key),
    set(key, { status, contentType, body }) {
      const entry: CachedPage = {
        status,
        contentType,
        body,
        gzip: zlib.gzipSync(body, { level: 9 }),
        etag: `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
        stale: false,
      };
      pages.delete(key);
      if (pages.size >= maxEntries) pages.delete(pages.keys().next().value ?? '');
      pages.set(key, entry);
      return entry;
    },
    invalidate() {
      for (const entry of pages.values()) entry.stale = true;
      return pages.size;
    },
    get size() {
      return pages.size;
    },
  };
}

/** The cache key: the request's host as pages see it, the URL as requested, and the lite flag. */
export function pageKey(req: Pick<IncomingMessage, 'headers' | 'url'>, isLite: boolean): string {
  return `${isLite ? 'lite:' : ''}${requestHost(req)}${req.url ?? '/'}`;
}
