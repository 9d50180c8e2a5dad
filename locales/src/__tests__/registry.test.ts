import { contentChain, fallbackChain, getLocale, i18nextFallbackLng, locales, parseRegistry } from '..';

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
