// An in-memory index of everything published that delivery selects on: sites, sections,
// pages, banners and the light fields of articles (no bodies). Loading it costs a fixed
// handful of queries whatever the content size, so no delivery query has N+1 reads;
// article bodies and images are fetched per request in one batch (see loaders.ts).
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { normalizeHost, DocumentSet } from './rules';
import {
  articleSchema,
  bannerSchema,
  pageSchema,
  sectionSchema,
  siteSchema,
  type ArticleRow,
  type BannerRow,
  type PageRow,
  type SectionRow,
  type SiteRecord,
} from './records';

export const UID = {
  site: 'api::site.site',
  section: 'api::section.section',
  article: 'api::article.article',
  page: 'api::page.page',
  banner: 'api::banner.banner',
} as const;

export interface ContentIndex {
  readonly sites: readonly SiteRecord[];
  readonly sitesByHost: ReadonlyMap<string, SiteRecord>;
  readonly sitesByCode: ReadonlyMap<string, SiteRecord>;
  readonly sections: DocumentSet<SectionRow>;
  readonly articles: DocumentSet<ArticleRow>;
  readonly pages: DocumentSet<PageRow>;
  readonly banners: DocumentSet<BannerRow>;
  /** The next instant at which a publish or featured window opens or closes, or null. */
  readonly nextBoundary: number | null;
  /** The instant it was loaded for: windows up to it are reflected. */
  readonly loadedAt: number;
}

const published = { publishedAt: { $notNull: true } };

/** The light fields of an article the index holds (and a preview reads from a draft). */
export const articleIndexFields = [
  'id', 'documentId', 'locale', 'slug', 'title', 'lead', 'section', 'tags', 'sites', 'allSites',
  'goLiveAt', 'expireAt', 'featuredFrom', 'featuredUntil', 'createdAt', 'publishedAt', 'updatedAt',
] as const;

export async function loadContentIndex(strapi: Core.Strapi, now: number): Promise<ContentIndex> {
  const parseRows = <T>(schema: z.ZodType<T>, rows: unknown[], what: string): T[] =>
    rows.flatMap((row, index) => {
      const parsed = schema.safeParse(row);
      if (parsed.success) return [parsed.data];
      // A malformed row must not take every site down: skip it and say which.
      const issue = parsed.error.issues[0];
      strapi.log.warn(`delivery: skipping ${what} row ${index}: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`);
      return [];
    });
  const [siteRows, sectionRows, articleRows, pageRows, bannerRows] = await Promise.all([
    strapi.db.query(UID.site).findMany({ where: published, populate: { variables: true } }),
    strapi.db.query(UID.section).findMany({ where: published }),
    strapi.db.query(UID.article).findMany({
      where: published,
      select: [...articleIndexFields],
    }),
    strapi.db.query(UID.page).findMany({ where: published }),
    strapi.db.query(UID.banner).findMany({ where: published, populate: { image: true } }),
  ]);
  const sites = parseRows(siteSchema, siteRows, 'site');
  const articles = parseRows(articleSchema, articleRows, 'article');
  const banners = parseRows(bannerSchema, bannerRows, 'banner');
  const sitesByHost = new Map<string, SiteRecord>();
  for (const site of sites) {
    for (const host of site.hostnames) {
      const normalized = normalizeHost(host);
      if (normalized !== null && !sitesByHost.has(normalized)) sitesByHost.set(normalized, site);
    }
  }
  return {
    sites,
    sitesByHost,
    sitesByCode: new Map(sites.map((site) => [site.code, site])),
    sections: new DocumentSet(parseRows(sectionSchema, sectionRows, 'section')),
    articles: new DocumentSet(articles),
    pages: new DocumentSet(parseRows(pageSchema, pageRows, 'page')),
    banners: new DocumentSet(banners),
    nextBoundary: nextBoundary([...articles, ...banners], now),
    loadedAt: now,
  };
}

function nextBoundary(rows: ReadonlyArray<Partial<Record<'goLiveAt' | 'expireAt' | 'featuredFrom' | 'featuredUntil', number | null>>>, now: number): number | null {
  let next: number | null = null;
  for (const row of rows) {
    for (const time of [row.goLiveAt, row.expireAt, row.featuredFrom, row.featuredUntil]) {
      if (typeof time === 'number' && time > now && (next === null || time < next)) next = time;
    }
  }
  return next;
}
