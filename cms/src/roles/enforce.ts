// Scoping on every write path: a document-service middleware sees the admin's
// content-manager, REST, GraphQL and scripts alike. Only requests by admin users holding
// the Country editor or Translator role are scoped; API tokens, super admins, global
// editors and scripts (no request) are not.
import { isPlainObject as isRecord } from '@baobab/kit';
import { isKnownLocale } from '@baobab/locales';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { defaultLocaleOf } from '../batch';
import { UID } from '../delivery/content-index';
import { localizedTypes, roleCodes, SCOPE_UID } from './definitions';
import { contentRefusal, siteRefusal, type Actor, type Carriage, type WriteAction } from './rules';

const WRITE_ACTIONS: readonly WriteAction[] = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft'];
const isWriteAction = (action: string): action is WriteAction => WRITE_ACTIONS.some((write) => write === action);
const isLocalizedType = (uid: string) => localizedTypes.some((type) => type === uid);
const SUPER_ADMIN = 'strapi-super-admin';
/** Fields Strapi keeps for itself; a write never changes them through the content. */
const SYSTEM_FIELDS = new Set(['id', 'documentId', 'locale', 'localizations', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'status', 'searchText']);

const adminUserSchema = z.object({ id: z.union([z.number(), z.string()]), roles: z.array(z.object({ code: z.string() })) });
const scopeRowSchema = z.object({ sites: z.unknown(), locales: z.unknown() });
const siteRowSchema = z.object({ code: z.string(), locales: z.unknown() });

/** A JSON list as stored, or as the admin may send it (a string of JSON). */
export function stringList(value: unknown): string[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

/** The site codes a user's editor scope entries name (several entries add up). */
export async function scopeOf(strapi: Core.Strapi, userId: number | string): Promise<{ sites: string[]; locales: string[] }> {
  const rows: unknown[] = await strapi.db.query(SCOPE_UID).findMany({ where: { user: { id: userId } } });
  const sites = new Set<string>();
  const locales = new Set<string>();
  for (const row of rows) {
    const scope = scopeRowSchema.safeParse(row);
    if (!scope.success) continue;
    stringList(scope.data.sites).forEach((site) => sites.add(site));
    stringList(scope.data.locales).forEach((locale) => locales.add(locale));
  }
  return { sites: [...sites], locales: [...locales] };
}

/** The scoped admin user making the current request, or null when the write is not scoped. */
export async function currentActor(strapi: Core.Strapi): Promise<Actor | null> {
  const ctx = strapi.requestContext.get();
  const state: unknown = ctx?.state;
  if (!isRecord(state) || !isRecord(state.auth) || !isRecord(state.auth.strategy) || state.auth.strategy.name !== 'admin') return null;
  const user = adminUserSchema.safeParse(state.user);
  if (!user.success) return null;
  const codes = user.data.roles.map((role) => role.code);
  if (codes.includes(SUPER_ADMIN) || codes.includes(roleCodes.globalEditor)) return null;
  const isCountryEditor = codes.includes(roleCodes.countryEditor);
  const isTranslator = codes.includes(roleCodes.translator);
  if (!isCountryEditor && !isTranslator) return null;
  const scope = await scopeOf(strapi, user.data.id);
  const siteRows: unknown[] = scope.sites.length === 0 ? [] : await strapi.db.query(UID.site).findMany({ where: { code: { $in: scope.sites } } });
  const siteLocales = new Set<string>();
  for (const row of siteRows) {
    const site = siteRowSchema.safeParse(row);
    if (site.success) stringList(site.data.locales).forEach((locale) => siteLocales.add(locale));
  }
  const sourceLocale = await defaultLocaleOf(strapi);
  return { isCountryEditor, isTranslator, sites: scope.sites, siteLocales: [...siteLocales], locales: scope.locales, sourceLocale };
}

/**
 * A 403 whose message reaches the editor: Strapi's authorize step (compose-endpoint.js)
 * turns any other ForbiddenError thrown behind it into a bare "Forbidden".
 */
function refuse(message: string): never {
  throw new errors.PolicyError(message, { code: 'OUT_OF_SCOPE' });
}

interface Attribute {
  readonly type: string;
  readonly localized: boolean;
}

function attributesOf(strapi: Core.Strapi, uid: string): ReadonlyMap<string, Attribute> {
  const model: unknown = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]);
  const attributes = isRecord(model) && isRecord(model.attributes) ? model.attributes : {};
  const result = new Map<string, Attribute>();
  for (const [name, attribute] of Object.entries(attributes)) {
    if (!isRecord(attribute) || typeof attribute.type !== 'string') continue;
    const i18n = isRecord(attribute.pluginOptions) && isRecord(attribute.pluginOptions.i18n) ? attribute.pluginOptions.i18n : {};
    result.set(name, { type: attribute.type, localized: i18n.localized === true });
  }
  return result;
}

const mediaId = (value: unknown): unknown => (isRecord(value) ? value.id : value);

/** JSON with object keys sorted, so `{ type, children }` and `{ children, type }` compare equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A value as comparable JSON: the same content compares equal however the admin or the database spells it. */
function comparable(attribute: Attribute, value: unknown): string {
  if (value === undefined || value === null || value === '') return 'null';
  switch (attribute.type) {
    case 'json':
      if (typeof value === 'string') {
        try {
          return stableJson(JSON.parse(value));
        } catch {
          return stableJson(value);
        }
      }
      return stableJson(value);
    case 'media':
      return stableJson(Array.isArray(value) ? value.map(mediaId) : mediaId(value));
    case 'component':
      return stableJson(
        (Array.isArray(value) ? value : [value]).map((item) =>
          isRecord(item) ? Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'id' && key !== '__component')) : item,
        ),
      );
    case 'datetime':
    case 'date': {
      const time = new Date(value instanceof Date || typeof value === 'string' || typeof value === 'number' ? value : NaN).getTime();
      return Number.isNaN(time) ? stableJson(value) : String(time);
    }
    case 'boolean':
      return String(value === true || value === 1 || value === '1' || value === 'true');
    case 'integer':
    case 'biginteger':
    case 'float':
    case 'decimal':
      return String(Number(value));
    default:
      return stableJson(value);
  }
}

const isEmpty = (attribute: Attribute, value: unknown) => ['null', '[]', '""'].includes(comparable(attribute, value));

export function carriageOf(row: Record<string, unknown>): Carriage {
  return { allSites: row.allSites === true || row.allSites === 1, sites: stringList(row.sites) };
}

async function findDraft(strapi: Core.Strapi, uid: string, where: Record<string, unknown>, populate: Record<string, true>): Promise<Record<string, unknown> | null> {
  const row: unknown = await strapi.db.query(uid).findOne({ where: { ...where, publishedAt: null }, populate });
  if (isRecord(row)) return row;
  const any: unknown = await strapi.db.query(uid).findOne({ where, populate });
  return isRecord(any) ? any : null;
}

async function checkContentWrite(strapi: Core.Strapi, actor: Actor, uid: string, action: WriteAction, params: Record<string, unknown>) {
  const attributes = attributesOf(strapi, uid);
  const populate = Object.fromEntries([...attributes].filter(([, a]) => a.type === 'component' || a.type === 'media').map(([name]) => [name, true as const]));
  const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;
  const locale =
    typeof params.locale === 'string' ? params.locale : await defaultLocaleOf(strapi);
  const data = isRecord(params.data) ? params.data : {};
  const document = documentId === undefined ? null : await findDraft(strapi, uid, { documentId }, populate);
  if (documentId !== undefined && document === null) return; // Strapi answers "not found" itself.
  const translation = documentId === undefined || locale === '*' ? null : await findDraft(strapi, uid, { documentId, locale }, populate);
  const before = document === null ? null : carriageOf(document);
  const after: Carriage = {
    allSites: 'allSites' in data ? data.allSites === true : (before?.allSites ?? false),
    sites: 'sites' in data ? stringList(data.sites) : (before?.sites ?? []),
  };
  const changedShared: string[] = [];
  const changedLocalized: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    const attribute = attributes.get(name);
    if (!attribute || SYSTEM_FIELDS.has(name) || name === 'sites' || name === 'allSites') continue;
    const base = attribute.localized ? translation : document;
    const isChanged = base === null ? !isEmpty(attribute, value) : comparable(attribute, value) !== comparable(attribute, base[name]);
    if (isChanged) (attribute.localized ? changedLocalized : changedShared).push(name);
  }
  const slug = typeof document?.slug === 'string' ? document.slug : typeof data.slug === 'string' ? data.slug : documentId ?? 'new';
  const kind = uid.split('.').pop() ?? 'document';
  const refusal = contentRefusal(actor, { action, label: `${kind} "${slug}"`, locale, before, after, changedShared, changedLocalized });
  if (refusal !== null) refuse(refusal);
}

async function checkSiteWrite(strapi: Core.Strapi, actor: Actor, action: WriteAction, params: Record<string, unknown>) {
  const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;
  const attributes = attributesOf(strapi, UID.site);
  const site = documentId === undefined ? null : await findDraft(strapi, UID.site, { documentId }, {});
  if (documentId !== undefined && site === null) return;
  const data = isRecord(params.data) ? params.data : {};
  const changedFields = Object.entries(data).flatMap(([name, value]) => {
    const attribute = attributes.get(name);
    if (!attribute || SYSTEM_FIELDS.has(name) || attribute.type === 'component') return [];
    return site === null || comparable(attribute, value) !== comparable(attribute, site[name]) ? [name] : [];
  });
  const code = site !== null && typeof site.code === 'string' ? site.code : null;
  const refusal = siteRefusal(actor, { action: site === null ? 'create' : action, code, changedFields });
  if (refusal !== null) refuse(refusal);
}

/** Editor scopes name real sites and registry locales, whoever writes them. */
async function validateScope(strapi: Core.Strapi, data: Record<string, unknown>) {
  const problems: Array<{ path: string[]; message: string }> = [];
  for (const field of ['sites', 'locales'] as const) {
    if (!(field in data) || data[field] === null) continue;
    const raw = typeof data[field] === 'string' ? (() => { try { return JSON.parse(String(data[field])); } catch { return data[field]; } })() : data[field];
    if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string')) {
      problems.push({ path: [field], message: `List ${field === 'sites' ? 'site codes, like ["kijana-ke"]' : 'locale codes, like ["sw-KE"]'}.` });
    }
  }
  const sites = stringList(data.sites);
  if (sites.length > 0) {
    const rows: unknown[] = await strapi.db.query(UID.site).findMany({ where: { code: { $in: sites } }, select: ['code'] });
    const known = new Set(rows.flatMap((row) => (isRecord(row) && typeof row.code === 'string' ? [row.code] : [])));
    const unknown = sites.filter((site) => !known.has(site));
    if (unknown.length > 0) problems.push({ path: ['sites'], message: `No site has the code ${unknown.map((s) => `"${s}"`).join(', ')}; name existing sites, like "kijana-ke".` });
  }
  const unknownLocales = stringList(data.locales).filter((locale) => !isKnownLocale(locale));
  if (unknownLocales.length > 0) {
    problems.push({ path: ['locales'], message: `${unknownLocales.map((l) => `"${l}"`).join(', ')} ${unknownLocales.length === 1 ? 'is' : 'are'} not in the locale registry; use codes like "sw-KE" or "zu-ZA".` });
  }
  if (problems.length > 0) {
    throw new errors.ValidationError(problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`).join(' '), {
      errors: problems.map((problem) => ({ ...problem, name: 'ValidationError' })),
    });
  }
}

export function registerRoleScoping(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const isScopedType = uid === UID.site || uid === SCOPE_UID || isLocalizedType(uid);
    if (!isScopedType || !isWriteAction(action)) return next();
    const params: Record<string, unknown> = isRecord(context.params) ? context.params : {};
    if (uid === SCOPE_UID && (action === 'create' || action === 'update') && isRecord(params.data)) await validateScope(strapi, params.data);
    const actor = await currentActor(strapi);
    if (actor === null) return next();
    if (uid === SCOPE_UID) refuse('Only super admins change who edits which sites and locales.');
    if (uid === UID.site) await checkSiteWrite(strapi, actor, action, params);
    else if (Array.isArray(params.locale)) {
      // Bulk publishing may name several locales at once: each is judged on its own.
      for (const locale of params.locale) await checkContentWrite(strapi, actor, uid, action, { ...params, locale: String(locale) });
    } else await checkContentWrite(strapi, actor, uid, action, params);
    return next();
  });
}
