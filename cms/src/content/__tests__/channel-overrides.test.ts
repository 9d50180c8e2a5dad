import { channels, limits, overrideProblem } from '@baobab/channels/limits';
import articleSchema from '../../api/article/content-types/article/schema.json';
import overrideComponent from '../../components/content/channel-override.json';
import { siteSchema } from '../../delivery/records';
import { channelOverrideProblems, overridesBrokenBySite, servingsOf } from '../channel-overrides';

const site = (code: string, locales: string[], variables: Array<{ key: string; value: string; locale?: string }>) =>
  siteSchema.parse({
    id: 1,
    documentId: code,
    code,
    name: code,
    hostnames: [`${code}.localhost`],
    defaultLocale: locales[0],
    locales,
    themeTokens: null,
    plugins: null,
    variables,
    channels: {},
    updatedAt: '2026-01-01T00:00:00Z',
  });

const kenya = site('kijana-ke', ['en-KE', 'sw-KE'], [{ key: 'helpline', value: '1190' }]);
const nigeria = site('mama-ng', ['en-NG', 'ha-NG'], [{ key: 'helpline', value: '0800 2255 6262 (toll-free, all day)' }]);
const egypt = site('amal-eg', ['ar-EG', 'en'], [
  { key: 'helpline', value: '16021' },
  { key: 'helpline', value: '16021 (English line)', locale: 'en' },
]);
const sites = [kenya, nigeria, egypt];

describe('the channel override content model', () => {
  it('offers exactly the chat channels of @baobab/channels, in its order', () => {
    expect(overrideComponent.attributes.channel.enum).toEqual([...channels]);
  });

  it('is a repeatable, localized article field, so each translation has its own overrides', () => {
    expect(articleSchema.attributes.channelOverrides).toMatchObject({
      type: 'component',
      repeatable: true,
      component: 'content.channel-override',
      pluginOptions: { i18n: { localized: true } },
    });
    expect(overrideComponent.attributes.text).toMatchObject({ type: 'text', required: true });
  });
});

describe('which readers a translation reaches', () => {
  it('serves an English translation to every locale whose chain reaches en, on sites that carry it', () => {
    const servings = servingsOf(sites, { allSites: false, sites: ['kijana-ke', 'amal-eg'] }, 'en');
    expect(servings.map((serving) => `${serving.site} ${serving.locale}`)).toEqual(['amal-eg en', 'kijana-ke en-KE', 'kijana-ke sw-KE']);
    expect(servings[0]?.variables.get('helpline')).toBe('16021 (English line)');
  });

  it('counts only the sites whose locale chains lead to the translation', () => {
    // amal-eg falls back to its Arabic default for English readers; the others never reach ar.
    expect(servingsOf(sites, { allSites: true }, 'ar').map((serving) => `${serving.site} ${serving.locale}`)).toEqual(['amal-eg ar-EG', 'amal-eg en']);
  });
});

describe('channel override validation', () => {
  const everywhere = servingsOf(sites, { allSites: true }, 'en');
  const ussdScreen = limits.ussd.defaultBudget;

  it('accepts one fitting override per channel', () => {
    const overrides = channels.map((channel) => ({ channel, text: 'Call {{helpline}} for free, private advice.' }));
    expect(channelOverrideProblems(overrides, everywhere)).toEqual([]);
    expect(channelOverrideProblems(undefined, everywhere)).toEqual([]);
  });

  it('names a repeated channel and where it first appears', () => {
    const problems = channelOverrideProblems(
      [
        { channel: 'sms', text: 'One.' },
        { channel: 'ussd', text: 'Two.' },
        { channel: 'sms', text: 'Three.' },
      ],
      everywhere,
    );
    expect(problems).toEqual([{ path: 'channelOverrides[2].channel', message: expect.stringContaining('"sms" is repeated') }]);
    expect(problems[0]?.message).toContain('channelOverrides[0]');
  });

  it('refuses empty text and a channel that is not a chat channel', () => {
    const problems = channelOverrideProblems(
      [
        { channel: 'ussd', text: '   ' },
        { channel: 'web', text: 'Hello' },
      ],
      everywhere,
    );
    expect(problems.map((problem) => problem.path)).toEqual(['channelOverrides[0].text', 'channelOverrides[1].channel']);
    expect(problems[1]?.message).toContain(channels.join(', '));
  });

  it('checks the text as the site with the longest helpline serves it, and says so', () => {
    // Fits with Kenya's 4-digit helpline, not with Nigeria's 34-character one.
    const text = `${'a'.repeat(ussdScreen - 20)} {{helpline}}`;
    const served = `${'a'.repeat(ussdScreen - 20)} ${nigeria.variables[0]?.value ?? ''}`;
    const expected = overrideProblem('ussd', served);
    expect(expected).not.toBeNull();
    const [problem] = channelOverrideProblems([{ channel: 'ussd', text }], everywhere);
    expect(problem?.path).toBe('channelOverrides[0].text');
    expect(problem?.message).toBe(`${expected?.message} (Counted as mama-ng serves it in en-NG, with {{helpline}} filled in.)`);
    expect(problem?.message).toContain(`Shorten it by ${expected?.over} characters`);
    expect(channelOverrideProblems([{ channel: 'ussd', text }], servingsOf(sites, { sites: ['kijana-ke'] }, 'en'))).toEqual([]);
  });

  it('counts one non-GSM character as limiting a USSD screen to 80', () => {
    const text = `${'a'.repeat(limits.ussd.maxUcs2)}ع`;
    const [problem] = channelOverrideProblems([{ channel: 'ussd', text }], everywhere);
    expect(problem?.message).toBe(overrideProblem('ussd', text)?.message);
    expect(problem?.message).toContain('Shorten it by 1');
  });

  it('checks the text as written when no site serves the translation yet', () => {
    const [problem] = channelOverrideProblems([{ channel: 'messenger', text: 'x'.repeat(limits.messenger.text + 5) }], []);
    expect(problem?.message).toContain('Shorten it by 5');
  });
});

describe('saves that leave an override as it was', () => {
  // 141 + Nigeria's 34-character helpline is far over one USSD screen; with Kenya's 1190 it fits.
  const text = `${'x'.repeat(140)} {{helpline}}`;
  const kenyaOnly = servingsOf(sites, { sites: ['kijana-ke'] }, 'en');
  const withNigeria = servingsOf(sites, { sites: ['kijana-ke', 'mama-ng'] }, 'en');

  it('are not refused for an override already too long before the save', () => {
    const before = { overrides: [{ channel: 'ussd', text }], servings: withNigeria };
    expect(channelOverrideProblems([{ channel: 'ussd', text }], withNigeria, before)).toEqual([]);
  });

  it('are refused when they make the article reach a site where it is too long', () => {
    const before = { overrides: [{ channel: 'ussd', text }], servings: kenyaOnly };
    const [problem] = channelOverrideProblems([{ channel: 'ussd', text }], withNigeria, before);
    expect(problem?.message).toContain('mama-ng');
  });

  it('still check an override whose text changed against every serving', () => {
    const before = { overrides: [{ channel: 'ussd', text }], servings: withNigeria };
    expect(channelOverrideProblems([{ channel: 'ussd', text: `${text}!` }], withNigeria, before)).toHaveLength(1);
  });
});

describe('site changes that break carried overrides', () => {
  const translation = { slug: 'hiv-testing-basics', locale: 'en', allSites: false, sites: ['kijana-ke'], overrides: [{ channel: 'ussd' as const, text: `${'x'.repeat(140)} {{helpline}}` }] };
  const longer = site('kijana-ke', ['en-KE', 'sw-KE'], [{ key: 'helpline', value: '0800 723 253 (free)!!' }]);

  it('names the article, the translation, the site, the locale and by how much', () => {
    const [broken] = overridesBrokenBySite(kenya, longer, [translation]);
    expect(broken).toMatchObject({ slug: 'hiv-testing-basics', locale: 'en', channel: 'ussd', variables: ['helpline'] });
    expect(broken?.message).toBe(
      'the USSD override of "hiv-testing-basics" (en) no longer fits as kijana-ke serves it in en-KE. The USSD text is 162 characters; one screen holds at most 160. Shorten this value or that override by 2 characters.',
    );
  });

  it('stays quiet when the override fits, or was already as far over', () => {
    expect(overridesBrokenBySite(kenya, kenya, [translation])).toEqual([]);
    expect(overridesBrokenBySite(longer, longer, [translation])).toEqual([]);
    expect(overridesBrokenBySite(kenya, longer, [{ ...translation, sites: ['mama-ng'] }])).toEqual([]);
  });

  it('counts a locale the site adds', () => {
    const variables = [{ key: 'helpline', value: '1190' }, { key: 'helpline', value: '0800 723 253 (free)!!', locale: 'en-KE' }];
    const english = site('kijana-ke', ['sw-KE'], variables);
    const both = site('kijana-ke', ['sw-KE', 'en-KE'], variables);
    expect(overridesBrokenBySite(english, both, [translation])).toHaveLength(1);
  });
});
