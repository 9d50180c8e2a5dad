import { contentProblems, siteProblems } from '../validation';

const site = { code: 'kijana-zm', name: 'Kijana Zambia', hostnames: ['kijana-zm.localhost'], defaultLocale: 'en', locales: ['en'] };
const paths = (problems: Array<{ path: string }>) => problems.map((problem) => problem.path);

describe('site validation', () => {
  it('accepts a well-formed site', () => {
    expect(siteProblems(site, [])).toEqual([]);
  });

  it('names the default locale and the allowed ones when they disagree', () => {
    const [problem] = siteProblems({ ...site, defaultLocale: 'sw', locales: ['en-KE', 'sw-KE'] }, []);
    expect(problem).toEqual({ path: 'defaultLocale', message: expect.stringContaining('"sw" must be one of the site\'s locales [en-KE, sw-KE]') });
  });

  it('refuses a hostname another site owns, in any case', () => {
    const problems = siteProblems({ ...site, hostnames: ['Kijana-KE.localhost'] }, [{ code: 'kijana-ke', hostnames: ['kijana-ke.localhost'] }]);
    expect(problems.some((problem) => problem.message.includes('already belongs to site kijana-ke'))).toBe(true);
  });

  it('refuses theme colours that break WCAG AA contrast, saying by how much', () => {
    const [problem] = siteProblems({ ...site, themeTokens: { colors: { primary: '#E8702A' } } }, []);
    expect(problem).toEqual({ path: 'themeTokens', message: expect.stringContaining('colors.primaryText #ffffff on colors.primary #E8702A has contrast 3.10:1') });
    expect(siteProblems({ ...site, themeTokens: { colors: { primary: 'orange' } } }, [])[0]?.message).toContain('colors.primary must be a #rrggbb colour');
    expect(siteProblems({ ...site, themeTokens: { colors: { primary: '#0b6e4f' } } }, [])).toEqual([]);
  });

  it('refuses hostnames with schemes or ports, bad codes and unknown locales', () => {
    const problems = siteProblems({ ...site, code: 'Kijana ZM', hostnames: ['http://x.localhost:3000'], locales: ['en', 'tlh'] }, []);
    expect(paths(problems)).toEqual(expect.arrayContaining(['code', 'hostnames', 'locales']));
  });
});

describe('content validation', () => {
  const refs = { slugTaken: false, siteCodes: new Set(['kijana-ke']), sectionSlugs: new Set(['nutrition']) };

  it('accepts an article carried by a known site in a known section', () => {
    expect(contentProblems('article', { slug: 'eat-well', sites: ['kijana-ke'], section: 'nutrition' }, refs)).toEqual([]);
  });

  it('requires carriage, a unique slug and known references', () => {
    const problems = contentProblems('article', { slug: 'eat-well', sites: ['nowhere'], section: 'cooking' }, { ...refs, slugTaken: true });
    expect(paths(problems)).toEqual(expect.arrayContaining(['slug', 'sites', 'section']));
    expect(paths(contentProblems('article', { slug: 'x' }, refs))).toContain('sites');
  });

  it('requires windows to end after they start', () => {
    const problems = contentProblems('article', { slug: 'x', allSites: true, goLiveAt: '2026-02-01', expireAt: '2026-01-01', featuredFrom: '2026-01-05', featuredUntil: '2026-01-04' }, refs);
    expect(paths(problems)).toEqual(expect.arrayContaining(['expireAt', 'featuredUntil']));
  });

  it('refuses a section that is its own parent', () => {
    expect(paths(contentProblems('section', { slug: 'nutrition', allSites: true, parent: 'nutrition' }, refs))).toEqual(['parent']);
  });
});
