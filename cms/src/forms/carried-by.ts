// "Carried by site X" in the content manager's Article, Page and Banner lists. The list view
// flattens its URL's plugins[baobab][carriedBy] into a `carriedBy` query parameter, which the
// content manager hands to the document service untouched; this middleware turns it into a
// filter on the documents that site carries (its own and every-site ones).
import { isPlainObject, isSlug } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { UID } from '../delivery/content-index';
import { carries } from '../delivery/rules';

const FILTERABLE: ReadonlySet<string> = new Set([UID.article, UID.page, UID.banner]);
const READS: ReadonlySet<string> = new Set(['findMany', 'count']);

const carriageRows = z.array(z.object({ documentId: z.string(), allSites: z.boolean().nullish(), sites: z.unknown() }));

/** The ids of the documents any row of which says the site carries it. */
export function carriedDocumentIds(rows: z.infer<typeof carriageRows>, code: string): string[] {
  const ids = new Set<string>();
  for (const row of rows) {
    const sites = Array.isArray(row.sites) ? row.sites.filter((site): site is string => typeof site === 'string') : [];
    if (carries({ code }, { allSites: row.allSites === true, sites })) ids.add(row.documentId);
  }
  return [...ids].sort();
}

export function registerCarriedByFilter(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const params: unknown = context.params;
    if (!FILTERABLE.has(context.uid) || !READS.has(context.action) || !isPlainObject(params) || !('carriedBy' in params)) return next();
    const { carriedBy, ...rest } = params;
    const code = typeof carriedBy === 'string' && isSlug(carriedBy) ? carriedBy : '';
    const rows = carriageRows.parse(await strapi.db.query(context.uid).findMany({ select: ['documentId', 'allSites', 'sites'] }));
    const narrowed = { documentId: { $in: code === '' ? [] : carriedDocumentIds(rows, code) } };
    const filters = isPlainObject(rest.filters) ? { $and: [rest.filters, narrowed] } : narrowed;
    // The document service's filter type cannot describe the filters it was given; they pass through as they came.
    Object.assign(context, { params: { ...rest, filters } });
    return next();
  });
}
