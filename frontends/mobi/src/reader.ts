// The anonymous reader: a random id in a signed cookie (HttpOnly, SameSite=Lax), and the
// CSRF token bound to it that every plugin form carries. Nothing here names a person.
import crypto from 'node:crypto';

export const READER_COOKIE = 'baobab_reader';
/** A year: the id only lets a reader vote once per poll, so it should outlive a session. */
const COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
/** The form field that carries the CSRF token. */
export const CSRF_FIELD = '_csrf';
/** The form field that says which page the form was on (for the page again, and the redirect). */
export const BACK_FIELD = '_back';

const ID = /^[A-Za-z0-9_-]{22}$/;

const mac = (key: string, purpose: string, id: string) => crypto.createHmac('sha256', key).update(`${purpose}:${id}`).digest('base64url');

/** Constant-time equality; lengths are compared in bytes, so a token with other characters is unequal, never an error. */
export function isSameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** A new reader id: 16 random bytes. */
export const newReaderId = (): string => crypto.randomBytes(16).toString('base64url');

/** The cookie value for a reader id: `<id>.<signature>`. */
export const signReader = (key: string, id: string): string => `${id}.${mac(key, 'reader', id)}`;

/** The reader id in a cookie value, or null when it is missing, malformed or not signed with this key. */
export function verifyReader(key: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const [id, signature, ...rest] = value.split('.');
  if (id === undefined || signature === undefined || rest.length > 0 || !ID.test(id)) return null;
  return isSameText(signature, mac(key, 'reader', id)) ? id : null;
}

/** The CSRF token for a reader: only this mobi's key can make it, and it is worth nothing with another cookie. */
export const csrfToken = (key: string, id: string): string => mac(key, 'csrf', id);

export const isCsrfTokenValid = (key: string, id: string, token: unknown): boolean => typeof token === 'string' && isSameText(token, csrfToken(key, id));

/** The text a query signature covers: the reader and each parameter's values, in the given order. */
const stateText = (id: string, state: Readonly<Record<string, readonly string[]>>) =>
  `${id}|${Object.entries(state)
    .map(([name, values]) => `${name}=${values.join(',')}`)
    .join('&')}`;

/** A signature (22 characters of base64url) of a page's form state for one reader: what a post's redirect carries. */
export const signState = (key: string, id: string, state: Readonly<Record<string, readonly string[]>>): string => mac(key, 'state', stateText(id, state)).slice(0, 22);

/** Whether `signature` was made for this reader and exactly this state (their own redirect, not a shared link). */
export const isStateSigned = (key: string, id: string, state: Readonly<Record<string, readonly string[]>>, signature: unknown): boolean =>
  typeof signature === 'string' && isSameText(signature, signState(key, id, state));

/** One cookie's value from a Cookie header (the first one of that name). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const mark = part.indexOf('=');
    if (mark > 0 && part.slice(0, mark).trim() === name) return part.slice(mark + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie header for a reader; `Secure` when the reader came over https. */
export const readerCookie = (key: string, id: string, isHttps: boolean): string =>
  `${READER_COOKIE}=${signReader(key, id)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Lax${isHttps ? '; Secure' : ''}`;

/**
 * The reader a request comes from: the id in a valid cookie, or a new one with the
 * Set-Cookie header that gives it to the browser.
 */
export function readerOf(key: string, headers: { readonly cookie?: string | undefined }, isHttps: boolean): { readonly id: string; readonly setCookie: string | null } {
  const known = verifyReader(key, cookieValue(headers.cookie, READER_COOKIE));
  if (known !== null) return { id: known, setCookie: null };
  const id = newReaderId();
  return { id, setCookie: readerCookie(key, id, isHttps) };
}

declare global {
  // Shared by the page renderer (in Next's bundle) and the HTTP layer, in one process.
  // eslint-disable-next-line no-var
  var __baobabFormTokenMarker: string | undefined;
}

/**
 * What a rendered page holds where a reader's CSRF token goes. Pages are rendered once and
 * cached for every reader, so the HTTP layer puts each reader's own token in when it sends
 * the page. Random per process, so no content can spell it.
 */
export function formTokenMarker(): string {
  globalThis.__baobabFormTokenMarker ??= `csrf-${crypto.randomBytes(12).toString('hex')}`;
  return globalThis.__baobabFormTokenMarker;
}
