import { isSlug } from '@baobab/kit';

// URL ↔ page, one function each way. The default locale lives at `/`, others under
// their code (`/sw-KE/…`). Sections sit at `/<slug>`, so `/hiv-and-stis` is a section.

export type Route =
  | { kind: 'home' }
  | { kind: 'section'; slug: string; after: string | null }
  | { kind: 'article'; slug: string }
  | { kind: 'page'; slug: string }
  | { kind: 'search'; query: string; after: string | null }
  | { kind: 'language' };

export interface Located {
  readonly locale: string;
  readonly route: Route;
}

/** First path segments that are never a section slug. */
const RESERVED = new Set(['articles', 'pages', 'search', 'language']);

/** Path segments and query → locale and route, or null when nothing lives there. */
export function parseRoute(
  segments: readonly string[],
  query: Readonly<Record<string, string | string[] | undefined>>,
  site: { defaultLocale: string; locales: readonly string[] },
): Located | null {
  const [first, ...rest] = segments;
  const hasLocale = first !== undefined && first !== site.defaultLocale && site.locales.includes(first);
  const locale = hasLocale && first ? first : site.defaultLocale;
  const path = hasLocale ? rest : [...segments];
  const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;
  const after = single(query.after);
  const [head, slug, ...extra] = path;
  if (extra.length > 0) return null;
  if (head === undefined) return { locale, route: { kind: 'home' } };
  if (head === 'search' && slug === undefined) return { locale, route: { kind: 'search', query: (single(query.q) ?? '').slice(0, 100), after } };
  if (head === 'language' && slug === undefined) return { locale, route: { kind: 'language' } };
  if (head === 'articles' && slug !== undefined && isSlug(slug)) return { locale, route: { kind: 'article', slug } };
  if (head === 'pages' && slug !== undefined && isSlug(slug)) return { locale, route: { kind: 'page', slug } };
  if (slug === undefined && isSlug(head) && !RESERVED.has(head)) return { locale, route: { kind: 'section', slug: head, after } };
  return null;
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
