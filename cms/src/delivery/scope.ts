// What a change reaches: the one place that knows which cached answers depend on what.
//
// Answers are tagged while they are computed (schema.ts calls the `depend…` helpers):
//   site:<code>          the site record (name, locales, theme, variables…): every answer about the site
//   sites                the list of sites, or a host or code no site has (a new site may claim it)
//   doc:<documentId>     a document read by slug (an article page, a section page, a page)
//   list:<code>@<locale> a listing of the site in that locale (navigation, articles, search, banners,
//                        pages), one tag per locale of the request's fallback chain
// A change to a document reaches its own tag and the listings of every site that carried
// it before or carries it now, in its locales; a change to a site reaches that site only.
// Front ends scope by site (ContentChange.sites): a page shows one site's content.
import { SITES_TAG, type ChangeScope } from '@baobab/kit/changes';
import { z } from 'zod';
import { UID, type ContentIndex } from './content-index';
import type { LocalizedRow } from './records';

export const siteTag = (code: string) => `site:${code}`;
export const docTag = (documentId: string) => `doc:${documentId}`;
export const listTag = (code: string, locale: string) => `list:${code}@${locale}`;
export { SITES_TAG, type ChangeScope };

export const EVERYTHING: ChangeScope = { sites: 'all', tags: 'all' };

/** The content types whose documents sites carry and list (everything the index holds but sites). */
const CARRIED = new Set<string>([UID.article, UID.section, UID.page, UID.banner]);

/** Listings of every site in `locale`: what a document carried by all sites reaches (expanded by each replica against its own tags). */
export const everySiteListTag = (locale: string) => listTag('*', locale);
/** The locale of a tag made by everySiteListTag, else null. */
export const everySiteListLocale = (tag: string): string | null => (tag.startsWith('list:*@') ? tag.slice('list:*@'.length) : null);

/** A document's published rows, read just before and just after a write. */
export const publishedRowSchema = z.object({
  documentId: z.string(),
  locale: z.string().nullish(),
  code: z.string().nullish(),
  allSites: z.boolean().nullish(),
  sites: z
    .unknown()
    .optional()
    .transform((value) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])),
});
export type PublishedRow = z.infer<typeof publishedRowSchema>;

/** Columns scopeOfWrite reads. */
export const publishedRowFields = (uid: string): string[] => (uid === UID.site ? ['documentId', 'code'] : ['documentId', 'locale', 'allSites', 'sites']);

/** Whether scopeOfWrite can scope writes of `uid`; any other watched type reaches everything. */
export const isScoped = (uid: string) => uid === UID.site || CARRIED.has(uid);

/**
 * The scope of a write to one document of `uid`, from its published rows before and after
 * it (read from the database on each side of the write, so it holds on every replica
 * whatever its index has loaded).
 */
export function scopeOfWrite(uid: string, documentIds: readonly string[], rows: readonly PublishedRow[]): ChangeScope {
  if (uid === UID.site) {
    const codes = [...new Set(rows.flatMap((row) => (row.code ? [row.code] : [])))];
    return { sites: codes, tags: [SITES_TAG, ...codes.map(siteTag)] };
  }
  if (!CARRIED.has(uid)) return EVERYTHING;
  return scopeOfRows(documentIds, rows.map((row) => ({ allSites: row.allSites === true, sites: row.sites, locale: row.locale ?? '' })));
}

/** The scope of documents changing (a write, or a publish window opening or closing), from their rows. */
export function scopeOfRows(documentIds: readonly string[], rows: ReadonlyArray<Pick<LocalizedRow, 'allSites' | 'sites' | 'locale'>>): ChangeScope {
  const isEverySite = rows.some((row) => row.allSites);
  const sites = [...new Set(rows.flatMap((row) => row.sites))];
  const locales = [...new Set(rows.map((row) => row.locale).filter((locale) => locale !== ''))];
  const tags = new Set(documentIds.map(docTag));
  for (const locale of locales) {
    if (isEverySite) tags.add(everySiteListTag(locale));
    else for (const site of sites) tags.add(listTag(site, locale));
  }
  return { sites: isEverySite ? 'all' : sites, tags: [...tags] };
}

/** The rows of the index whose publish or featured window opens or closes in (after, until]. */
export function rowsCrossing(index: ContentIndex, after: number, until: number) {
  const crosses = (time: number | null) => time !== null && time > after && time <= until;
  const articles = index.articles.rows().filter((row) => [row.goLiveAt, row.expireAt, row.featuredFrom, row.featuredUntil].some(crosses));
  const banners = index.banners.rows().filter((row) => [row.goLiveAt, row.expireAt].some(crosses));
  return [...articles, ...banners];
}
