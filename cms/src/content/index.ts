// Rules applied to every write of Baobab content, whoever makes it (admin, REST, seed):
// validate before saving, keep the search text in step, and clear delivery caches.
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { afterBatch, batchRead, defaultLocaleOf } from '../batch';
import { UID } from '../delivery/content-index';
import { beforeWrite } from '../delivery/writes';
import { siteSchema, type SiteRecord } from '../delivery/records';
import { blocksText } from '../delivery/rules';
import { isChannel } from '@baobab/channels/limits';
import { channelOverrideProblems, overridesBrokenBySite, servingsOf, type StoredTranslation } from './channel-overrides';
import { registry } from '../registry';
import { pluginContentType } from '../plugins';
import { writeQuietly } from '../quiet-write';
import { registerCustomFields } from './custom-fields';
import { addListLabels, fieldLabel, type LabelledSchema } from './field-labels';
import { parseJsonFields } from './json-fields';
import { pathSegments } from './problems';
import { contentProblems, siteProblems, type FieldProblem } from './validation';

export const WRITES: ReadonlySet<string> = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft']);
type ContentKind = 'section' | 'article' | 'page' | 'banner';
const CONTENT_KIND: ReadonlyMap<string, ContentKind> = new Map([
  [UID.section, 'section'],
  [UID.article, 'article'],
  [UID.page, 'page'],
  [UID.banner, 'banner'],
]);

const stringField = (value: unknown, key: string): string | undefined =>
  isRecord(value) && typeof value[key] === 'string' ? value[key] : undefined;

const siteRows = z.array(z.object({ documentId: z.string(), code: z.string(), hostnames: z.unknown(), channels: z.unknown() }));
const slugRows = z.array(z.object({ documentId: z.string(), slug: z.string() }));
const textRows = z.array(
  z.object({ id: z.number(), title: z.string().nullish(), lead: z.string().nullish(), body: z.unknown(), searchText: z.string().nullish() }),
);

/** Names a problem's field as the edit view labels it (see field-labels.ts). */
type Labeller = (path: string) => string;

/** The labeller for a write of `uid` with `data`: labels from the content type's and its components' schemas. */
export function labellerFor(strapi: Core.Strapi, uid: string, data: Record<string, unknown>): Labeller {
  const schema: LabelledSchema | undefined = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  if (schema === undefined) return (path) => path;
  const components = (component: string): LabelledSchema | undefined => strapi.components[component as keyof typeof strapi.components];
  return (path) => fieldLabel(path, schema, components, data);
}

/**
 * Refuses the write as Strapi's ValidationError: `details.errors` puts each message beside its
 * field in the admin (and keeps the path for API clients); the message, which the admin shows
 * in its notice, names each field by its label.
 */
export function fail(problems: FieldProblem[], label: Labeller): never {
  throw new errors.ValidationError(problems.map((problem) => `${label(problem.path)}: ${problem.message}`).join(' '), {
    errors: problems.map((problem) => ({ path: pathSegments(problem.path), message: problem.message, name: 'ValidationError' })),
  });
}

/** The document's current draft (null for a new one), and the document as it will be after the write: the draft with the new data over it. */
export async function mergedData(strapi: Core.Strapi, uid: string, documentId: string | undefined, data: Record<string, unknown>) {
  if (documentId === undefined) return { current: null, merged: data };
  const current: unknown = await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null } });
  return isRecord(current) ? { current, merged: { ...current, ...data } } : { current: null, merged: data };
}

/** Every site as it serves readers: its published version, or its draft until it has one. */
function servingSites(strapi: Core.Strapi): Promise<SiteRecord[]> {
  return batchRead('content:servingSites', [UID.site], () => readServingSites(strapi));
}

async function readServingSites(strapi: Core.Strapi): Promise<SiteRecord[]> {
  const rows: unknown[] = await strapi.db.query(UID.site).findMany({ populate: { variables: true } });
  const byDocument = new Map<string, SiteRecord>();
  for (const row of rows) {
    const site = siteSchema.safeParse(row);
    if (!site.success) continue;
    const isPublished = isRecord(row) && row.publishedAt !== null && row.publishedAt !== undefined;
    if (isPublished || !byDocument.has(site.data.documentId)) byDocument.set(site.data.documentId, site.data);
  }
  return [...byDocument.values()];
}

/** The locale a write is in: the one it names, else Strapi's default locale (as the document service does). */
async function writeLocale(strapi: Core.Strapi, params: unknown): Promise<string> {
  return stringField(params, 'locale') ?? (await defaultLocaleOf(strapi));
}

/** The overrides a translation's draft holds now. */
async function storedOverrides(strapi: Core.Strapi, documentId: string, locale: string): Promise<unknown> {
  const stored: unknown = await strapi.db
    .query(UID.article)
    .findOne({ where: { documentId, locale, publishedAt: null }, populate: { channelOverrides: true } });
  return isRecord(stored) ? stored.channelOverrides : undefined;
}

/**
 * One translation's channel overrides as they will be saved (the stored ones when the write
 * leaves them alone, since a change of carriage can still break them), on every site that
 * carries the article. Overrides the write leaves as they were are checked only against the
 * sites and locales it adds, so a tags-only save never fails for an override a site change
 * made too long (the site's save refuses such changes; see siteOverrideProblems).
 */
async function overrideProblems(
  strapi: Core.Strapi,
  documentId: string | undefined,
  params: unknown,
  current: Record<string, unknown> | null,
  merged: Record<string, unknown>,
  data: Record<string, unknown>,
) {
  const locale = await writeLocale(strapi, params);
  const stored = documentId === undefined ? undefined : await storedOverrides(strapi, documentId, locale);
  const overrides = 'channelOverrides' in data || documentId === undefined ? data.channelOverrides : stored;
  if (!Array.isArray(overrides) || overrides.length === 0) return channelOverrideProblems(overrides, []);
  const sites = await servingSites(strapi);
  const before = current === null ? undefined : { overrides: stored, servings: servingsOf(sites, current, locale) };
  return channelOverrideProblems(overrides, servingsOf(sites, merged, locale), before);
}

const translationRows = z.array(
  z.object({
    slug: z.string(),
    locale: z.string(),
    allSites: z.boolean().nullish(),
    sites: z.unknown(),
    channelOverrides: z.array(z.object({ channel: z.string(), text: z.string().nullish() })).nullish(),
  }),
);

/** Every stored translation (draft and published) that has channel overrides. */
async function translationsWithOverrides(strapi: Core.Strapi): Promise<StoredTranslation[]> {
  const rows = translationRows.parse(
    await strapi.db.query(UID.article).findMany({ select: ['slug', 'locale', 'allSites', 'sites'], populate: { channelOverrides: true } }),
  );
  const seen = new Set<string>();
  const translations: StoredTranslation[] = [];
  for (const row of rows) {
    const overrides = (row.channelOverrides ?? []).flatMap(({ channel, text }) => (isChannel(channel) && typeof text === 'string' ? [{ channel, text }] : []));
    const key = JSON.stringify([row.slug, row.locale, row.allSites, row.sites, overrides]);
    if (overrides.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const sites = Array.isArray(row.sites) ? row.sites.filter((site): site is string => typeof site === 'string') : [];
    translations.push({ slug: row.slug, locale: row.locale, allSites: row.allSites === true, sites, overrides });
  }
  return translations.sort((a, b) => a.slug.localeCompare(b.slug) || a.locale.localeCompare(b.locale));
}

const variableRows = z.array(z.object({ key: z.string(), value: z.string(), locale: z.string().nullish() }).passthrough());
const MAX_REPORTED = 10;

/**
 * A site save that would push a carried article's channel override over its channel's limit
 * (a longer {{helpline}}, a new locale) is refused, naming the variable (or `locales`), the
 * article, the translation and by how much. Overrides already that far over stay quiet.
 */
async function siteOverrideProblems(strapi: Core.Strapi, documentId: string | undefined, data: Record<string, unknown>): Promise<FieldProblem[]> {
  const rows: unknown[] = documentId === undefined ? [] : await strapi.db.query(UID.site).findMany({ where: { documentId }, populate: { variables: true } });
  const draft = rows.find((row) => isRecord(row) && (row.publishedAt === null || row.publishedAt === undefined));
  const published = rows.find((row) => isRecord(row) && row.publishedAt !== null && row.publishedAt !== undefined);
  // Before: what article saves were checked against (the published site, else its draft). After: the draft with this write over it.
  const serving = published ?? draft;
  const before = serving === undefined ? null : siteSchema.safeParse(serving);
  const after = siteSchema.safeParse({
    id: 0,
    documentId: documentId ?? 'new-site',
    name: '',
    updatedAt: Date.now(),
    ...(isRecord(draft) ? draft : {}),
    ...data,
  });
  if (!after.success || (before !== null && !before.success)) return [];
  const broken = overridesBrokenBySite(before?.data ?? null, after.data, await translationsWithOverrides(strapi));
  if (broken.length === 0) return [];
  const submitted = variableRows.safeParse(data.variables);
  const previous = new Set((before?.data.variables ?? []).map((variable) => JSON.stringify([variable.key, variable.value, variable.locale ?? null])));
  const problems = broken.slice(0, MAX_REPORTED).map((override): FieldProblem => {
    const index = submitted.success
      ? submitted.data.findIndex(
          (variable) => override.variables.includes(variable.key) && !previous.has(JSON.stringify([variable.key, variable.value, variable.locale ?? null])),
        )
      : -1;
    if (index !== -1) return { path: `variables[${index}].value`, message: `With this value, ${override.message}` };
    if ('locales' in data) return { path: 'locales', message: `With these locales, ${override.message}` };
    return { path: 'variables', message: `With these variables, ${override.message}` };
  });
  if (broken.length > MAX_REPORTED) {
    problems.push({ path: problems[0]?.path ?? 'variables', message: `…and ${broken.length - MAX_REPORTED} more overrides.` });
  }
  return problems;
}

async function validateWrite(strapi: Core.Strapi, uid: string, params: unknown, data: Record<string, unknown>, label: Labeller) {
  const documentId = stringField(params, 'documentId');
  const { current, merged } = await mergedData(strapi, uid, documentId, data);
  const sites = await batchRead('content:sites', [UID.site], async () =>
    siteRows.parse(await strapi.db.query(UID.site).findMany({ select: ['documentId', 'code', 'hostnames', 'channels'] })),
  );
  if (uid === UID.site) {
    const others = sites
      .filter((site) => site.documentId !== documentId)
      .map((site) => ({ code: site.code, hostnames: Array.isArray(site.hostnames) ? site.hostnames.map(String) : [], channels: site.channels }));
    const themes = new Map(registry.themes.map((theme) => [theme.name, theme]));
    const problems = siteProblems(merged, others, themes, registry.plugins.map((plugin) => plugin.name));
    if (problems.length > 0) fail(problems, label);
    const broken = await siteOverrideProblems(strapi, documentId, data);
    if (broken.length > 0) fail(broken, label);
    return;
  }
  const kind = CONTENT_KIND.get(uid);
  if (!kind) return;
  const slug = typeof merged.slug === 'string' ? merged.slug : '';
  // A slug the document already has was checked when it was given: only a new one is looked up.
  const keepsSlug = isRecord(current) && current.slug === slug;
  const sameSlug = keepsSlug ? [] : slugRows.parse(await strapi.db.query(uid).findMany({ where: { slug }, select: ['documentId', 'slug'] }));
  const needsSections = kind === 'article' || kind === 'section';
  const sections = needsSections
    ? await batchRead('content:sections', [UID.section], async () => slugRows.parse(await strapi.db.query(UID.section).findMany({ select: ['documentId', 'slug'] })))
    : [];
  const problems = [
    ...contentProblems(kind, merged, {
      slugTaken: sameSlug.some((row) => row.documentId !== documentId),
      siteCodes: new Set(sites.map((site) => site.code)),
      sectionSlugs: new Set(sections.map((row) => row.slug)),
    }),
    ...(kind === 'article' ? await overrideProblems(strapi, documentId, params, current, merged, data) : []),
  ];
  if (problems.length > 0) fail(problems, label);
}

/** What search matches an article version by: its title, lead and body text, lower-cased. */
const searchTextOf = (row: { readonly title?: unknown; readonly lead?: unknown; readonly body?: unknown }) =>
  [typeof row.title === 'string' ? row.title : '', typeof row.lead === 'string' ? row.lead : '', blocksText(row.body)].join(' ').toLocaleLowerCase();

/** Brings the search text of every row of some articles up to date (a write that did not send all three fields). */
async function refreshSearchText(strapi: Core.Strapi, documentIds: readonly string[]) {
  const rows = textRows.parse(
    await strapi.db.query(UID.article).findMany({ where: { documentId: { $in: [...documentIds] } }, select: ['id', 'title', 'lead', 'body', 'searchText'] }),
  );
  // Written quietly: a search-text refresh is not an edit, and must not turn a published row "Modified".
  const changed = rows.flatMap((row) => {
    const searchText = searchTextOf(row);
    return searchText === row.searchText ? [] : [{ id: row.id, values: { searchText } }];
  });
  await writeQuietly(strapi, UID.article, changed);
}

export function registerContentRules(strapi: Core.Strapi): void {
  registerCustomFields(strapi);
  addListLabels(Object.entries(strapi.contentTypes).filter(([uid]) => uid.startsWith('api::') || pluginContentType(uid) !== null).map(([, schema]) => schema));
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const isOurs = uid === UID.site || CONTENT_KIND.has(uid);
    if (!isOurs || !WRITES.has(action)) return next();
    const params: unknown = context.params;
    const documentId = stringField(params, 'documentId');
    const sent = isRecord(params) && isRecord(params.data) ? params.data : undefined;
    if ((action === 'create' || action === 'update') && sent) {
      // The admin sends JSON fields as text: what it spells is validated and stored.
      const { data, problems } = parseJsonFields(uid, sent);
      const label = labellerFor(strapi, uid, data);
      if (problems.length > 0) fail(problems, label);
      await validateWrite(strapi, uid, params, data, label);
      // A write that sends the whole text stores its search text with it (a second write per row otherwise, and two when published).
      const withSearch = uid === UID.article && 'title' in data && 'lead' in data && 'body' in data ? { ...data, searchText: searchTextOf(data) } : data;
      context.params = { ...context.params, data: withSearch };
    }
    if (uid === UID.site && action === 'publish' && documentId) {
      // Publishing a draft saved before an article existed can still break that article's overrides.
      const broken = await siteOverrideProblems(strapi, documentId, {});
      if (broken.length > 0) fail(broken, labellerFor(strapi, uid, {}));
    }
    const written = await beforeWrite(strapi, uid, action, context.params);
    const result = await next();
    const writtenId = documentId ?? stringField(result, 'documentId');
    if (uid === UID.article && writtenId && action !== 'delete') await afterBatch('content:searchText', writtenId, (ids) => refreshSearchText(strapi, ids));
    await written(result);
    return result;
  });
}
