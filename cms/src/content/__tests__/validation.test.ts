import { defineTheme } from '@baobab/theme-api';
import { baseTheme } from '@baobab/theme-base';
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
    expect(problem).toEqual({ path: 'themeTokens.colors.primary', message: expect.stringContaining('Text on header and buttons (#ffffff) on header and buttons (#E8702A) has contrast 3.10:1') });
    expect(siteProblems({ ...site, themeTokens: { colors: { primary: 'orange' } } }, [])[0]).toEqual({
      path: 'themeTokens.colors.primary',
      message: '"orange" is not a colour: write it as #rrggbb, like "#0b6e4f"',
    });
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

describe('site channel settings', () => {
  const kenya = { code: 'kijana-ke', hostnames: ['kijana-ke.localhost'], channels: { ussd: { serviceCodes: ['*384*100#'] }, sms: { shortCode: '21393' }, whatsapp: { phoneNumberId: '100000000000001' }, telegram: { botUsername: 'KijanaKeBot' } } };
  const problemsFor = (channels: unknown) => siteProblems({ ...site, channels }, [kenya]);

  it('accepts every channel in its documented shape', () => {
    const channels = { ussd: { serviceCodes: ['*384*200#', '*123#'] }, sms: { shortCode: '22333' }, whatsapp: { phoneNumberId: '100000000000009' }, telegram: { botUsername: 'Kijana_ZM_bot' }, messenger: { pageId: '104857600000009' } };
    expect(problemsFor(channels)).toEqual([]);
    expect(problemsFor(undefined)).toEqual([]);
  });

  it('names the allowed channels when a key is not one', () => {
    expect(problemsFor({ viber: { uri: 'x' } })).toEqual([{ path: 'channels', message: '"viber" is not a chat channel; use whatsapp, sms, ussd, telegram, messenger.' }]);
  });

  it('explains each malformed identifier at its own path', () => {
    const problems = problemsFor({ ussd: { serviceCodes: ['*384*100', '384#'] }, sms: { shortCode: '12' }, whatsapp: { phoneNumberId: '+254 700 000 000' }, telegram: { botUsername: '@kijana' }, messenger: {} });
    expect(paths(problems)).toEqual([
      'channels.ussd.serviceCodes[0]',
      'channels.ussd.serviceCodes[1]',
      'channels.sms.shortCode',
      'channels.whatsapp.phoneNumberId',
      'channels.telegram.botUsername',
      'channels.messenger.pageId',
    ]);
    expect(problems[0]?.message).toContain('"*384*100" is not a USSD service code');
    expect(problems[4]?.message).toContain('ending in "bot"');
    expect(problems[5]?.message).toContain('Give the Messenger page id');
  });

  it('refuses an identifier another site already uses, naming that site', () => {
    const problems = problemsFor({ ussd: { serviceCodes: ['*1#', '*384*100#'] }, sms: { shortCode: '21393' }, telegram: { botUsername: 'kijanakebot' } });
    expect(paths(problems)).toEqual(['channels.ussd.serviceCodes[1]', 'channels.sms.shortCode', 'channels.telegram.botUsername']);
    expect(problems.every((problem) => problem.message.includes('already belongs to site kijana-ke'))).toBe(true);
  });

  it('refuses a service code listed twice, and unknown settings of a channel', () => {
    expect(problemsFor({ ussd: { serviceCodes: ['*1#', '*1#'] } })).toEqual([{ path: 'channels.ussd.serviceCodes[1]', message: '"*1#" is listed twice.' }]);
    expect(problemsFor({ sms: { shortcode: '22333' } })).toEqual([
      { path: 'channels.sms.shortCode', message: 'Give the SMS short code: 3 to 15 digits, like "21393".' },
      { path: 'channels.sms', message: '"shortcode" is not a setting of sms; use shortCode.' },
    ]);
  });
});

describe('link fields', () => {
  const refs = { slugTaken: false, siteCodes: new Set(['kijana-ke']), sectionSlugs: new Set<string>() };
  const link = (url: string) => ({ type: 'link', url, children: [{ type: 'text', text: 'here' }] });

  it('names the url of every unsafe link in a body, however deeply nested', () => {
    const body = [
      { type: 'paragraph', children: [{ type: 'text', text: 'x' }, link('javascript:alert(1)')] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [link('//evil.example')] }] },
      { type: 'paragraph', children: [link('https://example.org'), link('tel:{{helpline}}')] },
    ];
    const problems = contentProblems('page', { slug: 'contact', allSites: true, body }, refs);
    expect(problems).toEqual([
      { path: 'body[0].children[1].url', message: expect.stringContaining('"javascript:" links run code') },
      { path: 'body[1].children[0].children[0].url', message: expect.stringContaining('leads to another website') },
    ]);
  });

  it('refuses a banner link that is unsafe or starts with a variable after a lone slash', () => {
    expect(contentProblems('banner', { slug: 'b', allSites: true, link: 'JAVA\tSCRIPT:x' }, refs)).toEqual([{ path: 'link', message: expect.stringContaining('"javascript:"') }]);
    expect(contentProblems('banner', { slug: 'b', allSites: true, link: '/{{path}}' }, refs)).toEqual([{ path: 'link', message: expect.stringContaining('start with a fixed path') }]);
    expect(contentProblems('banner', { slug: 'b', allSites: true, link: '/pages/{{page}}' }, refs)).toEqual([]);
  });

  it('refuses a site variable that reads as an unsafe link, and leaves prose alone', () => {
    const variables = [
      { key: 'helpline', value: 'Call: 0800 723 253' },
      { key: 'clinic', value: 'javascript:alert(1)' },
      { key: 'site', value: '//evil.example' },
      { key: 'page', value: '/sections/hiv' },
    ];
    expect(paths(siteProblems({ ...site, variables }, []))).toEqual(['variables[1].value', 'variables[2].value']);
  });
});

describe('a site theme', () => {
  const site = {
    code: 'kijana-ke',
    hostnames: ['kijana-ke.localhost'],
    locales: ['en-KE'],
    defaultLocale: 'en-KE',
  };
  const pulse = defineTheme({ name: 'pulse', tokens: { ...baseTheme.tokens, colors: { ...baseTheme.tokens.colors, background: '#14111f', text: '#ffffff', muted: '#d6ccf5', link: '#d6ccf5', surface: '#2a2438' } } });
  const installed = new Map([
    ['base', baseTheme],
    ['pulse', pulse],
  ]);

  it('must be an installed theme', () => {
    expect(siteProblems({ ...site, theme: 'sunrsie' }, [], installed)).toEqual([
      { path: 'theme', message: '"sunrsie" is not an installed theme; choose one of base, pulse.' },
    ]);
    expect(siteProblems({ ...site, theme: 'pulse' }, [], installed)).toEqual([]);
  });

  it("judges token overrides on the chosen theme's own colours", () => {
    const lightText = { colors: { muted: '#eeeeee' } };
    expect(siteProblems({ ...site, theme: 'pulse', themeTokens: lightText }, [], installed)).toEqual([]);
    expect(siteProblems({ ...site, theme: 'base', themeTokens: lightText }, [], installed).map((problem) => problem.path)).toEqual(['themeTokens.colors.muted']);
  });
});
