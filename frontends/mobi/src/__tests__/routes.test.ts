import { bypassesPageCache, paramsReadAt, parseRoute, pathFor, queryOf, SEARCH_QUERY_MAX, uncachedQuery } from '../routes';

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

  it('refuses a page cursor no page could have linked to, keeping the locale for the 400 page', () => {
    expect(parseRoute(['hiv-and-stis'], { after: 'a b' }, site)).toEqual({ locale: 'en-KE', problem: expect.stringContaining('after') });
    expect(parseRoute(['sw-KE', 'search'], { q: 'vvu', after: 'x'.repeat(129) }, site)).toEqual({ locale: 'sw-KE', problem: expect.any(String) });
    expect(parseRoute(['hiv-and-stis'], { after: '' }, site)).toEqual({ locale: 'en-KE', route: { kind: 'section', slug: 'hiv-and-stis', after: null } });
  });

  it('ignores parameters a route does not read', () => {
    expect(parseRoute([], { after: '!!!!', q: 'x' }, site)).toEqual({ locale: 'en-KE', route: { kind: 'home' } });
    expect(parseRoute(['articles', 'eat-well'], { after: 'a b' }, site)).toEqual({ locale: 'en-KE', route: { kind: 'article', slug: 'eat-well' } });
  });

  it('cuts a long search query to what the API takes, never inside a character', () => {
    const emoji = parseRoute(['search'], { q: '😀'.repeat(80) }, site);
    const text = emoji && 'route' in emoji && emoji.route.kind === 'search' ? emoji.route.query : '';
    expect(text.length).toBe(SEARCH_QUERY_MAX);
    expect(text).toBe('😀'.repeat(50));
    const odd = parseRoute(['search'], { q: `a${'😀'.repeat(60)}` }, site);
    expect(odd && 'route' in odd && odd.route.kind === 'search' ? odd.route.query : '').toBe(`a${'😀'.repeat(49)}`);
  });

  it('names the parameters each path may read, without knowing the site', () => {
    expect(paramsReadAt([])).toEqual([]);
    expect(paramsReadAt(['articles', 'eat-well'])).toEqual([]);
    expect(paramsReadAt(['hiv-and-stis'])).toEqual(['after']);
    expect(paramsReadAt(['search'])).toEqual(['after', 'q']);
    expect(paramsReadAt(['sw-KE', 'search'])).toEqual(['after', 'q']);
    expect(paramsReadAt(['en'])).toEqual(['after']); // a locale home or a section: keep what either reads
    expect(paramsReadAt(['no', 'such', 'path'])).toEqual([]);
  });
});

describe('form state in the query', () => {
  it('keeps the uncached parameters whose every value is a slug, at most ten each, in a fixed order', () => {
    const query = queryOf(new URLSearchParams('choice=yes&choice=no&utm=x&error=no-choice&poll=p&sig=abc'));
    expect(uncachedQuery(query)).toEqual({ poll: ['p'], error: ['no-choice'], choice: ['yes', 'no'] });
    expect(Object.keys(uncachedQuery(query))).toEqual(['poll', 'error', 'choice']);
    expect(uncachedQuery({ voted: '<b>', choice: ['yes', 'NO'] })).toEqual({});
    expect(uncachedQuery({ choice: Array.from({ length: 11 }, (_, index) => `k${index}`) })).toEqual({});
    expect(uncachedQuery({ choice: Array.from({ length: 10 }, (_, index) => `k${index}`) }).choice).toHaveLength(10);
  });

  it('bypasses the page cache only for well-formed form state', () => {
    expect(bypassesPageCache({ voted: 'p' })).toBe(true);
    expect(bypassesPageCache({ again: '1' })).toBe(true);
    expect(bypassesPageCache({ sig: 'abc', utm: 'x' })).toBe(false);
    expect(bypassesPageCache({ error: 'NO_CHOICE' })).toBe(false);
  });
});
