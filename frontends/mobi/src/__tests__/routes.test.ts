import { parseRoute, pathFor } from '../routes';

const site = { defaultLocale: 'en-KE', locales: ['en-KE', 'sw-KE'] };

describe('routes', () => {
  it.each([
    [[], {}, { locale: 'en-KE', route: { kind: 'home' } }],
    [['sw-KE'], {}, { locale: 'sw-KE', route: { kind: 'home' } }],
    [['hiv-and-stis'], { after: 'abc' }, { locale: 'en-KE', route: { kind: 'section', slug: 'hiv-and-stis', after: 'abc' } }],
    [['sw-KE', 'articles', 'hiv-testing-basics'], {}, { locale: 'sw-KE', route: { kind: 'article', slug: 'hiv-testing-basics' } }],
    [['pages', 'about'], {}, { locale: 'en-KE', route: { kind: 'page', slug: 'about' } }],
    [['search'], { q: 'hiv' }, { locale: 'en-KE', route: { kind: 'search', query: 'hiv', after: null } }],
    [['language'], {}, { locale: 'en-KE', route: { kind: 'language' } }],
  ])('parses %p %p', (segments, query, expected) => {
    expect(parseRoute(segments, query, site)).toEqual(expected);
  });

  it.each([[['articles']], [['a', 'b', 'c']], [['Bad_Slug']], [['zu-ZA', 'x', 'y']]])('finds nothing at %p', (segments) => {
    expect(parseRoute(segments, {}, site)).toBeNull();
  });

  it('round-trips every route through its path', () => {
    const routes = [
      { kind: 'home' },
      { kind: 'section', slug: 'nutrition', after: null },
      { kind: 'article', slug: 'eat-well' },
      { kind: 'page', slug: 'about' },
      { kind: 'search', query: 'hiv test', after: 'x' },
      { kind: 'language' },
    ] as const;
    for (const locale of site.locales) {
      for (const route of routes) {
        const url = new URL(pathFor(locale, site.defaultLocale, route), 'http://x');
        const segments = url.pathname.split('/').filter(Boolean);
        expect(parseRoute(segments, Object.fromEntries(url.searchParams), site)).toEqual({ locale, route });
      }
    }
  });
});
