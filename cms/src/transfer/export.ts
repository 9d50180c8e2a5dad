// Export: every version (document and locale) in scope as a row, its latest text (the
// draft), whether readers see it (status), and the source language's text beside it.
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { BlocksError } from './markdown';
import { fallbackChain } from '@baobab/locales';
import { COLUMNS, exportColumns, keyField, rowOf, TYPE_ORDER, TYPES, type RowStatus, type TransferType } from './rows';
import { defaultLocaleOf } from '../batch';

export interface TransferScope {
  readonly site?: string | undefined;
  readonly locale?: string | undefined;
  readonly type?: TransferType | undefined;
}

type Stored = Record<string, unknown>;
const publishedSchema = z.array(z.object({ documentId: z.string(), locale: z.string().nullish(), updatedAt: z.union([z.string(), z.number(), z.date()]).nullish() }));
const time = (value: unknown) => new Date(typeof value === 'string' || typeof value === 'number' || value instanceof Date ? value : 0).getTime();

/** A stored version whose text a row cannot carry (a body block Markdown has no form for). */
export class UnexportableError extends Error {}

/** `documentId@locale` (a site's versions have no locale). */
export const versionKey = (documentId: unknown, locale: unknown) => `${String(documentId)}@${typeof locale === 'string' ? locale : ''}`;

/** Whether `site` carries a stored version (every site when none is named); a site carries itself. */
export function carries(stored: Stored, site: string | undefined): boolean {
  if (typeof stored.code === 'string') return site === undefined || stored.code === site;
  if (site === undefined || stored.allSites === true || stored.allSites === 1) return true;
  return Array.isArray(stored.sites) && stored.sites.includes(site);
}

export const populateOf = (type: TransferType) =>
  type === 'article' ? { channelOverrides: true, image: true } : type === 'banner' ? { image: true } : type === 'site' ? { variables: true } : {};

/** Every draft of a type, with what its row shows. */
export async function draftsOf(strapi: Core.Strapi, type: TransferType): Promise<Stored[]> {
  const rows: unknown[] = await strapi.db.query(TYPES[type]).findMany({ where: { publishedAt: null }, populate: populateOf(type) });
  return rows.filter(isRecord);
}

/** Values per `$in` of one query: far below SQLite's and PostgreSQL's bound-parameter limits. */
export const IN_CHUNK = 500;

/** `list` in slices of `size`. */
export function chunks<T>(list: readonly T[], size = IN_CHUNK): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < list.length; start += size) slices.push(list.slice(start, start + size));
  return slices;
}

/**
 * published, draft (never published) or modified (a draft saved after the published version), per
 * `documentId@locale`. `ofDocuments` reads those documents' published versions rather than all.
 */
export async function statusesOf(strapi: Core.Strapi, type: TransferType, drafts: readonly Stored[], ofDocuments?: readonly string[]): Promise<Map<string, RowStatus>> {
  const wheres = ofDocuments === undefined ? [{}] : chunks(ofDocuments).map((ids) => ({ documentId: { $in: ids } }));
  const published: z.infer<typeof publishedSchema> = [];
  for (const only of wheres) {
    const rows: unknown = await strapi.db.query(TYPES[type]).findMany({ where: { publishedAt: { $notNull: true }, ...only }, select: ['documentId', 'locale', 'updatedAt'] });
    published.push(...publishedSchema.parse(rows));
  }
  const publishedAt = new Map(published.map((row) => [versionKey(row.documentId, row.locale), time(row.updatedAt)]));
  const statuses = new Map<string, RowStatus>();
  for (const draft of drafts) {
    const key = versionKey(draft.documentId, draft.locale);
    const at = publishedAt.get(key);
    statuses.set(key, at === undefined ? 'draft' : time(draft.updatedAt) > at ? 'modified' : 'published');
  }
  return statuses;
}

/** The rows in scope, in a stable order: type (sections first), slug, the source locale first, then locale. */
export async function exportRows(strapi: Core.Strapi, scope: TransferScope): Promise<{ columns: string[]; rows: Array<Record<string, string>> }> {
  const sourceLocale = await defaultLocaleOf(strapi);
  // Sites have no locale: a file for one locale is content only.
  const types = TYPE_ORDER.filter((type) => (scope.type === undefined ? type !== 'site' || scope.locale === undefined : type === scope.type));
  const rows: Array<Record<string, string>> = [];
  for (const type of types) {
    const drafts = await draftsOf(strapi, type);
    const statuses = await statusesOf(strapi, type, drafts);
    const sources = new Map(drafts.filter((draft) => draft.locale === sourceLocale).map((draft) => [draft.documentId, draft]));
    const chosen =
      scope.site !== undefined && scope.locale !== undefined && type !== 'site'
        ? readersVersions(drafts.filter((draft) => carries(draft, scope.site)), scope.locale, sourceLocale)
        : drafts.filter((draft) => carries(draft, scope.site) && (scope.locale === undefined || draft.locale === scope.locale));
    for (const draft of chosen.sort((a, b) => compare(a, b, type, sourceLocale))) {
      const status = draft[MISSING] === true ? 'missing' : (statuses.get(versionKey(draft.documentId, draft.locale)) ?? 'draft');
      const source = draft.locale === sourceLocale ? null : (sources.get(draft.documentId) ?? null);
      try {
        rows.push(rowOf(type, draft, status, source));
      } catch (error) {
        if (!(error instanceof BlocksError)) throw error;
        throw new UnexportableError(
          `The ${type} "${String(draft[keyField(type)])}" (${String(draft.locale)}) has text a spreadsheet cannot carry (${error.message}); change it in the admin, or export without it.`,
        );
      }
    }
  }
  return { columns: exportColumns(types), rows };
}

const MISSING = '__untranslated';
const language = (code: unknown) => String(code).split('-')[0];

/**
 * One site's content in one language, as a translator needs it: per document, the version that
 * language's readers get (the first of the locale's fallback chain the document has, sw-KE then
 * sw), while it is in that language; else a row to translate, in that locale, its own cells
 * empty and the source text beside it (status "missing"; an import leaves it alone while empty).
 */
function readersVersions(drafts: readonly Stored[], locale: string, sourceLocale: string): Stored[] {
  const byDocument = new Map<unknown, Stored[]>();
  for (const draft of drafts) byDocument.set(draft.documentId, [...(byDocument.get(draft.documentId) ?? []), draft]);
  const chain = fallbackChain(locale);
  return [...byDocument.values()].flatMap((versions) => {
    const served = chain.map((code) => versions.find((version) => version.locale === code)).find((version) => version !== undefined);
    if (served !== undefined && language(served.locale) === language(locale)) return [served];
    const base = versions.find((version) => version.locale === sourceLocale) ?? versions[0];
    if (base === undefined) return [];
    const blank = Object.fromEntries(COLUMNS.filter((column) => column.localized).map((column) => [column.field, null]));
    return [{ ...base, ...blank, locale, [MISSING]: true }];
  });
}

function compare(a: Stored, b: Stored, type: TransferType, sourceLocale: string): number {
  const slug = String(a[keyField(type)]).localeCompare(String(b[keyField(type)]));
  if (slug !== 0) return slug;
  if (a.locale === sourceLocale) return -1;
  if (b.locale === sourceLocale) return 1;
  return String(a.locale).localeCompare(String(b.locale));
}
