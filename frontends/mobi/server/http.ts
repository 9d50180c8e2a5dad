// The mobi-site's HTTP server: answers from the page cache when it can (ETag, 304, gzip),
// renders through Next when it must, and takes the CMS's "content changed" notice. Every
// answer carries the security headers; a body over the limit gets 413, a malformed URL 400.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { defaultBodyLimits, readBody, type BodyLimits } from '@baobab/kit/http';
import { isLiteRequest } from '../src/lite';
import { IMAGE_PREFIX } from '../src/image-path';
import { PREVIEW_PATH } from '../src/preview-path';
import { BAD_REQUEST_HEADER } from '../src/site-page';
import { pageKey, type CachedPage, type PageCache } from './page-cache';

export const INVALIDATE_PATH = '/_baobab/invalidate';
/** Answers 204 once the server is up, without asking the CMS anything. */
export const HEALTH_PATH = '/_baobab/health';
export const FAVICON_PATH = '/favicon.ico';
const FAVICON_CACHE_CONTROL = 'public, max-age=604800, immutable';
export const CACHE_CONTROL = 'public, max-age=0, stale-while-revalidate=60, stale-if-error=86400';

/**
 * Pages carry no script at all, inline their one stylesheet, load images from the
 * mobi's own image route and submit forms to themselves: the policy says exactly that,
 * so a payload that slipped into a page still cannot run, frame it or send it elsewhere.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Article paths name health topics; other sites learn only which site linked them.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // frame-ancestors for browsers that predate it.
  'X-Frame-Options': 'DENY',
};

/**
 * Origins that may frame the draft preview (the CMS admin shows it in its preview pane):
 * those of the admin's URLs (`adminUrls` of src/config.ts, checked there), each with its
 * localhost/127.0.0.1 twin.
 */
export function previewFrameAncestors(adminUrls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const value of adminUrls) {
    const url = new URL(value);
    origins.add(url.origin);
    const twin = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname === '127.0.0.1' ? 'localhost' : null;
    if (twin !== null) origins.add(`${url.protocol}//${twin}${url.port ? `:${url.port}` : ''}`);
  }
  return [...origins];
}

/** The draft preview: never stored anywhere, never indexed, no referrer (its URL holds the token), framed only by the admin. */
function previewHeaders(frameAncestors: readonly string[]): Record<string, string> {
  const { 'X-Frame-Options': _, ...security } = SECURITY_HEADERS;
  return {
    ...security,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`),
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex, nofollow',
  };
}

const pathOf = (url: string) => {
  const mark = url.indexOf('?');
  return mark < 0 ? url : url.slice(0, mark);
};

type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

interface Rendered {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Lets Next render into memory instead of the socket, then restores the response. */
function captureRender(handle: NextHandler, req: IncomingMessage, res: ServerResponse): Promise<Rendered> {
  const chunks: Buffer[] = [];
  const original = { write: res.write, end: res.end, flushHeaders: res.flushHeaders };
  const restore = () => Object.assign(res, original);
  return new Promise<Rendered>((resolve, reject) => {
    const toBuffer = (chunk: unknown): Buffer | null =>
      typeof chunk === 'string' ? Buffer.from(chunk) : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
    res.flushHeaders = () => undefined;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      const buffer = toBuffer(chunk);
      if (buffer) chunks.push(buffer);
      const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
      callback?.();
      return true;
    }) as ServerResponse['write'];
    res.end = ((chunk?: unknown) => {
      const buffer = toBuffer(chunk);
      if (buffer) chunks.push(buffer);
      restore();
      const type = res.getHeader('content-type');
      resolve({ status: res.statusCode, contentType: typeof type === 'string' ? type : 'text/html; charset=utf-8', body: Buffer.concat(chunks) });
      return res;
    }) as ServerResponse['end'];
    handle(req, res).catch((error: unknown) => {
      restore();
      reject(error);
    });
  });
}

function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

function send(req: IncomingMessage, res: ServerResponse, page: Pick<CachedPage, 'status' | 'contentType' | 'body' | 'etag'> & { gzip?: Buffer }, cacheState: string) {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': page.contentType,
    ETag: page.etag,
    'Cache-Control': page.status === 200 ? CACHE_CONTROL : 'no-store',
    Vary: 'Accept-Encoding, Via, User-Agent, X-IORG-FBS, X-OperaMini-Phone-UA',
    'X-Page-Cache': cacheState,
  };
  if (page.status === 200 && req.headers['if-none-match'] === page.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const wantsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = wantsGzip ? (page.gzip ?? zlib.gzipSync(page.body)) : page.body;
  if (wantsGzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = body.length;
  res.writeHead(page.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const withEtag = (rendered: Rendered) => ({ ...rendered, etag: `"${crypto.createHash('sha1').update(rendered.body).digest('base64url').slice(0, 22)}"` });

/** A render, kept in the cache when it is a good page. */
async function renderInto(cache: PageCache, key: string, render: Promise<Rendered>): Promise<{ rendered: Rendered; page: CachedPage | null }> {
  const rendered = await render;
  return { rendered, page: rendered.status === 200 ? cache.set(key, rendered) : null };
}

const hasBody = (req: IncomingMessage) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** True when every %-escape in the path and query decodes to UTF-8; Next would answer its own 400 page otherwise. */
export function isWellFormedUrl(url: string): boolean {
  try {
    const mark = url.indexOf('?');
    decodeURIComponent(mark < 0 ? url : url.slice(0, mark));
    if (mark >= 0) for (const part of url.slice(mark + 1).split(/[&=]/)) decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

export function createRequestHandler(options: {
  handle: NextHandler;
  images: (req: IncomingMessage, res: ServerResponse, url: string) => Promise<void>;
  cache: PageCache | null;
  notifySecret: string | undefined;
  log: (message: string) => void;
  /** No mobi path reads a request body; one over the limit (the kit's default, 64 KiB) is answered 413. */
  bodyLimits?: BodyLimits;
  /** Origins that may frame the draft preview (see previewFrameAncestors); none by default. */
  frameAncestors?: readonly string[];
}) {
  const { handle, images, cache, notifySecret, log, bodyLimits = defaultBodyLimits, frameAncestors = [] } = options;
  const rendering = new Map<string, Promise<{ rendered: Rendered; page: CachedPage | null }>>();
  return async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const body = hasBody(req) ? await readBody(req, bodyLimits) : null;
    if (body && !body.ok) {
      if (body.reason === 'unreadable' || res.destroyed) return void req.socket.destroy();
      // The kit has read and dropped the rest when it could, so the client reads this; otherwise close after it.
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...(body.drained ? {} : { Connection: 'close' }) });
      res.end(`Request body too large: this site takes at most ${bodyLimits.maxBytes} bytes.\n`);
      return;
    }
    if (req.url === HEALTH_PATH) {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.url === FAVICON_PATH) {
      // Browsers ask every site for an icon. Sites have none: an empty answer a browser may
      // keep for a week costs readers nothing, where a themed 404 cost kilobytes per page view.
      res.writeHead(204, { 'Cache-Control': FAVICON_CACHE_CONTROL });
      res.end();
      return;
    }
    if (req.url === INVALIDATE_PATH) {
      const given = req.headers['x-baobab-secret'];
      if (req.method !== 'POST' || !notifySecret || typeof given !== 'string' || given.length !== notifySecret.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(notifySecret))) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
        return;
      }
      const count = cache?.invalidate() ?? 0;
      res.writeHead(204, { 'x-invalidated': String(count) });
      res.end();
      return;
    }
    if (req.url?.startsWith(IMAGE_PREFIX)) {
      await images(req, res, req.url);
      return;
    }
    // The page decides whether a request is malformed (site-page.tsx); only this layer sees the raw URL.
    delete req.headers[BAD_REQUEST_HEADER];
    if (!isWellFormedUrl(req.url ?? '/')) {
      req.headers[BAD_REQUEST_HEADER] = 'malformed percent-encoding';
      req.url = '/';
    }
    if (pathOf(req.url ?? '/') === PREVIEW_PATH) {
      // A draft: rendered for this request alone, outside the page cache, whatever the method asked.
      const headers = previewHeaders(frameAncestors);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Use GET to open a preview.\n');
        return;
      }
      const rendered = await captureRender(handle, req, res);
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.writeHead(rendered.status, { ...headers, 'Content-Type': rendered.contentType, 'Content-Length': rendered.body.length });
      res.end(req.method === 'HEAD' ? undefined : rendered.body);
      return;
    }
    if (cache === null || (req.method !== 'GET' && req.method !== 'HEAD')) {
      await handle(req, res);
      return;
    }
    if (req.headers[BAD_REQUEST_HEADER] !== undefined) {
      send(req, res, withEtag(await captureRender(handle, req, res)), 'bypass');
      return;
    }
    // Next writes no body for HEAD, and a cached empty page would blank the page for every
    // reader: render HEAD as GET (Node still sends no body on a HEAD response).
    if (req.method === 'HEAD') req.method = 'GET';
    const key = pageKey(req, isLiteRequest(req.headers));
    const cached = cache.get(key);
    if (cached && !cached.isStale) {
      send(req, res, cached.page, 'hit');
      return;
    }
    // Requests for a page already being rendered wait for that render instead of starting their own.
    const running = rendering.get(key);
    const outcome = running ?? renderInto(cache, key, captureRender(handle, req, res));
    if (!running) {
      rendering.set(key, outcome);
      void outcome.finally(() => rendering.delete(key)).catch(() => undefined);
    }
    const { rendered, page } = await outcome;
    const lastGood = rendered.status >= 500 ? cache.lastGood(key) : undefined;
    if (page) {
      send(req, res, page, running ? 'shared' : 'miss');
    } else if (lastGood) {
      log(`mobi: serving the last good ${key} (render answered ${rendered.status})`);
      send(req, res, lastGood, 'stale');
    } else {
      send(req, res, withEtag(rendered), 'bypass');
    }
  };
}
