// What the gateways know about content, and the only place they ask for it: the delivery
// GraphQL API, through a cache that answers a USSD hop in microseconds. Entries live five
// minutes and go at once when the CMS posts a notice to /_baobab/invalidate. While the CMS
// cannot answer, the last good copy of each answer is served (stale-if-error) for up to
// staleMaxAgeMs (BAOBAB_STALE_MAX_AGE) after its first failed refresh, then "try again";
// those copies are kept apart from the fresh cache, bounded in bytes, so churn never evicts them.
import { reachesSite, type ChangeScope } from '@baobab/kit/changes';
import { createDelivery, type Delivery } from '@baobab/kit/delivery';
import { STALE_MAX_AGE } from '@baobab/kit/env';
import { z } from 'zod';
import { type ArticleContent, type Channel, walkBlocks } from '@baobab/channels';

const channelsSchema = z
  .object({
    ussd: z.object({ serviceCodes: z.array(z.string()) }).partial().optional(),
    sms: z.object({ shortCode: z.string() }).partial().optional(),
    whatsapp: z.object({ phoneNumberId: z.string() }).partial().optional(),
    telegram: z.object({ botUsername: z.string() }).partial().optional(),
    messenger: z.object({ pageId: z.string() }).partial().optional(),
  })
  .catch({});

const siteSchema = z.object({
  code: z.string(),
  name: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.object({ code: z.string(), name: z.string() })),
  channels: channelsSchema,
  /** Plugins the site enables: only these add menu entries and views. */
  plugins: z.array(z.string()).catch([]),
});
export type ChatSite = z.infer<typeof siteSchema>;

const link = z.object({ slug: z.string(), title: z.string() });
export type Link = z.infer<typeof link>;

const sectionSchema = z.object({
  slug: z.string(),
  title: z.string(),
  locale: z.string(),
  isFallback: z.boolean(),
  children: z.array(link),
  articles: z.object({ nodes: z.array(link) }),
});
export type ChatSection = z.infer<typeof sectionSchema>;

const articleSchema = z.object({
  slug: z.string(),
  title: z.string(),
  lead: z.string().nullable(),
  body: z.unknown(),
  locale: z.string(),
  isFallback: z.boolean(),
  image: z.object({ url: z.string(), alt: z.string().nullable() }).nullable(),
  channelText: z.string().nullable(),
});

export interface ChatArticle extends ArticleContent {
  readonly locale: string;
  readonly isFallback: boolean;
}

const QUERIES = {
  // The list carries only what maps a provider address to a site, so it stays cheap however many sites there are.
  sites: '{ sites { code channels } }',
  site: 'query Site($code: String!) { site(code: $code) { code name defaultLocale locales { code name } channels plugins } }',
  home: 'query Home($code: String!, $locale: String) { site(code: $code) { navigation(locale: $locale) { slug title } } }',
  section: `query Section($code: String!, $locale: String, $slug: String!) { site(code: $code) {
    section(slug: $slug, locale: $locale) { slug title locale isFallback children { slug title } articles(first: 50) { nodes { slug title } } } } }`,
  article: `query Article($code: String!, $locale: String, $slug: String!, $channel: String!) { site(code: $code) {
    article(slug: $slug, locale: $locale) { slug title lead body locale isFallback image { url(width: 640) alt } channelText(channel: $channel) } } }`,
} as const;

export interface ContentSource {
  site(code: string): Promise<ChatSite | null>;
  /** The site a provider address belongs to: a USSD service code, SMS short code, WhatsApp phone-number id. */
  siteFor(channel: 'ussd' | 'sms' | 'whatsapp', address: string): Promise<ChatSite | null>;
  home(site: string, locale: string): Promise<Link[]>;
  section(site: string, slug: string, locale: string): Promise<ChatSection | null>;
  article(site: string, slug: string, locale: string, channel: Channel): Promise<ChatArticle | null>;
  /** Memoises anything derived from content (rendered screens) until the next change. */
  derived<T>(key: string, make: () => T): T;
  /** Caches an answer loaded some other way (a plugin's menu entries) like content: fresh for the TTL, last good copy while the CMS fails. */
  remembered<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * Drops the fresh answers about the sites a change reaches (everything when none is
   * given), and keeps none loaded within `settleMs` from now; last good copies stay for the next outage.
   */
  invalidate(change?: ChangeScope, settleMs?: number): void;
}

export interface ContentOptions {
  readonly cmsUrl: string;
  /** Where `/uploads/…` image URLs point: the CMS's public URL. */
  readonly mediaUrl: string;
  /** How long an answer is fresh; default 5 minutes. */
  readonly ttlMs?: number;
  /** Hears each lookup's result (metrics): hit, miss, or stale (a last good copy served while the CMS fails). */
  readonly onLookup?: (result: 'hit' | 'miss' | 'stale') => void;
  /** After a failed load answered from the last good copy, how long before the CMS is asked again for it; default 10 s. */
  readonly retryMs?: number;
  /** Bytes of last good copies kept, least recently used first out; default 16 MB. */
  readonly staleMaxBytes?: number;
  /** How long a last good copy stands in for failing loads, from the first failure; default a day (BAOBAB_STALE_MAX_AGE). */
  readonly staleMaxAgeMs?: number;
  /** The clock (tests). */
  readonly now?: () => number;
  /** Told once when the CMS stops answering and once when it answers again. */
  readonly log?: (message: string) => void;
}

/** Normalises a service code so `*384*100#` matches however a provider spells it. */
export const normalizeServiceCode = (code: string) => code.replace(/\s+/g, '').toLowerCase();

/** Defaults of ContentOptions, documented in the README. */
export const CONTENT_DEFAULTS = { ttlMs: 5 * 60_000, retryMs: 10_000, staleMaxBytes: 16 * 1024 * 1024, staleMaxAgeMs: STALE_MAX_AGE.defaultSeconds * 1000 } as const;

/**
 * Last good answers by key, least recently used first, bounded by an estimate of their
 * size (their JSON length in bytes). An answer bigger than a quarter of the bound is not kept.
 * Each remembers when loads of its key began to fail, so it stands in for a bounded time.
 */
export function createLastGood(maxBytes: number) {
  const entries = new Map<string, { readonly value: unknown; readonly bytes: number; failingSince: number | null }>();
  let total = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    total -= entry.bytes;
    entries.delete(key);
  };
  const get = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  };
  return {
    get: (key: string): { readonly value: unknown } | undefined => get(key),
    /**
     * The copy to answer with because loading `key` failed at `at`: the first failure since
     * the copy was stored starts its clock, and after `maxAgeMs` of failures there is none.
     */
    standIn(key: string, at: number, maxAgeMs: number): { readonly value: unknown } | undefined {
      const entry = get(key);
      if (!entry) return undefined;
      entry.failingSince ??= at;
      return at - entry.failingSince < maxAgeMs ? entry : undefined;
    },
    set(key: string, value: unknown): void {
      remove(key);
      const bytes = Buffer.byteLength(JSON.stringify(value) ?? 'null') + key.length + 64;
      if (bytes > maxBytes / 4) return;
      entries.set(key, { value, bytes, failingSince: null });
      total += bytes;
      for (const oldest of entries.keys()) {
        if (total <= maxBytes) break;
        remove(oldest);
      }
    },
    get bytes() {
      return total;
    },
    get size() {
      return entries.size;
    },
  };
}

/** The site a fresh-cache key is about (its second part), '' for the site list, null for keys of no one site. */
function siteOfKey(key: string): string | null {
  const [kind, site] = key.split('\u0000');
  if (kind === 'sites') return '';
  return kind === 'remembered' || site === undefined ? null : site;
}

/** Sites whose last change time is kept; beyond it they are forgotten and everything counts as changed now. */
const MAX_CHANGED_SITES = 100_000;

export function createContentSource(options: ContentOptions, delivery: Delivery = createDelivery(options.cmsUrl)): ContentSource {
  const ttlMs = options.ttlMs ?? CONTENT_DEFAULTS.ttlMs;
  const retryMs = options.retryMs ?? CONTENT_DEFAULTS.retryMs;
  const staleMaxAgeMs = options.staleMaxAgeMs ?? CONTENT_DEFAULTS.staleMaxAgeMs;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const entries = new Map<string, { readonly expires: number; readonly value: Promise<unknown> }>();
  const derivedValues = new Map<string, { readonly expires: number; readonly value: unknown }>();
  const lastGood = createLastGood(options.staleMaxBytes ?? CONTENT_DEFAULTS.staleMaxBytes);
  let isCmsDown = false;
  /** From when loads are fresh again, per site ('' for the site list), and for everything. */
  const freshFrom = new Map<string, number>();
  let everythingFreshFrom = Number.NEGATIVE_INFINITY;
  const freshFromFor = (key: string) => {
    const site = siteOfKey(key);
    // Keys of no one site (plugins' remembered answers) change with any site.
    const bySite = site === null ? Math.max(Number.NEGATIVE_INFINITY, ...freshFrom.values()) : (freshFrom.get(site) ?? Number.NEGATIVE_INFINITY);
    return Math.max(everythingFreshFrom, bySite);
  };

  const onLookup = options.onLookup ?? (() => undefined);
  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = entries.get(key);
    if (hit && hit.expires > now()) {
      onLookup('hit');
      return hit.value as Promise<T>;
    }
    onLookup('miss');
    const startedAt = now();
    const value = load().then(
      (fresh) => {
        // Loaded before a change to its site settled: good for this reader, not kept for the next.
        if (startedAt < freshFromFor(key) && entries.get(key)?.value === value) entries.delete(key);
        // "Not found" is not worth keeping for an outage, and a flood of made-up slugs must not push real copies out.
        if (fresh !== null && !(Array.isArray(fresh) && fresh.length === 0)) lastGood.set(key, fresh);
        if (isCmsDown) log('CMS answers again; fresh content from now on');
        isCmsDown = false;
        return fresh;
      },
      (error: unknown) => {
        // None once the loads have failed for staleMaxAgeMs: the reader is told to try again.
        const stale = lastGood.standIn(key, now(), staleMaxAgeMs);
        if (!isCmsDown) log(`CMS_UNAVAILABLE: serving last good content while it fails: ${error instanceof Error ? error.message : String(error)}`);
        isCmsDown = true;
        if (!stale) throw error;
        onLookup('stale');
        // The copy stands in for a short while, so every hop does not wait on a CMS that is down.
        if (entries.get(key)?.value === value) entries.set(key, { expires: now() + retryMs, value: Promise.resolve(stale.value) });
        return stale.value as T;
      },
    );
    remember(entries, key, { expires: now() + ttlMs, value });
    // A failed load with no last good copy is not remembered: the next hop asks again.
    value.catch(() => entries.get(key)?.value === value && entries.delete(key));
    return value;
  }

  const addresses = z.object({ sites: z.array(z.object({ code: z.string(), channels: channelsSchema })) });
  const sites = () => cached('sites', async () => (await delivery(addresses, QUERIES.sites, {})).sites);
  const site = async (code: string): Promise<ChatSite | null> => {
    // Only codes the CMS listed are asked for or cached, so a made-up code costs nothing.
    if (!(await sites()).some((known) => known.code === code)) return null;
    return cached(`site\u0000${code}`, async () => (await delivery(z.object({ site: siteSchema.nullable() }), QUERIES.site, { code })).site);
  };

  const source: ContentSource = {
    site,
    async siteFor(channel, address) {
      const wanted = channel === 'ussd' ? normalizeServiceCode(address) : address.trim();
      const found = (await sites()).find((known) => {
        if (channel === 'ussd') return (known.channels.ussd?.serviceCodes ?? []).some((code) => normalizeServiceCode(code) === wanted);
        if (channel === 'sms') return known.channels.sms?.shortCode === wanted;
        return known.channels.whatsapp?.phoneNumberId === wanted;
      });
      return found ? site(found.code) : null;
    },
    home: (site, locale) =>
      cached(`home\u0000${site}\u0000${locale}`, async () => {
        const data = await delivery(z.object({ site: z.object({ navigation: z.array(link) }).nullable() }), QUERIES.home, { code: site, locale });
        return data.site?.navigation ?? [];
      }),
    section: (site, slug, locale) =>
      cached(`section\u0000${site}\u0000${slug}\u0000${locale}`, async () => {
        const data = await delivery(z.object({ site: z.object({ section: sectionSchema.nullable() }).nullable() }), QUERIES.section, { code: site, slug, locale });
        return data.site?.section ?? null;
      }),
    article: (site, slug, locale, channel) =>
      cached(`article\u0000${site}\u0000${slug}\u0000${locale}\u0000${channel}`, async () => {
        const data = await delivery(z.object({ site: z.object({ article: articleSchema.nullable() }).nullable() }), QUERIES.article, { code: site, slug, locale, channel });
        const article = data.site?.article;
        if (!article) return null;
        return {
          slug: article.slug,
          title: article.title,
          lead: article.lead,
          units: walkBlocks(article.body, options.mediaUrl),
          override: article.channelText,
          image: article.image ? { url: absoluteUrl(article.image.url, options.mediaUrl), alt: article.image.alt ?? '' } : null,
          locale: article.locale,
          isFallback: article.isFallback,
        };
      }),
    remembered: (key, load) => cached(`remembered\u0000${key}`, load),
    derived<T>(key: string, make: () => T): T {
      const hit = derivedValues.get(key);
      if (hit && hit.expires > now()) return hit.value as T;
      const value = make();
      remember(derivedValues, key, { expires: now() + ttlMs, value });
      return value;
    },
    invalidate(change, settleMs = 0) {
      // A load that starts at this very millisecond may read the old content: strictly after it is fresh.
      const from = now() + 1 + settleMs;
      derivedValues.clear();
      if (change === undefined || change.sites === 'all' || freshFrom.size + change.sites.length > MAX_CHANGED_SITES) {
        everythingFreshFrom = Math.max(from, ...freshFrom.values());
        freshFrom.clear();
        entries.clear();
        return;
      }
      for (const site of change.sites) freshFrom.set(site, from);
      if (reachesSite(change, null)) freshFrom.set('', from);
      for (const key of [...entries.keys()]) {
        const site = siteOfKey(key);
        if (site === null || (site === '' ? reachesSite(change, null) : change.sites.includes(site))) entries.delete(key);
      }
    },
  };
  return source;
}

/** Fresh entries at most; past it the oldest go (slugs in requests are outside input). */
const MAX_FRESH_ENTRIES = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  for (const oldest of map.keys()) {
    if (map.size < MAX_FRESH_ENTRIES) break;
    map.delete(oldest);
  }
  map.set(key, value);
}

function absoluteUrl(url: string, base: string): string {
  return /^https?:\/\//i.test(url) ? url : `${base.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
}
