import { contentRefusal, siteRefusal, type Actor, type ContentWrite } from '../rules';

const kenya: Actor = { isCountryEditor: true, isTranslator: false, sites: ['kijana-ke'], siteLocales: ['en-KE', 'sw-KE'], locales: [], sourceLocale: 'en' };
const zulu: Actor = { isCountryEditor: false, isTranslator: true, sites: [], siteLocales: [], locales: ['zu-ZA'], sourceLocale: 'en' };

const write = (overrides: Partial<ContentWrite>): ContentWrite => ({
  action: 'update',
  label: 'article "a"',
  locale: 'en',
  before: { allSites: false, sites: ['kijana-ke'] },
  after: { allSites: false, sites: ['kijana-ke'] },
  changedShared: [],
  changedLocalized: ['title'],
  ...overrides,
});

describe('country editor rules', () => {
  it('allows any edit of content local to its sites, in any locale', () => {
    expect(contentRefusal(kenya, write({ changedShared: ['tags'] }))).toBeNull();
    expect(contentRefusal(kenya, write({ before: null }))).toBeNull();
  });

  it('refuses a new article for another country, naming the site', () => {
    expect(contentRefusal(kenya, write({ before: null, after: { allSites: false, sites: ['mama-ng'] } }))).toContain('mama-ng is not yours');
  });

  it('refuses another country\u2019s local content, naming both countries', () => {
    const refusal = contentRefusal(kenya, write({ before: { allSites: false, sites: ['mama-ng'] }, after: { allSites: false, sites: ['mama-ng', 'kijana-ke'] } }));
    expect(refusal).toBe('article "a" is local content of mama-ng; you edit content for kijana-ke only.');
  });

  it('lets it include its own site on shared content, from any locale, but not another site', () => {
    const shared = { allSites: false, sites: ['thrive-za', 'mama-ng'] };
    expect(contentRefusal(kenya, write({ before: shared, after: { allSites: false, sites: [...shared.sites, 'kijana-ke'] }, changedLocalized: [] }))).toBeNull();
    expect(contentRefusal(kenya, write({ before: shared, after: { allSites: false, sites: ['thrive-za'] }, changedLocalized: [] }))).toContain(
      'you cannot remove mama-ng',
    );
  });

  it('translates shared content its site carries into its sites\u2019 locales only', () => {
    const shared = { allSites: true, sites: [] };
    expect(contentRefusal(kenya, write({ before: shared, after: shared, locale: 'sw-KE' }))).toBeNull();
    expect(contentRefusal(kenya, write({ before: shared, after: shared, locale: 'en' }))).toContain('cannot change its en version');
    expect(contentRefusal(kenya, write({ before: shared, after: shared, locale: 'sw-KE', changedShared: ['image'] }))).toContain('shared fields (image)');
    const elsewhere = { allSites: false, sites: ['thrive-za', 'mama-ng'] };
    expect(contentRefusal(kenya, write({ before: elsewhere, after: elsewhere, locale: 'sw-KE' }))).toContain('not carried by kijana-ke');
  });

  it('changes its own site\u2019s settings, never another\u2019s, and never deletes or creates a site', () => {
    expect(siteRefusal(kenya, { action: 'update', code: 'kijana-ke', changedFields: ['hostnames'] })).toBeNull();
    expect(siteRefusal(kenya, { action: 'update', code: 'mama-ng', changedFields: ['hostnames'] })).toBe(
      'mama-ng is not one of your sites (kijana-ke); you cannot change its settings (hostnames).',
    );
    expect(siteRefusal(kenya, { action: 'delete', code: 'kijana-ke', changedFields: [] })).toContain('cannot delete sites: kijana-ke stays');
    expect(siteRefusal(kenya, { action: 'create', code: null, changedFields: ['code'] })).toContain('Only a global editor creates sites');
  });

  it('never adds a language to its own site: that would widen what it may write', () => {
    expect(siteRefusal(kenya, { action: 'update', code: 'kijana-ke', changedFields: ['locales'] })).toBe(
      'The languages kijana-ke serves decide which translations its editors write; only a global editor adds or removes one.',
    );
    expect(siteRefusal(kenya, { action: 'update', code: 'kijana-ke', changedFields: ['defaultLocale', 'themeTokens'] })).toBeNull();
  });

  it('never changes shared content in the source language, even where its site serves that language', () => {
    const egypt: Actor = { ...kenya, sites: ['amal-eg'], siteLocales: ['ar-EG', 'en'] };
    const shared = { allSites: true, sites: [] };
    expect(contentRefusal(egypt, write({ before: shared, after: shared, locale: 'en' }))).toBe(
      'article "a" is shared source content; you translate it into ar-EG (the locales of amal-eg), and cannot change its en version.',
    );
    expect(contentRefusal(egypt, write({ before: shared, after: shared, locale: 'ar-EG' }))).toBeNull();
    const local = { allSites: false, sites: ['amal-eg'] };
    expect(contentRefusal(egypt, write({ before: local, after: local, locale: 'en' }))).toBeNull();
  });
});

describe('translator rules', () => {
  const shared = { allSites: true, sites: [] };
  it('edits and publishes its own locale only', () => {
    expect(contentRefusal(zulu, write({ before: shared, after: shared, locale: 'zu-ZA' }))).toBeNull();
    expect(contentRefusal(zulu, write({ before: shared, after: shared, locale: 'zu-ZA', action: 'publish', changedLocalized: [] }))).toBeNull();
    expect(contentRefusal(zulu, write({ before: shared, after: shared, locale: 'en' }))).toBe(
      'You translate into zu-ZA; the en version of article "a" is not yours to change.',
    );
  });

  it('never creates content or changes shared fields', () => {
    expect(contentRefusal(zulu, write({ before: null, locale: 'zu-ZA' }))).toContain('ask an editor to create');
    expect(contentRefusal(zulu, write({ before: shared, after: shared, locale: 'zu-ZA', changedShared: ['tags'] }))).toContain('Shared fields (tags)');
  });

  it('is allowed what either of its roles allows when it is also a country editor', () => {
    const both: Actor = { ...kenya, isTranslator: true, locales: ['zu-ZA'], sourceLocale: 'en' };
    expect(contentRefusal(both, write({ before: shared, after: shared, locale: 'zu-ZA' }))).toBeNull();
    expect(contentRefusal(both, write({ before: shared, after: shared, locale: 'sw-KE' }))).toBeNull();
    expect(contentRefusal(both, write({ before: shared, after: shared, locale: 'en' }))).toContain('you translate it into en-KE, sw-KE');
  });
});
