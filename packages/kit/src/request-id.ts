// One request id per incoming request, kept in async context so every delivery call made
// while answering it (`postGraphql`) sends it to the CMS as `X-Request-Id`, and every log
// line written meanwhile carries it. An incoming id is taken only when it matches a strict
// grammar; anything else (absent, too long, odd characters, a list) gets a fresh one.
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
/** 1–64 characters of A–Z, a–z, 0–9, `.`, `_` and `-`: safe in a header, a log line and a label. */
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const isRequestId = (value: unknown): value is string => typeof value === 'string' && REQUEST_ID.test(value);

/** The caller's id when it is well formed, else a new random one (a UUID). */
export function requestIdFrom(header: string | readonly string[] | undefined): string {
  return isRequestId(header) ? header : crypto.randomUUID();
}

interface RequestContext {
  readonly requestId: string;
}

declare global {
  // One store per process, shared by every copy of this module (Next bundles its own copy
  // of the kit into the server that renders pages; the mobi-site's server loads another).
  // eslint-disable-next-line no-var
  var __baobabRequestContext: AsyncLocalStorage<RequestContext> | undefined;
}

const storage = (): AsyncLocalStorage<RequestContext> => (globalThis.__baobabRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** Runs `work` with `requestId` as the current request's id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return storage().run({ requestId }, work);
}

/** The id of the request being answered, or undefined outside one (start-up, timers). */
export function currentRequestId(): string | undefined {
  return storage().getStore()?.requestId;
}
