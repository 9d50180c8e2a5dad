import { loadDemoContent } from '../../seed/load';
import { allowedLocales, contentHash, localeRefusal, translationStatus, type Stamp } from '../status';

const FIELDS = ['title', 'lead', 'body', 'channelOverrides'];
const stamp = (contentHash: string, sourceHash: string | null, changedAt = '2026-12-01T10:00:00.000Z'): Stamp => ({ contentHash, sourceHash, changedAt });
const demoContent = loadDemoContent();
const sites = demoContent.sites.map((site) => ({ code: site.code, locales: site.locales }));

describe('contentHash', () => {
  const version = { title: 'Periods', lead: 'Your body', body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Hi' }] }], channelOverrides: [{ id: 4, channel: 'sms', text: 'Hi' }] };

  it('ignores key order, component ids and fields that are not localized', () => {
    const reordered = { channelOverrides: [{ text: 'Hi', channel: 'sms', id: 99 }], body: version.body, lead: 'Your body', title: 'Periods', image: 7, slug: 'x' };
    expect(contentHash(reordered, FIELDS)).toBe(contentHash(version, FIELDS));
  });

  it('changes when any localized text changes', () => {
    expect(contentHash({ ...version, lead: 'Your body!' }, FIELDS)).not.toBe(contentHash(version, FIELDS));
    expect(contentHash({ ...version, channelOverrides: [] }, FIELDS)).not.toBe(contentHash(version, FIELDS));
  });

  it('counts an empty text and a missing one as the same', () => {
    expect(contentHash({ ...version, lead: '' }, FIELDS)).toBe(contentHash({ ...version, lead: null }, FIELDS));
  });
});

describe('translationStatus', () => {
  const source = stamp('s2', 's2', '2026-12-01T12:00:00.000Z');

  it('calls the source locale the source and a locale without a version missing', () => {
    expect(translationStatus('en', 'en', source, source)).toEqual({ state: 'source' });
    expect(translationStatus('zu-ZA', 'en', undefined, source)).toEqual({ state: 'missing' });
  });

  it('is up to date when the translation was saved against the current source text', () => {
    expect(translationStatus('zu-ZA', 'en', stamp('t1', 's2'), source)).toEqual({ state: 'up-to-date' });
  });

  it('is outdated since the source last changed when the source text moved on', () => {
    expect(translationStatus('zu-ZA', 'en', stamp('t1', 's1'), source)).toEqual({ state: 'outdated', since: '2026-12-01T12:00:00.000Z' });
  });

  it('treats a version without a source or without a stamp as up to date', () => {
    expect(translationStatus('zu-ZA', 'en', stamp('t1', 's1'), undefined)).toEqual({ state: 'up-to-date' });
    expect(translationStatus('zu-ZA', 'en', undefined, source, true)).toEqual({ state: 'up-to-date' });
  });
});

describe('allowedLocales and localeRefusal', () => {
  it('allows the source, the carrying sites’ locales and their fallback parents only', () => {
    const allowed = allowedLocales({ allSites: false, sites: ['kijana-ke'] }, sites, 'en');
    expect([...allowed].sort()).toEqual(['en', 'en-KE', 'sw', 'sw-KE']);
  });

  it('refuses a locale no carrying site serves, naming the sites and their languages', () => {
    expect(localeRefusal('Article "a"', 'zu-ZA', { allSites: false, sites: ['kijana-ke', 'mama-ng'] }, sites, 'en')).toBe(
      'Article "a" cannot have a zu-ZA version: no site that carries it serves zu-ZA. It is carried by kijana-ke (en-KE, sw-KE) and mama-ng (en-NG, ha-NG, pcm-NG).',
    );
    expect(localeRefusal('Article "a"', 'zu-ZA', { allSites: false, sites: ['thrive-za'] }, sites, 'en')).toBeNull();
    expect(localeRefusal('Article "a"', 'sw-KE', { allSites: false, sites: [] }, sites, 'en')).toMatch(/no site carries it yet/);
  });

  it('lets every demo translation be seeded', () => {
    const documents = [...demoContent.sections, ...demoContent.articles, ...demoContent.pages, ...demoContent.banners];
    const refused = documents.flatMap((document) =>
      Object.keys(document.translations).flatMap((locale) => {
        const carriage = document.sites === 'all' ? { allSites: true, sites: [] } : { allSites: false, sites: [...document.sites] };
        const refusal = localeRefusal(document.slug, locale, carriage, sites, 'en');
        return refusal === null ? [] : [refusal];
      }),
    );
    expect(refused).toEqual([]);
  });
});
