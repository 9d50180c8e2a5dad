// The mobi-site's HTTP server: answers from the page cache when it can (ETag, 304, gzip),
// renders through Next when it must, and takes the CMS's "content changed" notice. Every
// answer carries the security headers; a body over the limit gets 413, a malformed URL 400.
// Plugin form posts go through server/plugin-post.ts; a page holding a plugin form gets
// the reader's own CSRF token (and cookie) put in as it is sent.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import zlib from 'node:zlib';
import { defaultBodyLimits, readBody, type BodyLimits } from '@baobab/kit/http';
import { NO_SITE, UNKNOWN_SITE, type Counter, type ProcessMetrics, type RequestLabels } from '@baobab/kit/metrics';
import { isLiteRequest } from '../src/lite';
import { IMAGE_PREFIX } from '../src/image-path';
import { PREVIEW_PATH } from '../src/preview-path';
import { csrfToken, formTokenMarker, isSameText, readerOf } from '../src/reader';
import { bypassesPageCache, queryOf } from '../src/routes';
import { BAD_REQUEST_HEADER, NOTICE_HEADER, requestHost, SITE_HEADER, TOO_MANY_POSTS_HEADER } from '../src/site-page';
import { pageKey, type CachedPage, type PageCache } from './page-cache';
import { isPluginPath, PLUGIN_BODY_LIMITS, type PostOutcome } from './plugin-post';
import { NOTICE_BODY_LIMITS, noticeChange, type ContentChange } from '@baobab/kit/changes';

export const INVALIDATE_PATH = '/_baobab/invalidate';
/** Answers 204 once the server is up, without asking the CMS anything. */
export const HEALTH_PATH = '/_baobab/health';
/** 200 when the CMS answers, else 503 with a JSON reason: what load balancers and Kubernetes readiness probes ask. */
export const READY_PATH = '/_baobab/ready';
export const FAVICON_PATH = '/favicon.ico';
const FAVICON_CACHE_CONTROL = 'public, max-age=604800, immutable';
/** Retry-After of the "try again" page (503) while the CMS cannot be reached: readers and crawlers come back soon, not at once. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;
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
  /** The code of the site the page rendered (SITE_HEADER), for metrics. */
  readonly site?: string;
}

/** The mobi-site's metrics: the kit's shared ones plus plugin form posts. */
export interface MobiMetrics extends ProcessMetrics {
  /** `baobab_plugin_posts_total{result}`: accepted (303), refused (the page again), rate_limited (429), rejected (404/405/415). */
  readonly pluginPosts: Counter<'result'>;
}

/** Host → site code, learnt from renders: the `site` label of cached answers. Bounded: hosts no site claims never enter. */
const MAX_KNOWN_HOSTS = 10_000;

export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: string };

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
      const site = res.getHeader(SITE_HEADER);
      resolve({ status: res.statusCode, contentType: typeof type === 'string' ? type : 'text/html; charset=utf-8', body: Buffer.concat(chunks), ...(typeof site === 'string' ? { site } : {}) });
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

const isHttps = (req: IncomingMessage) => String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https' || (req.socket as Partial<TLSSocket>).encrypted === true;

/**
 * A page holding a plugin form, made this reader's: the token marker replaced by their
 * CSRF token, a cookie for a new reader, an ETag of their own. Null for other pages.
 */
function personalize(req: IncomingMessage, page: Pick<CachedPage, 'body' | 'etag'>, readerSecret: string | undefined): { body: Buffer; etag: string; setCookie: string | null } | null {
  const marker = formTokenMarker();
  if (readerSecret === undefined || !page.body.includes(marker)) return null;
  const reader = readerOf(readerSecret, req.headers, isHttps(req));
  const token = csrfToken(readerSecret, reader.id);
  const body = Buffer.from(page.body.toString('utf8').replaceAll(marker, token));
  return { body, etag: `${page.etag.slice(0, -1)}-${crypto.createHash('sha1').update(token).digest('base64url').slice(0, 10)}"`, setCookie: reader.setCookie };
}

interface SendOptions {
  /** Signs reader cookies and CSRF tokens; pages with plugin forms are sent as they are without it (tests of the cache alone). */
  readonly readerSecret?: string;
  /** The answer's status instead of the page's (a refused post's page again). */
  readonly status?: number;
  /** Headers added to the answer (Retry-After of a 429). */
  readonly headers?: Readonly<Record<string, string>>;
}

function send(req: IncomingMessage, res: ServerResponse, cachedPage: Pick<CachedPage, 'status' | 'contentType' | 'body' | 'etag'> & { gzip?: Buffer }, cacheState: string, options: SendOptions = {}) {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  const personal = personalize(req, cachedPage, options.readerSecret);
  const page = personal ? { ...cachedPage, body: personal.body, etag: personal.etag, gzip: undefined } : cachedPage;
  const status = options.status ?? page.status;
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': page.contentType,
    ETag: page.etag,
    // A page with a reader's own token is theirs alone: no shared cache may keep it; a fresh render after a post is kept by none.
    'Cache-Control': status !== 200 || cacheState === 'fresh' ? 'no-store' : personal ? 'private, no-cache' : CACHE_CONTROL,
    Vary: `Accept-Encoding, Via, User-Agent, X-IORG-FBS, X-OperaMini-Phone-UA${personal ? ', Cookie' : ''}`,
    'X-Page-Cache': cacheState,
    ...options.headers,
  };
  if (personal?.setCookie) headers['Set-Cookie'] = personal.setCookie;
  if (status === 200 && req.headers['if-none-match'] === page.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const wantsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = wantsGzip ? (page.gzip ?? zlib.gzipSync(page.body)) : page.body;
  if (wantsGzip) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

const withEtag = (rendered: Rendered) => ({ ...rendered, etag: `"${crypto.createHash('sha1').update(rendered.body).digest('base64url').slice(0, 22)}"` });

/** A render, kept in the cache when it is a good page. */
async function renderInto(cache: PageCache, key: string, render: Promise<Rendered>): Promise<{ rendered: Rendered; page: CachedPage | null }> {
  const startedAt = Date.now();
  const rendered = await render;
  return { rendered, page: rendered.status === 200 ? cache.set(key, rendered, rendered.site ?? null, startedAt) : null };
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
  /** Signs reader cookies and the CSRF tokens of plugin forms (src/reader.ts). */
  readerSecret?: string;
  /** Plugin form posts (server/plugin-post.ts); without it `/_plugins/…` is 404. */
  pluginPost?: (req: IncomingMessage, body: Buffer) => Promise<PostOutcome>;
  /** Request, cache and plugin post metrics; none counted without it. */
  metrics?: MobiMetrics;
  /** Whether this process can serve (the CMS answers); READY_PATH is always ready without it. */
  readiness?: () => Promise<Readiness>;
  /** Applies a change from a notice (serve.ts: the page cache and metrics, once per change however it arrives); else the cache's own invalidate. */
  onChange?: (change: ContentChange, via: 'notice') => void;
}) {
  const { handle, images, cache, notifySecret, log, bodyLimits = defaultBodyLimits, frameAncestors = [], readerSecret, pluginPost, metrics, readiness, onChange } = options;
  const siteByHost = new Map<string, string>();
  /** The `site` label of a page answer: the site a render named for this host, else unknown. */
  const siteOf = (req: IncomingMessage, rendered?: Pick<Rendered, 'site'>): string => {
    const host = requestHost(req);
    if (rendered?.site !== undefined && siteByHost.get(host) !== rendered.site && (siteByHost.has(host) || siteByHost.size < MAX_KNOWN_HOSTS)) siteByHost.set(host, rendered.site);
    return rendered?.site ?? siteByHost.get(host) ?? UNKNOWN_SITE;
  };
  const lookup = (result: 'hit' | 'miss' | 'stale' | 'shared') => metrics?.cacheLookups.inc({ cache: 'page', result });
  const POST_RESULT = { redirect: 'accepted', 'page-again': 'refused', 'too-many': 'rate_limited', plain: 'rejected' } as const;
  const sendOptions: SendOptions = readerSecret === undefined ? {} : { readerSecret };

  /** The page at `back` (with its form state, if any) rendered again for this reader, with a message above it if given: never cached. */
  async function pageAgain(req: IncomingMessage, res: ServerResponse, back: string, status: number, message: string | undefined) {
    req.method = 'GET';
    req.url = back;
    for (const name of ['content-type', 'content-length', 'transfer-encoding']) delete req.headers[name];
    if (message !== undefined) req.headers[NOTICE_HEADER] = encodeURIComponent(message);
    const rendered = await captureRender(handle, req, res);
    send(req, res, withEtag(rendered), 'fresh', { ...sendOptions, status });
  }

  /** The short "too many posts, try again in a minute" page in the language of `back`: 429, never cached. */
  async function tooManyPosts(req: IncomingMessage, res: ServerResponse, back: string, retryAfterSeconds: number) {
    req.method = 'GET';
    req.url = back;
    for (const name of ['content-type', 'content-length', 'transfer-encoding']) delete req.headers[name];
    req.headers[TOO_MANY_POSTS_HEADER] = '1';
    const rendered = await captureRender(handle, req, res);
    send(req, res, withEtag(rendered), 'fresh', { ...sendOptions, status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } });
  }

  async function answerPost(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const outcome: PostOutcome = pluginPost ? await pluginPost(req, body) : { kind: 'plain', status: 404, message: 'Not found.\n' };
    metrics?.pluginPosts.inc({ result: POST_RESULT[outcome.kind] });
    switch (outcome.kind) {
      case 'redirect':
        res.writeHead(303, { Location: outcome.location, 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`See ${outcome.location}\n`);
        return;
      case 'page-again':
        await pageAgain(req, res, outcome.back, outcome.status, outcome.message);
        return;
      case 'too-many':
        await tooManyPosts(req, res, outcome.back, outcome.retryAfterSeconds);
        return;
      case 'plain':
        res.writeHead(outcome.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...outcome.headers });
        res.end(outcome.message);
        return;
    }
  }

  const rendering = new Map<string, Promise<{ rendered: Rendered; page: CachedPage | null }>>();
  // One line when renders start failing and last good copies stand in, one when a render
  // succeeds again: not a line per request through an outage that may last a day.
  let isServingStale = false;
  return async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Route kinds, never raw paths: the label set stays small whatever readers ask for.
    const labels: RequestLabels = metrics?.track(res, { route: 'other', site: NO_SITE }) ?? { route: 'other', site: NO_SITE };
    setSecurityHeaders(res);
    // The message headers are ours to set (a refused post's page again, the 429 page), never a reader's.
    delete req.headers[NOTICE_HEADER];
    delete req.headers[TOO_MANY_POSTS_HEADER];
    const isPluginPost = isPluginPath(req.url ?? '/');
    const limits = isPluginPost ? PLUGIN_BODY_LIMITS : req.url === INVALIDATE_PATH ? NOTICE_BODY_LIMITS : bodyLimits;
    const body = hasBody(req) ? await readBody(req, limits) : null;
    if (body && !body.ok) {
      if (body.reason === 'unreadable' || res.destroyed) return void req.socket.destroy();
      // The kit has read and dropped the rest when it could, so the client reads this; otherwise close after it.
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...(body.drained ? {} : { Connection: 'close' }) });
      res.end(`Request body too large: this site takes at most ${limits.maxBytes} bytes.\n`);
      return;
    }
    if (isPluginPost) {
      labels.route = 'plugin_post';
      labels.site = siteOf(req);
      await answerPost(req, res, body?.body ?? Buffer.alloc(0));
      return;
    }
    if (req.url === HEALTH_PATH) {
      labels.route = 'health';
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.url === READY_PATH) {
      labels.route = 'ready';
      const state = readiness ? await readiness() : ({ ready: true } as const);
      const answer = JSON.stringify(state.ready ? { ready: true } : { ready: false, reason: state.reason });
      res.writeHead(state.ready ? 200 : 503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(answer) });
      res.end(answer);
      return;
    }
    if (req.url === FAVICON_PATH) {
      labels.route = 'favicon';
      // Browsers ask every site for an icon. Sites have none: an empty answer a browser may
      // keep for a week costs readers nothing, where a themed 404 cost kilobytes per page view.
      res.writeHead(204, { 'Cache-Control': FAVICON_CACHE_CONTROL });
      res.end();
      return;
    }
    if (req.url === INVALIDATE_PATH) {
      labels.route = 'invalidate';
      const given = req.headers['x-baobab-secret'];
      if (req.method !== 'POST' || !notifySecret || typeof given !== 'string' || !isSameText(given, notifySecret)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
        return;
      }
      const change = noticeChange(body?.ok ? body.body : null);
      if (change === null) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('CHANGE_MALFORMED: the notice body must be a content change (JSON, @baobab/kit/changes), or empty for everything.\n');
        return;
      }
      if (onChange) onChange(change, 'notice');
      else cache?.invalidate(change);
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.url?.startsWith(IMAGE_PREFIX)) {
      labels.route = 'image';
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
      labels.route = 'preview';
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
    labels.route = 'page';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      await handle(req, res);
      return;
    }
    if (req.headers[BAD_REQUEST_HEADER] !== undefined || cache === null) {
      const rendered = await captureRender(handle, req, res);
      labels.site = siteOf(req, rendered);
      send(req, res, withEtag(rendered), 'bypass', sendOptions);
      return;
    }
    // Where a plugin form's post redirects (`?voted=…`): this reader's results, rendered for
    // them and stored nowhere (no-store), so no other reader sees them.
    if (bypassesPageCache(queryOf(new URL(req.url ?? '/', 'http://page.invalid').searchParams))) {
      const rendered = await captureRender(handle, req, res);
      labels.site = siteOf(req, rendered);
      send(req, res, withEtag(rendered), 'fresh', sendOptions);
      return;
    }
    // Next writes no body for HEAD, and a cached empty page would blank the page for every
    // reader: render HEAD as GET (Node still sends no body on a HEAD response).
    if (req.method === 'HEAD') req.method = 'GET';
    const key = pageKey(req, isLiteRequest(req.headers));
    const cached = cache.get(key);
    if (cached && !cached.isStale) {
      labels.site = siteOf(req);
      lookup('hit');
      send(req, res, cached.page, 'hit', sendOptions);
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
    labels.site = siteOf(req, rendered);
    const lastGood = rendered.status >= 500 ? cache.lastGood(key) : undefined;
    if (page) {
      if (isServingStale) log('mobi: pages render again; last good copies no longer stand in');
      isServingStale = false;
      lookup(running ? 'shared' : 'miss');
      send(req, res, page, running ? 'shared' : 'miss', sendOptions);
    } else if (lastGood) {
      if (!isServingStale) log(`mobi: renders fail (the first: ${key} answered ${rendered.status}); serving last good copies for up to BAOBAB_STALE_MAX_AGE each`);
      isServingStale = true;
      lookup('stale');
      send(req, res, lastGood, 'stale', sendOptions);
    } else {
      lookup('miss');
      // The "try again" page: no copy to stand in (never seen, or failing past BAOBAB_STALE_MAX_AGE).
      send(req, res, withEtag(rendered), 'bypass', rendered.status === 503 ? { ...sendOptions, headers: { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } } : sendOptions);
    }
  };
}
