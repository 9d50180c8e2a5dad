// What the gateways know about content, and the only place they ask for it: the delivery
// GraphQL API, through a cache that answers a USSD hop in microseconds. Entries live five
// minutes and go at once when the CMS posts a notice to /_baobab/invalidate.
import { createDelivery, type Delivery } from '@baobab/kit/delivery';
import { z } from 'zod';
import { walkBlocks } from './blocks';
import type { Channel } from './channels';
import type { ArticleContent } from './render/types';

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
  sites: '{ sites { code name defaultLocale locales { code name } channels } }',
  home: 'query Home($code: String!, $locale: String) { site(code: $code) { navigation(locale: $locale) { slug title } } }',
  section: `query Section($code: String!, $locale: String, $slug: String!) { site(code: $code) {
    section(slug: $slug, locale: $locale) { slug title locale isFallback children { slug title } articles(first: 50) { nodes { slug title } } } } }`,
  article: `query Article($code: String!, $locale: String, $slug: String!, $channel: String!) { site(code: $code) {
    article(slug: $slug, locale: $locale) { slug title lead body locale isFallback image { url(width: 640) alt } channelText(channel: $channel) } } }`,
} as const;

export interface ContentSource {
  sites(): Promise<ChatSite[]>;
  site(code: string): Promise<ChatSite | null>;
  /** The site a provider address belongs to: a USSD service code, SMS short code, WhatsApp phone-number id. */
  siteFor(channel: 'ussd' | 'sms' | 'whatsapp', address: string): Promise<ChatSite | null>;
  home(site: string, locale: string): Promise<Link[]>;
  section(site: string, slug: string, locale: string): Promise<ChatSection | null>;
  article(site: string, slug: string, locale: string, channel: Channel): Promise<ChatArticle | null>;
  /** Memoises anything derived from content (rendered screens) until the next invalidation. */
  derived<T>(key: string, make: () => T): T;
  invalidate(): number;
}

export interface ContentOptions {
  readonly cmsUrl: string;
  /** Where `/uploads/…` image URLs point: the CMS's public URL. */
  readonly mediaUrl: string;
  readonly ttlMs?: number;
}

/** Normalises a service code so `*384*100#` matches however a provider spells it. */
export const normalizeServiceCode = (code: string) => code.replace(/\s+/g, '').toLowerCase();

export function createContentSource(options: ContentOptions, delivery: Delivery = createDelivery(options.cmsUrl)): ContentSource {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const entries = new Map<string, { readonly expires: number; readonly value: Promise<unknown> }>();
  const derivedValues = new Map<string, { readonly expires: number; readonly value: unknown }>();

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) return hit.value as Promise<T>;
    const value = load();
    entries.set(key, { expires: Date.now() + ttlMs, value });
    // A failed load is not remembered: the next hop asks again.
    value.catch(() => entries.get(key)?.value === value && entries.delete(key));
    return value;
  }

  const sites = () => cached('sites', async () => (await delivery(z.object({ sites: z.array(siteSchema) }), QUERIES.sites, {})).sites);

  const source: ContentSource = {
    sites,
    async site(code) {
      return (await sites()).find((site) => site.code === code) ?? null;
    },
    async siteFor(channel, address) {
      const wanted = channel === 'ussd' ? normalizeServiceCode(address) : address.trim();
      return (
        (await sites()).find((site) => {
          if (channel === 'ussd') return (site.channels.ussd?.serviceCodes ?? []).some((code) => normalizeServiceCode(code) === wanted);
          if (channel === 'sms') return site.channels.sms?.shortCode === wanted;
          return site.channels.whatsapp?.phoneNumberId === wanted;
        }) ?? null
      );
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
    derived<T>(key: string, make: () => T): T {
      const hit = derivedValues.get(key);
      if (hit && hit.expires > Date.now()) return hit.value as T;
      const value = make();
      derivedValues.set(key, { expires: Date.now() + ttlMs, value });
      return value;
    },
    invalidate() {
      const count = entries.size + derivedValues.size;
      entries.clear();
      derivedValues.clear();
      return count;
    },
  };
  return source;
}

function absoluteUrl(url: string, base: string): string {
  return /^https?:\/\//i.test(url) ? url : `${base.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;
}
