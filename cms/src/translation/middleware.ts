// The document-service middleware behind translation status: it refuses a locale version
// no carrying site serves, keeps the stamps in step with every write, and, when one locale
// is published, writes its shared (non-localized) fields into the other locales' published
// versions, so a new image reaches every language without a republish per language.
import { isDeepStrictEqual } from 'node:util';
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { afterBatch, batchRead, defaultLocaleOf } from '../batch';
import { UID } from '../delivery/content-index';
import { readQuietly, writeQuietly } from '../quiet-write';
import { stringList } from '../roles/enforce';
import { localeRefusal, type SiteLocales } from './status';
import { fieldsOf, kindOf, syncStamps } from './stamps';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);
const siteRowSchema = z.object({ code: z.string(), locales: z.unknown(), publishedAt: z.unknown() });

/** Every site and the locales it serves (its published version, else its draft). */
export function siteLocales(strapi: Core.Strapi): Promise<SiteLocales[]> {
  return batchRead('translation:siteLocales', [UID.site], () => readSiteLocales(strapi));
}

async function readSiteLocales(strapi: Core.Strapi): Promise<SiteLocales[]> {
  const rows: unknown[] = await strapi.db.query(UID.site).findMany({ select: ['code', 'locales', 'publishedAt'] });
  const byCode = new Map<string, SiteLocales>();
  for (const row of rows) {
    const site = siteRowSchema.safeParse(row);
    if (!site.success) continue;
    const isPublished = site.data.publishedAt !== null && site.data.publishedAt !== undefined;
    if (isPublished || !byCode.has(site.data.code)) byCode.set(site.data.code, { code: site.data.code, locales: stringList(site.data.locales) });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const label = (uid: string, slug: unknown) => {
  const kind = kindOf(uid) ?? 'document';
  const name = `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
  return typeof slug === 'string' && slug !== '' ? `${name} "${slug}"` : `This ${kind}`;
};

/** Refuses creating a locale version that no site carrying the document serves. */
async function checkNewLocale(strapi: Core.Strapi, uid: string, params: Record<string, unknown>): Promise<void> {
  const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;
  const sourceLocale = await defaultLocaleOf(strapi);
  const locale = typeof params.locale === 'string' ? params.locale : sourceLocale;
  if (locale === sourceLocale || locale === '*') return;
  let existing: Record<string, unknown> = {};
  if (documentId !== undefined) {
    // Every version of the document: one read says whether the locale is new and what carries the document (a published version, else a draft).
    const versions = (await strapi.db.query(uid).findMany({ where: { documentId }, select: ['locale', 'slug', 'allSites', 'sites', 'publishedAt'] })).filter(isRecord);
    if (versions.some((version) => version.locale === locale)) return;
    const carrier = versions.find((version) => version.publishedAt !== null && version.publishedAt !== undefined) ?? versions[0];
    if (carrier === undefined) return; // Strapi answers "not found" itself.
    existing = carrier;
  }
  const data = isRecord(params.data) ? params.data : {};
  const carriage = {
    allSites: 'allSites' in data ? data.allSites === true : existing.allSites === true,
    sites: stringList('sites' in data ? data.sites : existing.sites),
  };
  const refusal = localeRefusal(label(uid, data.slug ?? existing.slug), locale, carriage, await siteLocales(strapi), sourceLocale);
  if (refusal !== null) throw new errors.ValidationError(refusal, { errors: [{ path: ['locale'], message: refusal, name: 'ValidationError' }] });
}

const publishedRowSchema = z.object({ id: z.number(), locale: z.string() });
const timestampRows = z.array(z.object({ id: z.number(), updatedAt: z.unknown(), publishedAt: z.unknown() }));

/** The stored updatedAt of a document's other locale versions, as the database holds it. */
async function otherTimestamps(strapi: Core.Strapi, uid: string, documentId: string, locale: string) {
  return timestampRows.parse(await readQuietly(strapi, uid, { documentId }, { locale }, ['updatedAt', 'publishedAt']));
}

/** Whether a status the other locales show hangs on their updatedAt: only a published version makes a draft "Modified". */
const hasPublished = (saved: z.infer<typeof timestampRows>) => saved.some((row) => row.publishedAt !== null && row.publishedAt !== undefined);

/**
 * Puts back the updatedAt of the other locales' versions. Copying shared fields into them
 * (Strapi's i18n does it for drafts on save, spreadSharedFields for published versions) goes
 * through the database layer, which stamps every update "now" and so would turn a published
 * locale "Modified"; written quietly, the stored value is left exactly as it was.
 */
async function restoreTimestamps(strapi: Core.Strapi, uid: string, saved: z.infer<typeof timestampRows>): Promise<void> {
  await writeQuietly(strapi, uid, saved.map((row) => ({ id: row.id, values: { updatedAt: row.updatedAt } })));
}

/**
 * After `locale` is published: its published shared fields are copied into the other
 * locales' published versions (their drafts already have them: Strapi's i18n copies shared
 * fields between drafts on save).
 */
async function spreadSharedFields(strapi: Core.Strapi, uid: string, documentId: string, locale: string): Promise<void> {
  const { shared } = fieldsOf(strapi, uid);
  const model: unknown = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]);
  const attributes = isRecord(model) && isRecord(model.attributes) ? model.attributes : {};
  const media = shared.filter((name) => isRecord(attributes[name]) && attributes[name].type === 'media');
  const copied = shared.filter((name) => {
    const attribute = attributes[name];
    return isRecord(attribute) && attribute.type !== 'component' && attribute.type !== 'relation' && attribute.type !== 'dynamiczone';
  });
  // Every published version of the document, with the shared fields: the one just published and the others.
  const rows: unknown[] = await strapi.db.query(uid).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['id', 'locale', ...copied.filter((name) => !media.includes(name))],
    populate: Object.fromEntries(media.filter((name) => copied.includes(name)).map((name) => [name, { select: ['id'] }])),
  });
  const sharedOf = (row: Record<string, unknown>) =>
    Object.fromEntries(copied.map((name) => [name, media.includes(name) ? (isRecord(row[name]) ? row[name].id : null) : (row[name] ?? null)]));
  const published = rows.filter(isRecord).find((row) => row.locale === locale);
  if (published === undefined) return;
  const data = sharedOf(published);
  const others = z.array(publishedRowSchema.passthrough()).parse(rows.filter((row) => isRecord(row) && row.locale !== locale));
  for (const other of others) {
    // Written only where a value differs: an import publishing every language from one row's values writes nothing here.
    if (isDeepStrictEqual(sharedOf(other), data)) continue;
    await strapi.db.query(uid).update({ where: { id: other.id }, data });
  }
}

export function registerTranslationRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (kindOf(uid) === undefined || !WRITES.has(action)) return next();
    const params: Record<string, unknown> = isRecord(context.params) ? context.params : {};
    if (action === 'create' || action === 'update') await checkNewLocale(strapi, uid, params);
    const locale = params.locale === undefined ? await defaultLocaleOf(strapi) : params.locale;
    const isOneLocale = typeof locale === 'string' && locale !== '*';
    const known = typeof params.documentId === 'string' ? params.documentId : undefined;
    // Saving or publishing one locale must leave the others' status (Published, Modified) as it was.
    const saved = known !== undefined && isOneLocale && (action === 'update' || action === 'publish') ? await otherTimestamps(strapi, uid, known, locale) : null;
    const result = await next();
    const documentId = known ?? (isRecord(result) && typeof result.documentId === 'string' ? result.documentId : undefined);
    if (documentId === undefined) return result;
    // REST and the seed publish through create/update with status "published", which skips the publish action.
    const isPublish = action === 'publish' || ((action === 'create' || action === 'update') && params.status === 'published');
    // A created document has no other language to spread into.
    if (isPublish && isOneLocale && action !== 'create') await spreadSharedFields(strapi, uid, documentId, locale);
    if (saved !== null && hasPublished(saved)) await restoreTimestamps(strapi, uid, saved);
    await afterBatch(`translation:stamps:${uid}`, documentId, (ids) => syncStamps(strapi, uid, ids));
    return result;
  });
}
