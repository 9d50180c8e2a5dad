import { contentChain, fallbackChain, getLocale, i18nextFallbackLng, locales, parseRegistry } from '..';
import { loadUiStrings, missingUiKeys } from '../ui-strings';

describe('locale registry', () => {
  it('walks sw-KE → sw → en', () => {
    expect(fallbackChain('sw-KE')).toEqual(['sw-KE', 'sw', 'en']);
  });

  it('walks ha-NG to en and pcm-NG to en', () => {
    expect(fallbackChain('ha-NG').at(-1)).toBe('en');
    expect(fallbackChain('pcm-NG')).toEqual(['pcm-NG', 'pcm', 'en']);
  });

  it('appends the site default locale after the registry chain, without repeats', () => {
    expect(contentChain('sw-KE', 'en-KE')).toEqual(['sw-KE', 'sw', 'en', 'en-KE']);
    expect(contentChain('en', 'ar-EG')).toEqual(['en', 'ar-EG', 'ar']);
  });

  it('knows codes Strapi lacks, with native names and direction', () => {
    expect(getLocale('pcm-NG')).toMatchObject({ name: 'Naijá (Nigeria)', direction: 'ltr' });
    expect(getLocale('ha-NG')).toBeDefined();
    expect(getLocale('ar-EG')?.direction).toBe('rtl');
  });

  it('gives i18next the same chains', () => {
    expect(i18nextFallbackLng()['sw-KE']).toEqual(['sw', 'en']);
    expect(i18nextFallbackLng().default).toEqual(['en']);
  });

  it('has every fallback pointing at a known locale', () => {
    for (const locale of locales) if (locale.fallback) expect(getLocale(locale.fallback)).toBeDefined();
  });

  it('rejects a registry with a cycle, an unknown parent or a bad code, naming the entry', () => {
    const entry = (code: string, fallback: string | null) => ({ code, name: code, englishName: code, direction: 'ltr', fallback });
    expect(() => parseRegistry({ locales: [entry('en', 'fr'), entry('fr', 'en')] })).toThrow(/cycle/);
    expect(() => parseRegistry({ locales: [entry('en', 'xx')] })).toThrow(/locales\[en\]\.fallback "xx"/);
    expect(() => parseRegistry({ locales: [entry('english', null)] })).toThrow(/BCP 47/);
    expect(() => parseRegistry({ locales: [entry('en', null), entry('en', null)] })).toThrow(/twice/);
  });
});

describe('UI strings', () => {
  it('lets every locale of the demo sites find every English key along its chain', () => {
    for (const code of ['en-KE', 'sw-KE', 'en-ZA', 'zu-ZA', 'en-NG', 'ha-NG', 'pcm-NG', 'ar-EG', 'en']) {
      expect({ code, missing: missingUiKeys(code, 'common') }).toEqual({ code, missing: [] });
    }
  });

  it('reports keys a chain cannot supply', () => {
    expect(missingUiKeys('fr-SN', 'common')).toEqual(Object.keys(loadUiStrings('en', 'common') ?? {}));
  });

  it('keeps {{placeholders}} the same in every translation', () => {
    const source = loadUiStrings('en', 'common') ?? {};
    const names = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    for (const code of ['sw', 'zu', 'ha', 'pcm', 'ar']) {
      const table = loadUiStrings(code, 'common') ?? {};
      for (const [key, text] of Object.entries(table)) expect({ code, key, names: names(text) }).toEqual({ code, key, names: names(source[key] ?? '') });
    }
  });
});
