// The delivery API's HTTP face at /graphql (GET and POST). It sits in front of Strapi's
// Koa app on the same server: a cached answer costs a body read, a map lookup and one
// write, with no middleware stack. Every other path goes to Strapi untouched.
import crypto from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { defaultBodyLimits, discardBody, readBody } from '@baobab/kit/http';
import type { Logger } from '@baobab/kit/log';
import { NO_SITE, UNKNOWN_SITE, type ProcessMetrics, type RequestLabels } from '@baobab/kit/metrics';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from '@baobab/kit/request-id';
import { jsonDepth, MAX_JSON_DEPTH } from '../middlewares/json-depth';
import { READY_PATH, routeKind, sendReadiness, type Readiness } from './observe';
import { z } from 'zod';
import type { GraphQLRequest } from './execute';
import type { DeliveryService } from './service';

export const DELIVERY_PATH = '/graphql';

const requestSchema = z.object({
  query: z.string({ error: 'query must be a string' }).min(1, 'query must not be empty'),
  variables: z
    .record(z.string(), z.unknown(), { error: 'variables must be an object' })
    .nullish()
    .transform((value) => value ?? null),
  operationName: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  extensions: z.unknown().optional(),
});

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** False when the request's body was left unread: the answer must close the connection. */
    readonly isBodyRead = true,
  ) {
    super(message);
  }
}

function parseRequest(raw: unknown): GraphQLRequest {
  if (Array.isArray(raw)) throw new RequestError(400, 'BAD_REQUEST', 'Batched requests are not supported; send one operation per request.');
  // graphql-js coerces variables recursively: 30,000 nested lists (60 KB) overflowed its stack with a 500.
  if (jsonDepth(raw) > MAX_JSON_DEPTH) throw new RequestError(400, 'BAD_REQUEST', `The request's JSON nests more than ${MAX_JSON_DEPTH} levels deep; send flatter variables.`);
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'expected { query, variables?, operationName? }';
    throw new RequestError(400, 'BAD_REQUEST', `Invalid GraphQL request: ${where}`);
  }
  return parsed.data;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'BAD_REQUEST', `${what} is not valid JSON.`);
  }
}

async function readRequest(req: IncomingMessage, search: string, maxBodyBytes: number): Promise<GraphQLRequest> {
  if (req.method === 'GET') {
    const params = new URLSearchParams(search);
    const variables = params.get('variables');
    return parseRequest({
      query: params.get('query') ?? undefined,
      variables: variables === null || variables === '' ? null : parseJson(variables, 'variables'),
      operationName: params.get('operationName'),
    });
  }
  if (!/^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
    const drained = await discardBody(req);
    throw new RequestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST a JSON body with Content-Type: application/json.', drained);
  }
  const read = await readBody(req, { ...defaultBodyLimits, maxBytes: maxBodyBytes });
  if (!read.ok && read.reason === 'too-large') {
    throw new RequestError(413, 'QUERY_TOO_LARGE', `Request body exceeds ${maxBodyBytes} bytes; send a smaller query.`, read.drained);
  }
  if (!read.ok) throw new RequestError(400, 'BAD_REQUEST', 'The request body could not be read.', false);
  const text = read.body.toString('utf8');
  return parseRequest(parseJson(text, 'The request body'));
}

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

/**
 * GraphQL over HTTP media type negotiation: `application/graphql-response+json` when the
 * client accepts it at least as much as `application/json`; otherwise (no Accept, any type,
 * legacy clients) `application/json`.
 */
export function responseMediaType(accept: string | undefined): typeof GRAPHQL_RESPONSE_JSON | 'application/json' {
  let graphqlResponse = 0;
  let json = 0;
  for (const part of (accept ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q)) continue;
    if (range === GRAPHQL_RESPONSE_JSON) graphqlResponse = Math.max(graphqlResponse, q);
    if (range === 'application/json' || range === 'application/*' || range === '*/*') json = Math.max(json, q);
  }
  return graphqlResponse > 0 && graphqlResponse >= json ? GRAPHQL_RESPONSE_JSON : 'application/json';
}

/** What shared caches (CDNs) may do with a clean GET answer: every answer is public. */
export const CDN_CACHE_CONTROL = 'public, max-age=0, s-maxage=2, stale-while-revalidate=60, stale-if-error=86400';

const baseHeaders = {
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
};

function sendError(res: ServerResponse, status: number, code: string, message: string, mediaType: string, extra: Record<string, string> = {}) {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { ...baseHeaders, 'Content-Type': `${mediaType}; charset=utf-8`, 'Cache-Control': 'no-store', ...extra, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const digest = (value: string) => crypto.createHash('sha256').update(value).digest();

/**
 * The front end a request comes from, when it proves the write secret
 * (`Authorization: Bearer <BAOBAB_WRITE_SECRET>`, compared in constant time); else null.
 */
export function callerOf(authorization: string | undefined, writeSecret: string): { readonly client: string } | null {
  const match = /^Bearer ([\x21-\x7e]{1,512})$/.exec(authorization ?? '');
  if (!match?.[1] || writeSecret === '') return null;
  return crypto.timingSafeEqual(digest(match[1]), digest(writeSecret)) ? { client: 'front-end' } : null;
}

export function createDeliveryHandler(delivery: DeliveryService, log: (message: string) => void, writeSecret = '', logger?: Logger<'http'>) {
  return async function handleDelivery(req: IncomingMessage, res: ServerResponse, search: string, labels?: RequestLabels): Promise<void> {
    // The front end's id for the reader's request (mobi, chat), else a new one: echoed back and in every log line.
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader('X-Request-Id', requestId);
    return withRequestId(requestId, () => answer(req, res, search, labels));
  };

  async function answer(req: IncomingMessage, res: ServerResponse, search: string, labels?: RequestLabels): Promise<void> {
    const mediaType = responseMediaType(req.headers.accept);
    const started = process.hrtime.bigint();
    let cacheState = '';
    // One line per delivery request at debug (LOG_LEVEL verbose or debug) only: there can be thousands a second.
    if (logger?.isLevelEnabled('debug')) {
      res.once('finish', () => logger.debug({ method: req.method, status: res.statusCode, cache: cacheState, ms: Number(process.hrtime.bigint() - started) / 1e6, site: labels?.site }, 'delivery'));
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Accept, If-None-Match, Authorization',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      const drained = await discardBody(req);
      sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.', mediaType, { Allow: 'GET, POST, OPTIONS', ...(drained ? {} : { Connection: 'close' }) });
      return;
    }
    try {
      const read = await readRequest(req, search, delivery.limits.maxBodyBytes);
      const request = { ...read, method: req.method === 'GET' ? ('GET' as const) : ('POST' as const), caller: callerOf(req.headers.authorization, writeSecret) };
      if (labels) labels.site = delivery.knownSite(read.variables) ?? UNKNOWN_SITE;
      const { response, cache, dbQueries } = await delivery.handle(request);
      cacheState = cache;
      // Under application/json every GraphQL answer is a 200 so clients read its errors;
      // the graphql-response media type carries the request's own status.
      const status = mediaType === GRAPHQL_RESPONSE_JSON || response.status >= 500 ? response.status : 200;
      // A preview answer (a draft) is private: no-store, and never a 304 from a shared validator.
      const isClean = response.status === 200 && cache !== 'refused' && cache !== 'private';
      const headers: Record<string, string | number> = {
        ...baseHeaders,
        'Content-Type': `${mediaType}; charset=utf-8`,
        ETag: response.etag,
        'Cache-Control': !isClean ? 'no-store' : req.method === 'GET' ? CDN_CACHE_CONTROL : 'no-cache',
        Vary: 'Accept, Accept-Encoding',
      };
      if (!delivery.isProduction) {
        headers['X-Delivery-Cache'] = cache;
        headers['X-Delivery-Db-Queries'] = dbQueries;
      }
      if (isClean && req.headers['if-none-match'] === response.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      let body = response.body;
      if (response.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        headers['Content-Encoding'] = 'gzip';
        body = response.gzip;
      }
      headers['Content-Length'] = body.length;
      res.writeHead(status, headers);
      res.end(body);
    } catch (error) {
      if (error instanceof RequestError) {
        sendError(res, error.status, error.code, error.message, mediaType, error.isBodyRead ? {} : { Connection: 'close' });
        return;
      }
      if (logger) logger.error({ err: error }, 'delivery failed');
      else log(`delivery: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error', mediaType);
      else res.destroy();
    }
  }
}

/**
 * Puts the delivery handler (and readiness at /_ready) in front of the server's existing
 * request listeners (Strapi's Koa app), so /graphql never enters the Koa stack. With
 * `metrics`, every request the server answers is counted by route kind (observe.ts).
 */
export function mountDelivery(
  server: Server,
  handle: ReturnType<typeof createDeliveryHandler>,
  options: { readonly metrics?: ProcessMetrics; readonly readiness?: () => Promise<Readiness> } = {},
): void {
  const { metrics, readiness } = options;
  const others = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const labels = metrics?.track(res, { route: routeKind(path), site: NO_SITE });
    if (path === DELIVERY_PATH) {
      void handle(req, res, query === -1 ? '' : url.slice(query + 1), labels);
      return;
    }
    if (path === READY_PATH && readiness) {
      void readiness().then(
        (state) => sendReadiness(res, state),
        (error: unknown) => sendReadiness(res, { ready: false, reason: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    for (const listener of others) listener.call(server, req, res);
  });
}
