import type { ArticleRow, SiteRecord } from '../records';
import { DeliveryError } from '../errors';
import { availableLocales, chatChannel, DocumentSet, isLive, paginate, prepareBlocks, resolveLocale, safeLink, siteForHost, substitute, variablesFor, variablesIn } from '../rules';

const site: SiteRecord = {
  id: 1,
  documentId: 'site-ke',
  code: 'kijana-ke',
  name: 'Kijana Kenya',
  hostnames: ['kijana-ke.localhost'],
  defaultLocale: 'en-KE',
  locales: ['en-KE', 'sw-KE'],
  theme: 'base',
  themeTokens: {},
  plugins: [],
  variables: [
    { key: 'helpline', value: '1190', locale: null },
    { key: 'helpline', value: '1190 (Kiswahili)', locale: 'sw' },
  ],
  channels: {},
  updatedAt: 0,
};

const row = (documentId: string, locale: string, extra: Partial<ArticleRow> = {}): ArticleRow => ({
  id: Math.floor(Math.random() * 1e9),
  documentId,
  locale,
  slug: documentId,
  title: `${documentId} ${locale}`,
  lead: null,
  section: null,
  tags: [],
  sites: [],
  allSites: true,
  goLiveAt: null,
  expireAt: null,
  featuredFrom: null,
  featuredUntil: null,
  createdAt: 0,
  publishedAt: 0,
  updatedAt: 0,
  ...extra,
});

describe('host resolution', () => {
  it('maps a host to its site and an unknown host to null', () => {
    const byHost = new Map([['kijana-ke.localhost', site]]);
    expect(siteForHost(byHost, 'KIJANA-KE.localhost:80')).toBe(site);
    expect(siteForHost(byHost, 'other.localhost')).toBeNull();
  });
});

describe('locale selection', () => {
  it('defaults to the site locale and rejects one the site lacks', () => {
    expect(resolveLocale(site, undefined)).toBe('en-KE');
    expect(() => resolveLocale(site, 'zu-ZA')).toThrow(/en-KE, sw-KE/);
  });

  it('picks the first translation along the chain', () => {
    const set = new DocumentSet([row('a', 'en'), row('a', 'sw')]);
    expect(set.pick('a', ['sw-KE', 'sw', 'en'])?.locale).toBe('sw');
    expect(set.pick('a', ['zu-ZA'])).toBeUndefined();
  });

  it('reports a locale available when its own language serves it', () => {
    const set = new DocumentSet([row('a', 'en')]);
    expect(availableLocales(site, set, 'a')).toEqual(['en-KE']);
    const translated = new DocumentSet([row('b', 'en'), row('b', 'sw')]);
    expect(availableLocales(site, translated, 'b')).toEqual(['en-KE', 'sw-KE']);
  });
});

describe('publish windows', () => {
  it('is live from goLiveAt up to but not including expireAt', () => {
    expect(isLive({ goLiveAt: 100, expireAt: 200 }, 100)).toBe(true);
    expect(isLive({ goLiveAt: 100, expireAt: 200 }, 99)).toBe(false);
    expect(isLive({ goLiveAt: 100, expireAt: 200 }, 200)).toBe(false);
    expect(isLive({ goLiveAt: null, expireAt: null }, 0)).toBe(true);
  });
});

describe('variables', () => {
  it('prefers the value for the locale chain over the shared one', () => {
    expect(variablesFor(site, 'sw-KE').get('helpline')).toBe('1190 (Kiswahili)');
    expect(variablesFor(site, 'en-KE').get('helpline')).toBe('1190');
  });

  it('substitutes known names and leaves unknown ones as written', () => {
    const vars = new Map([['helpline', '1190']]);
    expect(substitute('Call {{ helpline }} or {{other}}', vars)).toBe('Call 1190 or {{other}}');
  });

  it('substitutes inside blocks without changing the stored blocks', () => {
    const blocks = [{ type: 'paragraph', children: [{ type: 'text', text: 'Call {{helpline}}' }] }];
    const prepared = prepareBlocks(blocks, new Map([['helpline', '1190']]));
    expect(JSON.stringify(prepared)).toContain('Call 1190');
    expect(blocks[0]?.children[0]?.text).toBe('Call {{helpline}}');
  });
});

describe('chat channels', () => {
  it('names the variables a text mentions, once each, as substitute reads them', () => {
    expect(variablesIn('Call {{ helpline }}, {{helpline}} or {{clinic_finder}}; not {{9lives}} or {single}')).toEqual(['helpline', 'clinic_finder']);
  });

  it('accepts a chat channel and refuses anything else as bad input naming the allowed ones', () => {
    expect(chatChannel('ussd')).toBe('ussd');
    for (const name of ['web', 'SMS', '']) {
      expect(() => chatChannel(name)).toThrow(DeliveryError);
      expect(() => chatChannel(name)).toThrow('use one of: whatsapp, sms, ussd, telegram, messenger');
    }
  });
});

describe('link safety', () => {
  it('empties unsafe link targets in blocks but keeps the link text', () => {
    const blocks = [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'click' }] }] }];
    const text = JSON.stringify(prepareBlocks(blocks, new Map()));
    expect(text).not.toContain('javascript:');
    expect(text).toContain('click');
  });

  it('checks a link after its variables are filled in, so a variable cannot smuggle a script link', () => {
    const variables = new Map([
      ['promo', 'javascript:alert(1)'],
      ['clinic', 'https://clinics.example.org/ke'],
    ]);
    expect(safeLink('{{promo}}', variables)).toBeNull();
    expect(safeLink('{{clinic}}?from=banner', variables)).toBe('https://clinics.example.org/ke?from=banner');
    const blocks = [{ type: 'paragraph', children: [{ type: 'link', url: '{{promo}}', children: [{ type: 'text', text: 'Offer' }] }] }];
    expect(JSON.stringify(prepareBlocks(blocks, variables))).not.toContain('javascript:');
  });

  it('refuses protocol-relative and other scheme links wherever delivery serves a link', () => {
    for (const url of ['//evil.example/x', 'javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      expect({ url, served: safeLink(url, new Map()) }).toEqual({ url, served: null });
    }
    for (const url of ['https://example.org', '/articles/x', 'tel:+254800720990', 'mailto:help@example.org']) {
      expect(safeLink(url, new Map())).toBe(url);
    }
  });
});

describe('paging', () => {
  const items = Array.from({ length: 12 }, (_, i) => i);
  it('pages with opaque cursors', () => {
    const first = paginate(items, 5, null);
    expect(first.nodes).toEqual([0, 1, 2, 3, 4]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const last = paginate(items, 10, first.pageInfo.endCursor);
    expect(last.nodes).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.totalCount).toBe(12);
  });
  it('defaults to 10 and refuses more than 50 or a foreign cursor', () => {
    expect(paginate(items, undefined, undefined).nodes).toHaveLength(10);
    expect(() => paginate(items, 51, null)).toThrow(/between 0 and 50/);
    expect(() => paginate(items, 5, 'nope')).toThrow(/not a cursor/);
  });
});
