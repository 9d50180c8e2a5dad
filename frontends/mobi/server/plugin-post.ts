// Readers' form posts to plugins, `POST /_plugins/<plugin>/<route>`: within the client
// address's budget, a small urlencoded body, a site that enables the plugin, the signed
// reader cookie and the CSRF token bound to it, then the plugin's handler. It decides the
// outcome; server/http.ts sends it.
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';
import { isSlug } from '@baobab/kit';
import { CmsError } from '@baobab/kit/delivery';
import { defaultBodyLimits, type BodyLimits } from '@baobab/kit/http';
import type { PluginPost, PluginPostResult, PluginSite } from '@baobab/plugin-api';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { enabledHalves, type LoadedHalf } from '../src/plugin-slots';
import { BACK_FIELD, CSRF_FIELD, READER_COOKIE, cookieValue, isCsrfTokenValid, signState, verifyReader } from '../src/reader';
import { SIGNATURE_PARAM, queryOf, uncachedQuery } from '../src/routes';

export const PLUGIN_PREFIX = '/_plugins/';
/** A vote is a few dozen bytes; 8 KiB leaves room for any plain form and nothing more. */
export const PLUGIN_BODY_LIMITS: BodyLimits = { ...defaultBodyLimits, maxBytes: 8 * 1024 };

export type PostOutcome =
  /** 303 to a page of this site (post-redirect-get). */
  | { readonly kind: 'redirect'; readonly location: string }
  /** The page at `back` rendered again, with the message above it and this status. */
  | { readonly kind: 'page-again'; readonly back: string; readonly status: number; readonly message?: string }
  /** The client address spent its budget (429): a short page in the language of `back`, saying to try again in a minute. */
  | { readonly kind: 'too-many'; readonly back: string; readonly retryAfterSeconds: number }
  /** A short plain answer for what no page of ours posts (wrong method, not a form, no such route). */
  | { readonly kind: 'plain'; readonly status: 404 | 405 | 415; readonly message: string; readonly headers?: Readonly<Record<string, string>> };

const pathOf = (url: string) => {
  const mark = url.indexOf('?');
  return mark < 0 ? url : url.slice(0, mark);
};

/** Whether a request is for the plugins' post routes (and so takes their body limit). */
export const isPluginPath = (url: string): boolean => pathOf(url).startsWith(PLUGIN_PREFIX);

/** `/_plugins/<plugin>/<route>` → its parts; null for any other path. */
export function pluginRoute(url: string): { readonly plugin: string; readonly route: string } | null {
  const path = pathOf(url);
  if (!path.startsWith(PLUGIN_PREFIX)) return null;
  const [plugin, route, ...rest] = path.slice(PLUGIN_PREFIX.length).split('/');
  return plugin !== undefined && route !== undefined && rest.length === 0 && isSlug(plugin) && isSlug(route) ? { plugin, route } : null;
}

/** Visible ASCII after one `/`, never `//host` or a backslash trick: safe in a Location header and as a request path. */
const LOCAL = /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/;

const decodes = (value: string) => {
  try {
    decodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
};

/** A page of this site, without its query (the page a form was on); anything else is home. */
export function localPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 512 || !LOCAL.test(value) || value.includes('?') || !decodes(value)) return '/';
  return value;
}

/** Where a plugin asks to send the reader: a local path with an optional query and fragment, else `fallback`. */
const localTarget = (value: string, fallback: string) => (value.length <= 1024 && LOCAL.test(value) ? value : fallback);

/**
 * A redirect with its form state signed for this reader (`sig`, see SIGNATURE_PARAM in
 * src/routes.ts): the page it leads to can then tell the reader's own outcome from a shared
 * link. A `sig` the plugin wrote is replaced; a target without form state is left as it is.
 */
export function signedTarget(location: string, key: string, reader: string): string {
  const hash = location.indexOf('#');
  const head = hash < 0 ? location : location.slice(0, hash);
  const fragment = hash < 0 ? '' : location.slice(hash);
  const mark = head.indexOf('?');
  if (mark < 0) return location;
  const search = new URLSearchParams(head.slice(mark + 1));
  search.delete(SIGNATURE_PARAM);
  const state = uncachedQuery(queryOf(search));
  if (Object.keys(state).length > 0) search.append(SIGNATURE_PARAM, signState(key, reader, state));
  const query = search.toString();
  return `${head.slice(0, mark)}${query ? `?${query}` : ''}${fragment}`;
}

/** Form fields: one value, or every value when a name repeats (checkboxes). */
export function formFields(body: Buffer): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    const known = fields[name];
    fields[name] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  return fields;
}

const first = (value: string | readonly string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The reader's locale from the page the form was on: its first segment when the site serves it, else the site's default. */
export function localeOfPath(site: Pick<PluginSite, 'defaultLocale' | 'locales'>, path: string): string {
  const segment = path.split('/')[1] ?? '';
  return site.locales.includes(segment) ? segment : site.defaultLocale;
}

/** Whether the address at `hop` (0 the socket, 1 the rightmost X-Forwarded-For entry, …) is a proxy we trust. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The trust test for BAOBAB_TRUSTED_PROXIES (entries checked by src/config.ts), or null for
 * none. Only an address in plain form is ever trusted: ipaddr.js also reads `0x7f.1` and the like.
 */
export function trustProxies(entries: readonly string[]): TrustProxy | null {
  if (entries.length === 0) return null;
  const trusted = proxyaddr.compile([...entries]);
  return (address, hop) => typeof address === 'string' && net.isIP(address) !== 0 && trusted(address, hop);
}

/**
 * The reader's address: the socket's, unless the socket is a trusted proxy; then the walk
 * goes right to left through X-Forwarded-For (each proxy appends the address it heard from)
 * and stops at the first address that is not a trusted proxy (proxy-addr). Entries left of
 * it are whatever the client wrote and are never read. An entry that is not a plain IP
 * address where the walk stops (`unknown`, `1.2.3.4:80`, garbage) counts as the trusted
 * proxy that passed it on, so a malformed header never earns a fresh budget.
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trust: TrustProxy | null): string | undefined {
  const socket = req.socket.remoteAddress;
  if (trust === null || socket === undefined) return socket;
  const chain = proxyaddr.all(req as IncomingMessage, trust);
  const found = chain[chain.length - 1];
  if (found !== undefined && net.isIP(found) !== 0) return found;
  return chain.length >= 2 ? chain[chain.length - 2] : socket;
}

/**
 * Whose budget a post spends: the client address (clientAddress above: the socket's, or
 * the reader's from X-Forwarded-For behind a trusted proxy). IPv4 as it is (an IPv4-mapped IPv6 address too);
 * IPv6 by its /64, the block one subscriber is given, so a client cannot step through its
 * own block for fresh budgets. No address (a socket already gone) shares one budget.
 */
export function clientKey(remoteAddress: string | undefined): string {
  const address = (remoteAddress ?? '').split('%')[0] ?? '';
  if (!net.isIP(address)) return 'unknown';
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}

/**
 * A budget of `postsPerMinute` posts per client key, in this process's memory: null while
 * within it, else the whole seconds until the next post is taken.
 */
export function createPostLimiter(postsPerMinute: number): (key: string) => Promise<number | null> {
  const limiter = new RateLimiterMemory({ points: postsPerMinute, duration: 60 });
  return async (key) => {
    try {
      await limiter.consume(key);
      return null;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  };
}

export interface PluginPostOptions {
  readonly halves: () => Promise<readonly LoadedHalf[]>;
  /** The site a Host names, with what a post needs of it; null when no site has that host. */
  readonly siteFor: (req: IncomingMessage) => Promise<PluginSite | null>;
  readonly readerSecret: string;
  readonly delivery: PluginPost['delivery'];
  /** UI strings for a locale (the mobi's own table). */
  readonly translate: (locale: string) => PluginPost['t'];
  readonly log: (message: string) => void;
  /** Posts one client address may make per minute (BAOBAB_POSTS_PER_MINUTE); the next is answered 429. */
  readonly postsPerMinute: number;
  /** Proxies whose X-Forwarded-For names the client address (BAOBAB_TRUSTED_PROXIES); none when absent. */
  readonly trustedProxies?: readonly string[];
}

const isForm = (req: IncomingMessage) => (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';

/** Decides what a post to `/_plugins/…` gets. The body was read within PLUGIN_BODY_LIMITS before. */
export function createPluginPostHandler(options: PluginPostOptions) {
  const notFound: PostOutcome = { kind: 'plain', status: 404, message: 'Not found.\n' };
  const waitFor = createPostLimiter(options.postsPerMinute);
  const trust = trustProxies(options.trustedProxies ?? []);
  return async function onPluginPost(req: IncomingMessage, body: Buffer): Promise<PostOutcome> {
    const target = pluginRoute(req.url ?? '');
    if (target === null) return notFound;
    if (req.method !== 'POST') return { kind: 'plain', status: 405, message: 'Use a form to post here.\n', headers: { Allow: 'POST' } };
    const fields = formFields(body);
    const back = localPath(first(fields[BACK_FIELD]));
    // Before anything asks the CMS: a reader's cookie is free to mint, a client address is not.
    const retryAfterSeconds = await waitFor(clientKey(clientAddress(req, trust)));
    if (retryAfterSeconds !== null) return { kind: 'too-many', back, retryAfterSeconds };
    if (!isForm(req)) return { kind: 'plain', status: 415, message: 'Send a form (application/x-www-form-urlencoded).\n' };
    const site = await options.siteFor(req);
    if (site === null) return notFound;
    // A plugin the site does not enable is not there at all.
    const loaded = enabledHalves(await options.halves(), site).find((entry) => entry.name === target.plugin);
    const handler = loaded?.half.routes?.[target.route];
    if (!handler) return notFound;
    const locale = localeOfPath(site, back);
    const t = options.translate(locale);
    const reader = verifyReader(options.readerSecret, cookieValue(req.headers.cookie, READER_COOKIE));
    if (reader === null || !isCsrfTokenValid(options.readerSecret, reader, first(fields[CSRF_FIELD]))) {
      return { kind: 'page-again', back, status: 403, message: t('formExpired') };
    }
    // The plugin gets the page (`_back`) too: it is where it sends the reader.
    const { [CSRF_FIELD]: _token, ...own } = fields;
    let result: PluginPostResult;
    try {
      result = await handler({ site, locale, fields: { ...own, [BACK_FIELD]: back }, reader, delivery: options.delivery, t });
    } catch (error) {
      options.log(`mobi: plugin ${target.plugin} route ${target.route} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { kind: 'page-again', back, status: error instanceof CmsError ? 503 : 500, message: t('errorBody') };
    }
    if ('redirect' in result) return { kind: 'redirect', location: signedTarget(localTarget(result.redirect, back), options.readerSecret, reader) };
    // The page again: `back` with its form state (signed for this reader), never its fragment.
    const again = signedTarget(localTarget(result.back, back), options.readerSecret, reader).split('#')[0] ?? back;
    return { kind: 'page-again', back: again, status: result.status, ...(result.message === undefined ? {} : { message: result.message }) };
  };
}
