// The front ends' one way to content: a delivery API query over HTTP, its data validated
// with the caller's zod schema. Separate entry point (`@baobab/kit/delivery`) because it needs zod.
//
// Requests go through undici's `request` (the HTTP client inside Node's own `fetch`) on its
// pooled keep-alive connections: `fetch` builds web streams, an AbortSignal and a Request per
// call, which took about 40% of the mobi-site's CPU on a vote's path (two CMS calls per vote).
import crypto from 'node:crypto';
import { request } from 'undici';
import { z } from 'zod';
import { currentRequestId, REQUEST_ID_HEADER } from './request-id';

export class CmsError extends Error {
  constructor(
    readonly code: 'CMS_UNREACHABLE' | 'CMS_ERROR',
    message: string,
    /** The delivery API's own `extensions.code` of each error it answered, when it answered with errors. */
    readonly apiCodes: readonly string[] = [],
  ) {
    super(message);
  }

  /** True when the delivery API refused an argument the caller passed (BAD_USER_INPUT): the caller's mistake, not an outage. */
  get isRefusedInput(): boolean {
    return this.code === 'CMS_ERROR' && this.apiCodes.includes('BAD_USER_INPUT');
  }
}

const responseSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).loose().optional() }).loose()).optional(),
});

/** A GraphQL answer: its data, and its errors with their `extensions.code`. */
export interface GraphqlAnswer {
  readonly data?: unknown;
  readonly errors?: ReadonlyArray<{ readonly message: string; readonly code?: string }>;
}

export interface PostOptions {
  /** Sent as `Authorization: Bearer …`: the front end's write secret, which mutations need. */
  readonly writeSecret?: string;
  /** How long the CMS has to send its headers, and then its body. */
  readonly timeoutMs?: number;
}

/**
 * POSTs one GraphQL request to the delivery API at `${cmsUrl}/graphql`, with the current
 * request's id as `X-Request-Id` (request-id.ts). Throws CmsError
 * CMS_UNREACHABLE when the CMS does not answer in time, CMS_ERROR when it answers without a
 * GraphQL body; GraphQL errors come back in the answer.
 */
export async function postGraphql(cmsUrl: string, query: string, variables: Readonly<Record<string, unknown>>, options: PostOptions = {}): Promise<GraphqlAnswer> {
  const url = `${cmsUrl.replace(/\/$/, '')}/graphql`;
  const timeoutMs = options.timeoutMs ?? 5000;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.writeSecret !== undefined) headers.authorization = `Bearer ${options.writeSecret}`;
  // The id of the reader's request this call serves (or a new one): the CMS logs it and echoes it back.
  headers[REQUEST_ID_HEADER] = currentRequestId() ?? crypto.randomUUID();
  let status: number;
  let body: unknown;
  try {
    const response = await request(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    status = response.statusCode;
    body = await response.body.json().catch(() => null);
  } catch (error) {
    throw new CmsError('CMS_UNREACHABLE', `CMS at ${url} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) throw new CmsError('CMS_ERROR', `CMS answered ${status} without a GraphQL body`);
  const errors = parsed.data.errors?.map((error) => ({ message: error.message, ...(error.extensions?.code ? { code: error.extensions.code } : {}) }));
  return { data: parsed.data.data, ...(errors ? { errors } : {}) };
}

export type Delivery = <T>(schema: z.ZodType<T>, query: string, variables: Record<string, unknown>) => Promise<T>;

/** A query function for the delivery API at `${cmsUrl}/graphql`; throws CmsError when the CMS is down or says no. */
export function createDelivery(cmsUrl: string, timeoutMs = 5000): Delivery {
  return async (schema, query, variables) => {
    const answer = await postGraphql(cmsUrl, query, variables, { timeoutMs });
    if (answer.errors?.length) {
      const errors = answer.errors;
      throw new CmsError(
        'CMS_ERROR',
        errors.map((error) => `${error.code ?? 'ERROR'}: ${error.message}`).join('; '),
        errors.map((error) => error.code ?? 'ERROR'),
      );
    }
    const data = schema.safeParse(answer.data);
    if (!data.success) throw new CmsError('CMS_ERROR', `unexpected delivery data: ${data.error.issues[0]?.path.join('.')} ${data.error.issues[0]?.message}`);
    return data.data;
  };
}

/** The delivery API as a front end that writes (a plugin's vote): every request carries the write secret; errors are returned, not thrown. */
export function createWriteDelivery(cmsUrl: string, writeSecret: string, timeoutMs = 5000): (query: string, variables: Readonly<Record<string, unknown>>) => Promise<GraphqlAnswer> {
  return (query, variables) => postGraphql(cmsUrl, query, variables, { writeSecret, timeoutMs });
}

/** Whether a process can serve (`/_ready`, `/_baobab/ready`): `degraded` says what it is doing without. */
export type Readiness = { readonly ready: true; readonly degraded?: string } | { readonly ready: false; readonly reason: string };

/** The body of a readiness answer: `{"ready":true}`, with `degraded` when set, or `{"ready":false,"reason":…}`. */
export const readinessBody = (state: Readiness) => (state.ready ? { ready: true, ...(state.degraded ? { degraded: state.degraded } : {}) } : { ready: false, reason: state.reason });

/**
 * A front end's readiness as far as the CMS goes: not ready until the delivery API has
 * answered once (a replica starting against a CMS it cannot reach takes no traffic); from
 * then on ready even while it does not answer, saying so in `degraded`, because the front
 * end serves what it has cached. A load balancer or Kubernetes Service that took every
 * replica out during a CMS outage would hide the pages meant to carry readers through it.
 */
export function createCmsReadiness(cmsUrl: string, timeoutMs = 2000): () => Promise<Readiness> {
  let hasAnswered = false;
  return async () => {
    let problem: string | null = null;
    try {
      const answer = await postGraphql(cmsUrl, '{ __typename }', {}, { timeoutMs });
      if (answer.errors?.length) problem = `the CMS at ${cmsUrl} answered with errors: ${answer.errors[0]?.message ?? ''}`;
    } catch (error) {
      problem = `the CMS at ${cmsUrl} is not reachable: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (problem === null) {
      hasAnswered = true;
      return { ready: true };
    }
    return hasAnswered ? { ready: true, degraded: `${problem}; serving cached content`.slice(0, 300) } : { ready: false, reason: problem.slice(0, 300) };
  };
}
