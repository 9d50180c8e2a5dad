// The delivery API's HTTP face at /graphql (GET and POST). It sits in front of Strapi's
// Koa app on the same server: a cached answer costs a body read, a map lookup and one
// write, with no middleware stack. Every other path goes to Strapi untouched.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import getRawBody from 'raw-body';
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
  ) {
    super(message);
  }
}

function parseRequest(raw: unknown): GraphQLRequest {
  if (Array.isArray(raw)) throw new RequestError(400, 'BAD_REQUEST', 'Batched requests are not supported; send one operation per request.');
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

/** The request's cache key: G + its raw query string, or P + its raw body. */
async function readKey(req: IncomingMessage, search: string, maxBodyBytes: number): Promise<string> {
  if (req.method === 'GET') return `G${search}`;
  if (!/^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new RequestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST a JSON body with Content-Type: application/json.');
  }
  try {
    return `P${await getRawBody(req, { limit: maxBodyBytes, encoding: 'utf8' })}`;
  } catch (error) {
    const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : '';
    if (type === 'entity.too.large') {
      throw new RequestError(413, 'QUERY_TOO_LARGE', `Request body exceeds ${maxBodyBytes} bytes; send a smaller query.`);
    }
    throw new RequestError(400, 'BAD_REQUEST', 'The request body could not be read.');
  }
}

function parseKey(method: string | undefined, key: string): GraphQLRequest {
  if (method !== 'GET') return parseRequest(parseJson(key.slice(1), 'The request body'));
  const params = new URLSearchParams(key.slice(1));
  const variables = params.get('variables');
  return parseRequest({
    query: params.get('query') ?? undefined,
    variables: variables === null || variables === '' ? null : parseJson(variables, 'variables'),
    operationName: params.get('operationName'),
  });
}

const baseHeaders = {
  'Access-Control-Allow-Origin': '*',
  'X-Content-Type-Options': 'nosniff',
  'Content-Type': 'application/json; charset=utf-8',
};

function sendError(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}) {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { ...baseHeaders, ...extra, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function createDeliveryHandler(delivery: DeliveryService, log: (message: string) => void) {
  return async function handleDelivery(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use GET or POST.', { Allow: 'GET, POST, OPTIONS' });
      return;
    }
    try {
      const key = await readKey(req, search, delivery.limits.maxBodyBytes);
      const hit = delivery.cached(key);
      const { response, cache, dbQueries } = hit
        ? { response: hit, cache: 'hit' as const, dbQueries: 0 }
        : await delivery.run(parseKey(req.method, key), key);
      const headers: Record<string, string | number> = {
        ...baseHeaders,
        ETag: response.etag,
        'Cache-Control': 'no-cache',
        Vary: 'Accept-Encoding',
      };
      if (!delivery.isProduction) {
        headers['X-Delivery-Cache'] = cache;
        headers['X-Delivery-Db-Queries'] = dbQueries;
      }
      if (response.status === 200 && req.headers['if-none-match'] === response.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      let body = response.body;
      if (body.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        headers['Content-Encoding'] = 'gzip';
        body = delivery.gzipped(response);
      }
      headers['Content-Length'] = body.length;
      res.writeHead(response.status, headers);
      res.end(body);
    } catch (error) {
      if (error instanceof RequestError) {
        // A refused body may still be arriving: close the connection rather than let the
        // client reuse a socket the server is draining.
        const unread = error.status === 413 || error.status === 415;
        sendError(res, error.status, error.code, error.message, unread ? { Connection: 'close' } : {});
        return;
      }
      log(`delivery: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      else res.destroy();
    }
  };
}

/**
 * Puts the delivery handler in front of the server's existing request listeners (Strapi's
 * Koa app), so /graphql never enters the Koa stack.
 */
export function mountDelivery(server: Server, handle: ReturnType<typeof createDeliveryHandler>): void {
  const others = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    if ((query === -1 ? url : url.slice(0, query)) === DELIVERY_PATH) {
      void handle(req, res, query === -1 ? '' : url.slice(query + 1));
      return;
    }
    for (const listener of others) listener.call(server, req, res);
  });
}
