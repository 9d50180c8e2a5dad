// The mobi-site's HTTP server: answers from the page cache when it can (ETag, 304, gzip),
// renders through Next when it must, and takes the CMS's "content changed" notice.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import { isLiteRequest } from '../src/lite';
import { IMAGE_PREFIX } from '../src/image-path';
import { pageKey, type CachedPage, type PageCache } from './page-cache';

export const INVALIDATE_PATH = '/_baobab/invalidate';
/** Answers 204 once the server is up, without asking the CMS anything. */
export const HEALTH_PATH = '/_baobab/health';
export const CACHE_CONTROL = 'public, max-age=0, stale-while-revalidate=60, stale-if-error=86400';

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

function send(req: IncomingMessage, res: ServerResponse, page: Pick<CachedPage, 'status' | 'contentType' | 'body' | 'etag'> & { gzip?: Buffer }, cacheState: string) {
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  const headers: Record<string, string | number> = {
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

const etagOf = (body: Buffer) => `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;

export function createRequestHandler(options: {
  handle: NextHandler;
  images: (req: IncomingMessage, res: ServerResponse, url: string) => Promise<void>;
  cache: PageCache | null;
  notifySecret: string | undefined;
  log: (message: string) => void;
}) {
  const { handle, images, cache, notifySecret, log } = options;
  return async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url === HEALTH_PATH) {
      res.writeHead(204);
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
      req.resume();
      const count = cache?.invalidate() ?? 0;
      res.writeHead(204, { 'x-invalidated': String(count) });
      res.end();
      return;
    }
    if (req.url?.startsWith(IMAGE_PREFIX)) {
      await images(req, res, req.url);
      return;
    }
    const cacheable = cache !== null && (req.method === 'GET' || req.method === 'HEAD');
    if (!cacheable) {
      await handle(req, res);
      return;
    }
    const key = pageKey(req, isLiteRequest(req.headers));
    const cached = cache.get(key);
    if (cached && !cached.stale) {
      send(req, res, cached, 'hit');
      return;
    }
    const rendered = await captureRender(handle, req, res);
    if (rendered.status === 200) {
      send(req, res, cache.set(key, rendered), 'miss');
    } else if (rendered.status >= 500 && cached) {
      log(`mobi: serving the last good ${key} (render answered ${rendered.status})`);
      send(req, res, cached, 'stale');
    } else {
      send(req, res, { ...rendered, etag: etagOf(rendered.body) }, 'bypass');
    }
  };
}
