// What a change reaches: a document's own tag, the listings of every site that carried it
// before or carries it now in its locales, every site's listings for a document on every
// site, a site record's own site; unknown content types reach everything.
import { DocumentSet } from '../rules';
import { everySiteListLocale, rowsCrossing, scopeOfRows, scopeOfWrite } from '../scope';
import type { ContentIndex } from '../content-index';
import type { ArticleRow } from '../records';

describe('change scope', () => {
  it('reaches a document and the listings of the sites it leaves and enters, in its locales', () => {
    const scope = scopeOfWrite('api::article.article', ['doc1'], [
      { documentId: 'doc1', locale: 'en', allSites: false, sites: ['kijana-ke'] },
      { documentId: 'doc1', locale: 'sw-KE', allSites: false, sites: ['kijana-ke'] },
      { documentId: 'doc1', locale: 'en', allSites: false, sites: ['mama-ng'] },
    ]);
    expect(scope.sites).toEqual(['kijana-ke', 'mama-ng']);
    expect([...scope.tags].sort()).toEqual(['doc:doc1', 'list:kijana-ke@en', 'list:kijana-ke@sw-KE', 'list:mama-ng@en', 'list:mama-ng@sw-KE'].sort());
  });

  it('reaches every site\'s listings for a document every site carries', () => {
    const scope = scopeOfRows(['doc2'], [{ locale: 'en', allSites: true, sites: [] }]);
    expect(scope).toEqual({ sites: 'all', tags: ['doc:doc2', 'list:*@en'] });
    expect(everySiteListLocale('list:*@en')).toBe('en');
    expect(everySiteListLocale('list:kijana-ke@en')).toBeNull();
  });

  it('reaches a site record\'s own site, old code and new, and the site list', () => {
    const scope = scopeOfWrite('api::site.site', ['s1'], [
      { documentId: 's1', code: 'zm-demo', sites: [] },
      { documentId: 's1', code: 'zm-pilot', sites: [] },
    ]);
    expect(scope).toEqual({ sites: ['zm-demo', 'zm-pilot'], tags: ['sites', 'site:zm-demo', 'site:zm-pilot'] });
  });

  it('reaches everything for content types it cannot scope', () => {
    expect(scopeOfWrite('plugin::polls.poll', ['p1'], [])).toEqual({ sites: 'all', tags: 'all' });
  });

  it('finds the rows whose windows open or close in a span', () => {
    const row = (documentId: string, times: Partial<ArticleRow>): ArticleRow =>
      ({ id: 1, documentId, locale: 'en', slug: documentId, title: '', lead: null, section: null, tags: [], sites: ['kijana-ke'], allSites: false, goLiveAt: null, expireAt: null, featuredFrom: null, featuredUntil: null, createdAt: 0, publishedAt: 0, updatedAt: 0, ...times }) as ArticleRow;
    const index = { articles: new DocumentSet([row('a', { goLiveAt: 150 }), row('b', { featuredUntil: 250 }), row('c', { expireAt: 100 })]), banners: new DocumentSet([]) } as unknown as ContentIndex;
    expect(rowsCrossing(index, 100, 200).map((found) => found.documentId)).toEqual(['a']);
    expect(rowsCrossing(index, 100, 300).map((found) => found.documentId)).toEqual(['a', 'b']);
  });
});
