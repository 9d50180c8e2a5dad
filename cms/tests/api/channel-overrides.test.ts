import { channels, overrideProblem } from '@baobab/channels/limits';
import { createArticle, gql, gqlData, rest, uniqueSlug, type Json, problemAt } from '../support/client';


const articleData = (channelOverrides: unknown, extra: Record<string, unknown> = {}) => ({
  title: 'Channel test',
  slug: uniqueSlug('channels'),
  allSites: true,
  channelOverrides,
  ...extra,
});

const storedSlugs = async (slug: string) => {
  const response = await rest('GET', `/articles?filters[slug][$eq]=${slug}&status=draft&locale=all`);
  return response.body.data.length;
};

const channelText = (site: string, slug: string, channel: string, locale?: string) =>
  gql(`query($site: String!, $slug: String!, $channel: String!, $locale: String) { site(code: $site) { article(slug: $slug, locale: $locale) { locale channelText(channel: $channel) } } }`, {
    site,
    slug,
    channel,
    locale,
  });

describe('channel overrides on articles', () => {
  it('refuses an SMS override that needs 4 parts, saying by how many characters, and saves nothing', async () => {
    const text = 'Free, private HIV tests at any clinic near you. '.repeat(10).trim();
    const expected = overrideProblem('sms', text);
    expect(expected?.over).toBeGreaterThan(0);
    const data = articleData([{ channel: 'sms', text }]);
    const response = await rest('POST', '/articles?locale=en&status=published', { data });
    const problem = problemAt(response, ['channelOverrides', '0', 'text']);
    expect(problem.message).toBe(expected?.message);
    expect(problem.message).toContain('4 parts');
    expect(problem.message).toContain(`Shorten it by ${expected?.over} characters`);
    // The notice names the field as the edit view labels it, never by its path.
    expect(response.body.error.message).toContain(`Channel overrides 1 (SMS) › Text: ${expected?.message}`);
    expect(response.body.error.message).not.toContain('channelOverrides');
    expect(await storedSlugs(data.slug)).toBe(0);
  });

  it('refuses a USSD override one character over the 80 a screen holds with a non-GSM character', async () => {
    const text = `${'Tap 1 for clinics. '.repeat(5).slice(0, 80)}ع`;
    expect(text).toHaveLength(81);
    const response = await rest('POST', '/articles?locale=en', { data: articleData([{ channel: 'ussd', text }]) });
    const problem = problemAt(response, ['channelOverrides', '0', 'text']);
    expect(problem.message).toContain('at most 80');
    expect(problem.message).toContain('Shorten it by 1 character');
  });

  it('checks the text as each carrying site serves it and names the site it breaks on', async () => {
    // 150 characters + a helpline: 154 with Kenya's 1190 fits a screen of 160, 164 with Nigeria's does not.
    const text = `${'x'.repeat(149)} {{helpline}}`;
    const fits = await rest('POST', '/articles?locale=en', { data: articleData([{ channel: 'ussd', text }], { allSites: false, sites: ['kijana-ke'] }) });
    expect(fits.status).toBe(201);
    const breaks = await rest('POST', '/articles?locale=en', { data: articleData([{ channel: 'ussd', text }], { allSites: false, sites: ['kijana-ke', 'mama-ng'] }) });
    const problem = problemAt(breaks, ['channelOverrides', '0', 'text']);
    expect(problem.message).toContain('Shorten it by 4 characters');
    expect(problem.message).toContain('(Counted as mama-ng serves it in en-NG, with {{helpline}} filled in.)');
  });

  it('re-checks the stored overrides when a save changes only which sites carry the article', async () => {
    const slug = uniqueSlug('carriage');
    const documentId = await createArticle({ title: 'Carriage', slug, sites: ['kijana-ke'], channelOverrides: [{ channel: 'ussd', text: `${'x'.repeat(149)} {{helpline}}` }] });
    const response = await rest('PUT', `/articles/${documentId}?locale=en`, { data: { sites: ['kijana-ke', 'mama-ng'] } });
    expect(problemAt(response, ['channelOverrides', '0', 'text']).message).toContain('mama-ng');
    const stored = await rest('GET', `/articles/${documentId}?locale=en&status=draft`);
    expect(stored.body.data.sites).toEqual(['kijana-ke']);
  });

  it('refuses a channel given twice in one translation, naming it', async () => {
    const response = await rest('POST', '/articles?locale=en', {
      data: articleData([
        { channel: 'sms', text: 'Test for HIV at any clinic.' },
        { channel: 'sms', text: 'Call us.' },
      ]),
    });
    const problem = problemAt(response, ['channelOverrides', '1', 'channel']);
    expect(problem.message).toContain('"sms" is repeated');
  });

  it('refuses an override with empty text', async () => {
    const response = await rest('POST', '/articles?locale=en', { data: articleData([{ channel: 'whatsapp', text: '   ' }]) });
    expect(problemAt(response, ['channelOverrides', '0', 'text']).message).toContain('Write the text');
  });

  it('saves a fitting override and serves it per site and per translation with variables filled in', async () => {
    const slug = uniqueSlug('channel-text');
    const documentId = await createArticle({
      title: 'Free HIV tests',
      slug,
      allSites: true,
      channelOverrides: [
        { channel: 'sms', text: 'Free, private HIV tests at any clinic. Questions? Call {{helpline}}.' },
        { channel: 'ussd', text: 'HIV tests are free. Call {{helpline}}.' },
      ],
    });
    const sw = await rest('PUT', `/articles/${documentId}?locale=sw&status=published`, {
      data: { title: 'Vipimo vya VVU bure', channelOverrides: [{ channel: 'sms', text: 'Vipimo vya VVU ni bure. Piga {{helpline}}.' }] },
    });
    expect(sw.status).toBe(200);

    const helplines = await gqlData('{ ke: site(code: "kijana-ke") { variables } ng: site(code: "mama-ng") { variables } }');
    const kenya = await channelText('kijana-ke', slug, 'sms', 'en-KE');
    expect(kenya.data.site.article).toEqual({ locale: 'en', channelText: `Free, private HIV tests at any clinic. Questions? Call ${helplines.ke.variables.helpline}.` });
    const nigeria = await channelText('mama-ng', slug, 'sms');
    expect(nigeria.data.site.article.channelText).toBe(`Free, private HIV tests at any clinic. Questions? Call ${helplines.ng.variables.helpline}.`);
    const swahili = await channelText('kijana-ke', slug, 'sms', 'sw-KE');
    expect(swahili.data.site.article).toEqual({ locale: 'sw', channelText: `Vipimo vya VVU ni bure. Piga ${helplines.ke.variables.helpline}.` });
    // The Swahili translation has no USSD override of its own, and none for WhatsApp anywhere.
    expect((await channelText('kijana-ke', slug, 'ussd', 'sw-KE')).data.site.article.channelText).toBeNull();
    expect((await channelText('kijana-ke', slug, 'whatsapp')).data.site.article.channelText).toBeNull();
  });

  it('serves the demo overrides in a listing, null for channels without one', async () => {
    const data = await gqlData(`{ site(code: "kijana-ke") { articles(first: 50) { nodes { slug ${channels.map((channel) => `${channel}: channelText(channel: "${channel}")`).join(' ')} } } } }`);
    const hiv = data.site.articles.nodes.find((node: { slug: string }) => node.slug === 'hiv-testing-basics');
    expect(hiv.ussd).toContain('Call 1190');
    expect(hiv.sms).toContain('1190');
    expect(hiv.whatsapp).toBeNull();
  });

  it('rejects a channel that is not a chat channel as BAD_USER_INPUT naming the allowed ones', async () => {
    const result = await channelText('kijana-ke', 'hiv-testing-basics', 'fax');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('whatsapp, sms, ussd, telegram, messenger');
  });
});

describe('site channel settings', () => {
  const newSite = (channelSettings: unknown) => {
    const code = uniqueSlug('chan');
    return { code, name: 'Channel test site', hostnames: [`${code}.localhost`], defaultLocale: 'en', locales: ['en'], channels: channelSettings };
  };

  it('still serves each site\'s channels as JSON, Telegram bot included', async () => {
    const data = await gqlData('{ site(code: "kijana-ke") { channels } }');
    expect(data.site.channels).toMatchObject({ ussd: { serviceCodes: ['*384*100#'] }, telegram: { botUsername: 'KijanaKeBot' } });
  });

  it('refuses a USSD service code kijana-ke already uses, naming kijana-ke', async () => {
    const response = await rest('POST', '/sites', { data: newSite({ ussd: { serviceCodes: ['*384*100#'] } }) });
    const problem = problemAt(response, ['channels', 'ussd', 'serviceCodes', '0']);
    expect(problem.message).toContain('already belongs to site kijana-ke');
  });

  it('refuses a malformed service code and an unknown channel, saying what to write', async () => {
    const response = await rest('POST', '/sites', { data: newSite({ ussd: { serviceCodes: ['*384*999'] }, viber: {} }) });
    expect(problemAt(response, ['channels', 'ussd', 'serviceCodes', '0']).message).toContain('like "*384*100#"');
    expect(problemAt(response, ['channels']).message).toContain('use whatsapp, sms, ussd, telegram, messenger');
  });

  it('accepts a site with its own identifiers', async () => {
    const response = await rest('POST', '/sites', {
      data: newSite({ ussd: { serviceCodes: ['*384*999#'] }, sms: { shortCode: '29999' }, telegram: { botUsername: 'ChannelTest_bot' }, messenger: { pageId: '104857600000999' } }),
    });
    expect(response.status).toBe(201);
  });
});
