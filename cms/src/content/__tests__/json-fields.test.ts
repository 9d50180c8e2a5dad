import { parseJsonFields } from '../json-fields';

const SITE = 'api::site.site';

describe('JSON fields sent as text', () => {
  it('turns text that spells JSON into the value it spells, for every JSON field of a site', () => {
    const sent = {
      name: 'Kijana Kenya',
      hostnames: '["kijana-ke.localhost"]',
      locales: ' ["en-KE", "sw-KE"] ',
      channels: '{"sms": {"shortCode": "21393"}}',
      themeTokens: '{"colors": {"primary": "#0b6e4f"}}',
      plugins: '[]',
    };
    expect(parseJsonFields(SITE, sent)).toEqual({
      data: {
        name: 'Kijana Kenya',
        hostnames: ['kijana-ke.localhost'],
        locales: ['en-KE', 'sw-KE'],
        channels: { sms: { shortCode: '21393' } },
        themeTokens: { colors: { primary: '#0b6e4f' } },
        plugins: [],
      },
      problems: [],
    });
  });

  it('leaves values that are already parsed, and fields that are not JSON, as they are', () => {
    const sent = { hostnames: ['kijana-ke.localhost'], name: '["not json, a name"]', themeTokens: null };
    expect(parseJsonFields(SITE, sent)).toEqual({ data: sent, problems: [] });
  });

  it('parses carriage and tags of articles, pages, banners and sections', () => {
    expect(parseJsonFields('api::article.article', { sites: '["kijana-ke"]', tags: '["hiv"]', title: '[x]' }).data).toEqual({
      sites: ['kijana-ke'],
      tags: ['hiv'],
      title: '[x]',
    });
    for (const uid of ['api::page.page', 'api::banner.banner', 'api::section.section']) {
      expect(parseJsonFields(uid, { sites: '["mama-ng"]' }).data.sites).toEqual(['mama-ng']);
    }
  });

  it('reads blank text as no value', () => {
    expect(parseJsonFields(SITE, { plugins: '  ', channels: '' }).data).toEqual({ plugins: null, channels: null });
  });

  it('says how to write a list or an object when the text is not JSON, naming the field', () => {
    const { problems } = parseJsonFields(SITE, { hostnames: 'kijana-ke.localhost', themeTokens: "{colors: {primary: '#0b6e4f'}}" });
    expect(problems).toEqual([
      { path: 'hostnames', message: expect.stringContaining('Write a list like ["kijana-ke.localhost"]') },
      { path: 'themeTokens', message: expect.stringContaining('Write an object like {"colors": {"primary": "#0b6e4f"}}') },
    ]);
  });

  it('does not change the data it was given', () => {
    const sent = Object.freeze({ sites: '["kijana-ke"]' });
    parseJsonFields('api::page.page', sent);
    expect(sent.sites).toBe('["kijana-ke"]');
  });
});
