import { isSlug } from '@baobab/kit';
import { isKnownLocale } from '@baobab/locales';

// URL ↔ page, one function each way. The default locale lives at `/`, others under
// their code (`/sw-KE/…`). Sections sit at `/<slug>`, so `/hiv-and-stis` is a section.

export type Route =
  | { kind: 'home' }
  | { kind: 'section'; slug: string; after: string | null }
  | { kind: 'article'; slug: string }
  | { kind: 'page'; slug: string }
  | { kind: 'search'; query: string; after: string | null }
  | { kind: 'language' };

/**
 * The query parameters each route reads; pages read no others. The page cache keys on
 * these alone (`?utm=…` and the like share one cached page), so a route that starts
 * reading a parameter must list it here.
 */
export const routeParams = {
  home: [],
  section: ['after'],
  article: [],
  page: [],
  search: ['q', 'after'],
  language: [],
} as const satisfies Record<Route['kind'], readonly string[]>;

/**
 * Query parameters a page reads that are never part of a page cache key: the state a plugin
 * form's post-redirect-get leaves on the page. A request carrying one (as a slug) is rendered
 * for that request alone and stored nowhere (`bypassesPageCache`), so one reader's error or
 * ticks never reach another and `?voted=1…N` cannot fill the cache. The polls plugin's
 * grammar: `voted=<poll>` (its results) with `again=1` (a second vote, not counted);
 * `poll=<poll>&error=<code>&choice=<key>…` (a refused vote: the message and the reader's ticks).
 */
export const uncachedParams = ['voted', 'again', 'poll', 'error', 'choice'] as const;
export type UncachedParam = (typeof uncachedParams)[number];
/** The most values one uncached parameter may repeat (a poll has at most 10 choices); more and it is ignored. */
export const UNCACHED_MAX_VALUES = 10;
/**
 * The parameter a post's redirect adds (server/plugin-post.ts): a MAC of the uncached
 * parameters bound to the reader's cookie, so a page can tell the reader's own redirect
 * ("Thank you for voting") from a link anyone could have shared.
 */
export const SIGNATURE_PARAM = 'sig';

/** The uncached parameters of a query: each one's values when every one is a slug (at most UNCACHED_MAX_VALUES); anything else counts as absent. */
export function uncachedQuery(query: Query): Record<string, string[]> {
  const state: Record<string, string[]> = {};
  for (const name of uncachedParams) {
    const value = query[name];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (values.length > 0 && values.length <= UNCACHED_MAX_VALUES && values.every((one) => isSlug(one))) state[name] = [...values];
  }
  return state;
}

/** A query string's parameters as `parseRoute` and `uncachedQuery` take them (repeated names as lists). */
export function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const known = query[name];
    query[name] = known === undefined ? value : Array.isArray(known) ? [...known, value] : [known, value];
  }
  return query;
}

/** Whether a request's query carries an uncached parameter, so the page is rendered for it alone. */
export const bypassesPageCache = (query: Query): boolean => Object.keys(uncachedQuery(query)).length > 0;

/** What the delivery API accepts as a search query (UTF-16 units); longer queries are cut at a character boundary. */
export const SEARCH_QUERY_MAX = 100;
/** Cursors are the API's own `pageInfo.endCursor`: short, visible ASCII. Anything else is a bad link. */
const CURSOR = /^[\x21-\x7e]{1,128}$/;

export interface Located {
  readonly locale: string;
  readonly route: Route;
}

/** A path that names a page, with a query parameter no page could have linked to (answered 400). */
export interface Refused {
  readonly locale: string;
  readonly problem: string;
}

type Query = Readonly<Record<string, string | string[] | undefined>>;

/** First path segments that are never a section slug. */
const RESERVED = new Set(['articles', 'pages', 'search', 'language']);

/** A route's declared parameter, first value only; an empty value counts as absent. */
function param<K extends Route['kind']>(query: Query, _kind: K, name: (typeof routeParams)[K][number]): string | null {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

/** Cuts a search query to what the API accepts without splitting a surrogate pair. */
function searchText(raw: string | null): string {
  let text = '';
  for (const char of raw ?? '') {
    if (text.length + char.length > SEARCH_QUERY_MAX) break;
    text += char;
  }
  return text;
}

/** Path segments and query → locale and route; `problem` when a parameter is malformed; null when nothing lives there. */
export function parseRoute(segments: readonly string[], query: Query, site: { defaultLocale: string; locales: readonly string[] }): Located | Refused | null {
  const [first, ...rest] = segments;
  const hasLocale = first !== undefined && first !== site.defaultLocale && site.locales.includes(first);
  const locale = hasLocale && first ? first : site.defaultLocale;
  const path = hasLocale ? rest : [...segments];
  const cursor = (after: string | null): { after: string | null } | Refused =>
    after === null || CURSOR.test(after) ? { after } : { locale, problem: `after is not a page cursor (${after.length} characters)` };
  const [head, slug, ...extra] = path;
  if (extra.length > 0) return null;
  if (head === undefined) return { locale, route: { kind: 'home' } };
  if (head === 'search' && slug === undefined) {
    const paging = cursor(param(query, 'search', 'after'));
    return 'problem' in paging ? paging : { locale, route: { kind: 'search', query: searchText(param(query, 'search', 'q')), after: paging.after } };
  }
  if (head === 'language' && slug === undefined) return { locale, route: { kind: 'language' } };
  if (head === 'articles' && slug !== undefined && isSlug(slug)) return { locale, route: { kind: 'article', slug } };
  if (head === 'pages' && slug !== undefined && isSlug(slug)) return { locale, route: { kind: 'page', slug } };
  if (slug === undefined && isSlug(head) && !RESERVED.has(head)) {
    const paging = cursor(param(query, 'section', 'after'));
    return 'problem' in paging ? paging : { locale, route: { kind: 'section', slug: head, after: paging.after } };
  }
  return null;
}

/**
 * The query parameters the page at these path segments may read, known without the
 * site: a first segment that is a known locale is tried both as the locale and as a
 * path. The page cache key keeps these and drops the rest.
 */
export function paramsReadAt(segments: readonly string[]): readonly string[] {
  const [first] = segments;
  const readings = [
    parseRoute(segments, {}, { defaultLocale: '', locales: [] }),
    first === undefined || !isKnownLocale(first) ? null : parseRoute(segments, {}, { defaultLocale: '', locales: [first] }),
  ];
  const names = new Set<string>();
  for (const reading of readings) if (reading && 'route' in reading) for (const name of routeParams[reading.route.kind]) names.add(name);
  return [...names].sort();
}

/** Locale and route → path. */
export function pathFor(locale: string, defaultLocale: string, route: Route): string {
  const prefix = locale === defaultLocale ? '' : `/${locale}`;
  const withQuery = (path: string, params: Record<string, string | null>) => {
    const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== ''));
    const text = search.toString();
    return text ? `${path}?${text}` : path;
  };
  switch (route.kind) {
    case 'home':
      return prefix || '/';
    case 'section':
      return withQuery(`${prefix}/${route.slug}`, { after: route.after });
    case 'article':
      return `${prefix}/articles/${route.slug}`;
    case 'page':
      return `${prefix}/pages/${route.slug}`;
    case 'search':
      return withQuery(`${prefix}/search`, { q: route.query, after: route.after });
    case 'language':
      return `${prefix}/language`;
  }
}
