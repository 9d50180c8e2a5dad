// The stamps behind translation status: after every write of a localized document, each
// locale version's localized text is hashed; a version whose hash changed gets a new stamp
// (a translation's also records the source hash it now matches). Stored in the internal
// translation-stamp type, which no editor form, REST route or GraphQL type shows.
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { defaultLocaleOf } from '../batch';
import { UID } from '../delivery/content-index';
import { contentHash, translationStatus, type Stamp, type Status } from './status';

export const STAMP_UID = 'api::translation-stamp.translation-stamp';

/** The localized types, by the name editors see. */
export const translatedKinds = { article: UID.article, page: UID.page, banner: UID.banner, section: UID.section } as const;
export type TranslatedKind = keyof typeof translatedKinds;
export const kindNames = Object.keys(translatedKinds) as TranslatedKind[];
export const kindOf = (uid: string): TranslatedKind | undefined => kindNames.find((kind) => translatedKinds[kind] === uid);

/** Localized fields the CMS derives itself: not text a translator writes. */
const DERIVED = new Set(['searchText']);

type AnyUid = Parameters<Core.Strapi['getModel']>[0];

interface Fields {
  readonly localized: string[];
  readonly components: string[];
  readonly shared: string[];
}

/** A type's localized fields (text a translator writes) and shared ones. */
export function fieldsOf(strapi: Core.Strapi, uid: string): Fields {
  const model: unknown = strapi.getModel(uid as AnyUid);
  const attributes = isRecord(model) && isRecord(model.attributes) ? model.attributes : {};
  const localized: string[] = [];
  const components: string[] = [];
  const shared: string[] = [];
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!isRecord(attribute) || !isRecord(attribute.pluginOptions) || !isRecord(attribute.pluginOptions.i18n)) continue;
    if (attribute.pluginOptions.i18n.localized === true) {
      if (DERIVED.has(name)) continue;
      localized.push(name);
      if (attribute.type === 'component') components.push(name);
    } else shared.push(name);
  }
  return { localized, components, shared };
}

const versionSchema = z.object({ documentId: z.string(), locale: z.string() }).passthrough();
const stampRowSchema = z.object({
  id: z.number(),
  document: z.string(),
  language: z.string(),
  contentHash: z.string(),
  sourceHash: z.string().nullish(),
  changedAt: z.union([z.string(), z.date()]).transform((value) => new Date(value).toISOString()),
});
type StampRow = z.infer<typeof stampRowSchema>;

/** The drafts (the text being worked on) of some documents, every locale. */
async function drafts(strapi: Core.Strapi, uid: string, documentIds: readonly string[] | null) {
  const { components } = fieldsOf(strapi, uid);
  const rows: unknown[] = await strapi.db.query(uid).findMany({
    where: { publishedAt: null, ...(documentIds === null ? {} : { documentId: { $in: [...documentIds] } }) },
    populate: Object.fromEntries(components.map((name) => [name, true])),
  });
  return rows.flatMap((row) => {
    const parsed = versionSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

async function stampRows(strapi: Core.Strapi, uid: string, documentIds: readonly string[] | null): Promise<StampRow[]> {
  const rows: unknown[] = await strapi.db.query(STAMP_UID).findMany({
    where: { contentType: uid, ...(documentIds === null ? {} : { document: { $in: [...documentIds] } }) },
  });
  return rows.flatMap((row) => {
    const parsed = stampRowSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

const key = (documentId: string, locale: string) => `${documentId}\u0000${locale}`;

/**
 * Brings the stamps of some documents (all when null) in line with their drafts: a new or
 * changed text gets a new stamp; a translation's records the source hash of that moment;
 * stamps of deleted versions go. A version first seen here counts as translated from the
 * current source, so content that predates stamps starts up to date.
 */
export async function syncStamps(strapi: Core.Strapi, uid: string, documentIds: readonly string[] | null): Promise<void> {
  const { localized } = fieldsOf(strapi, uid);
  const sourceLocale = await defaultLocaleOf(strapi);
  const versions = await drafts(strapi, uid, documentIds);
  const stamps = new Map((await stampRows(strapi, uid, documentIds)).map((row) => [key(row.document, row.language), row]));
  const now = new Date().toISOString();
  const sourceHashes = new Map<string, string>();
  for (const version of versions) if (version.locale === sourceLocale) sourceHashes.set(version.documentId, contentHash(version, localized));
  const seen = new Set<string>();
  const created: Array<Record<string, unknown>> = [];
  // Sources first, so a translation saved in the same write compares with the new source.
  const ordered = [...versions].sort((a, b) => Number(b.locale === sourceLocale) - Number(a.locale === sourceLocale));
  for (const version of ordered) {
    const id = key(version.documentId, version.locale);
    seen.add(id);
    const hash = contentHash(version, localized);
    const stored = stamps.get(id);
    if (stored?.contentHash === hash) continue;
    const sourceHash = version.locale === sourceLocale ? hash : (sourceHashes.get(version.documentId) ?? null);
    const data = { contentHash: hash, sourceHash, changedAt: now };
    if (stored) await strapi.db.query(STAMP_UID).update({ where: { id: stored.id }, data });
    else created.push({ ...data, contentType: uid, document: version.documentId, language: version.locale });
  }
  // New stamps in one insert (an import stamps hundreds of documents at its end).
  if (created.length > 0) await strapi.db.query(STAMP_UID).createMany({ data: created });
  const gone = [...stamps.entries()].filter(([id]) => !seen.has(id)).map(([, row]) => row.id);
  if (gone.length > 0) await strapi.db.query(STAMP_UID).deleteMany({ where: { id: { $in: gone } } });
}

/** Stamps a translation as matching the current source text, leaving its text alone. */
export async function markUpToDate(strapi: Core.Strapi, uid: string, documentId: string, locale: string): Promise<void> {
  await syncStamps(strapi, uid, [documentId]);
  const sourceLocale = await defaultLocaleOf(strapi);
  const rows = await stampRows(strapi, uid, [documentId]);
  const source = rows.find((row) => row.language === sourceLocale);
  const version = rows.find((row) => row.language === locale);
  if (!source || !version) return;
  await strapi.db.query(STAMP_UID).update({ where: { id: version.id }, data: { sourceHash: source.contentHash } });
}

const asStamp = (row: StampRow | undefined): Stamp | undefined =>
  row ? { contentHash: row.contentHash, sourceHash: row.sourceHash ?? null, changedAt: row.changedAt } : undefined;

export interface DocumentVersions {
  readonly documentId: string;
  /** Locale → the version's draft. */
  readonly versions: ReadonlyMap<string, Record<string, unknown>>;
  /** Locale → its status (for the locales asked about). */
  status(locale: string): Status;
}

/** Every document of a type with its drafts per locale and their statuses. */
export async function documentsOf(strapi: Core.Strapi, uid: string, documentIds: readonly string[] | null): Promise<DocumentVersions[]> {
  const sourceLocale = await defaultLocaleOf(strapi);
  const versions = await drafts(strapi, uid, documentIds);
  const stamps = new Map((await stampRows(strapi, uid, documentIds)).map((row) => [key(row.document, row.language), row]));
  const byDocument = new Map<string, Map<string, Record<string, unknown>>>();
  for (const version of versions) {
    const locales = byDocument.get(version.documentId) ?? new Map<string, Record<string, unknown>>();
    locales.set(version.locale, version);
    byDocument.set(version.documentId, locales);
  }
  return [...byDocument.entries()].map(([documentId, locales]) => ({
    documentId,
    versions: locales,
    status: (locale: string) =>
      translationStatus(locale, sourceLocale, asStamp(stamps.get(key(documentId, locale))), asStamp(stamps.get(key(documentId, sourceLocale))), locales.has(locale)),
  }));
}
