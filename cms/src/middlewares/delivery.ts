// The delivery API's HTTP face at /graphql (GET and POST), first in the middleware chain:
// a cached answer costs a body read, a map lookup and a write. Everything else passes on.
import type { Core } from '@strapi/strapi';
import getRawBody from 'raw-body';
import { z } from 'zod';
import { deliveryService } from '../delivery';
import type { GraphQLRequest } from '../delivery/execute';

export const DELIVERY_PATH = '/graphql';

interface KoaContext {
  path: string;
  method: string;
  status: number;
  body: unknown;
  req: import('node:http').IncomingMessage;
  query: Record<string, string | string[] | undefined>;
  get(field: string): string;
  set(field: string, value: string): void;
}

const requestSchema = z.object({
  query: z.string({ error: 'query must be a string' }).min(1, 'query must not be empty'),
  variables: z.record(z.string(), z.unknown(), { error: 'variables must be an object' }).nullish().transform((value) => value ?? null),
  operationName: z.string().nullish().transform((value) => value ?? null),
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
    throw new RequestError(400, 'BAD_REQUEST', `Invalid GraphQL request: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'expected { query, variables?, operationName? }'}`);
  }
  return { query: parsed.data.query, variables: parsed.data.variables, operationName: parsed.data.operationName };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'BAD_REQUEST', `${what} is not valid JSON.`);
  }
}

async function readRequest(ctx: KoaContext, maxBodyBytes: number): Promise<GraphQLRequest> {
  if (ctx.method === 'GET') {
    const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
    const variables = single(ctx.query.variables);
    return parseRequest({
      query: single(ctx.query.query),
      variables: variables === undefined || variables === '' ? null : parseJson(variables, 'variables'),
      operationName: single(ctx.query.operationName) ?? null,
    });
  }
  if (!/^application\/(graphql-response\+)?json\b/i.test(ctx.get('content-type'))) {
    throw new RequestError(415, 'UNSUPPORTED_MEDIA_TYPE', 'POST a JSON body with Content-Type: application/json.');
  }
  let text: string;
  try {
    text = await getRawBody(ctx.req, { limit: maxBodyBytes, encoding: 'utf8' });
  } catch (error) {
    const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : '';
    if (type === 'entity.too.large') {
      throw new RequestError(413, 'QUERY_TOO_LARGE', `Request body exceeds ${maxBodyBytes} bytes; send a smaller query.`);
    }
    throw new RequestError(400, 'BAD_REQUEST', 'The request body could not be read.');
  }
  return parseRequest(parseJson(text, 'The request body'));
}

function sendJson(ctx: KoaContext, status: number, payload: unknown) {
  ctx.status = status;
  ctx.set('Content-Type', 'application/json; charset=utf-8');
  ctx.body = Buffer.from(JSON.stringify(payload));
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const delivery = deliveryService(strapi);
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (ctx.path !== DELIVERY_PATH) return next();
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('X-Content-Type-Options', 'nosniff');
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      ctx.set('Access-Control-Allow-Headers', 'Content-Type, If-None-Match');
      ctx.set('Access-Control-Max-Age', '86400');
      ctx.status = 204;
      return;
    }
    if (ctx.method !== 'GET' && ctx.method !== 'POST') {
      ctx.set('Allow', 'GET, POST, OPTIONS');
      sendJson(ctx, 405, { errors: [{ message: 'Use GET or POST.', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
      return;
    }
    try {
      const request = await readRequest(ctx, delivery.limits.maxBodyBytes);
      const { response, cache, dbQueries } = await delivery.run(request);
      ctx.set('ETag', response.etag);
      ctx.set('Cache-Control', 'no-cache');
      ctx.set('Vary', 'Accept-Encoding');
      if (!delivery.isProduction) {
        ctx.set('X-Delivery-Cache', cache);
        ctx.set('X-Delivery-Db-Queries', String(dbQueries));
      }
      if (response.status === 200 && ctx.get('if-none-match') === response.etag) {
        ctx.status = 304;
        return;
      }
      ctx.status = response.status;
      ctx.set('Content-Type', 'application/json; charset=utf-8');
      if (response.body.length > 1024 && /\bgzip\b/.test(ctx.get('accept-encoding'))) {
        ctx.set('Content-Encoding', 'gzip');
        ctx.body = delivery.gzipped(response);
      } else {
        ctx.body = response.body;
      }
    } catch (error) {
      if (error instanceof RequestError) {
        sendJson(ctx, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
        return;
      }
      strapi.log.error(`delivery: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(ctx, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
  };
};
