// Admin-authenticated routes (type admin: an admin panel session token, never an API token)
// for the Translations page and the edit-view badge. Queries are validated strictly: a
// site code and a registry locale, or a 400 saying what to send.
import { isPlainObject as isRecord } from '@baobab/kit';
import { isKnownLocale } from '@baobab/locales';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { stringList } from '../roles/enforce';
import { siteLocales } from './middleware';
import { carryingSites, translationStates, type SiteLocales, type Status } from './status';
import { defaultLocaleOf } from '../batch';
import { documentsOf, kindNames, markUpToDate, translatedKinds, type TranslatedKind } from './stamps';

export const ROUTE_PREFIX = '/baobab-translations';
const MAX_PARAM = 100;

interface Context {
  query: unknown;
  request: { body?: unknown };
  state: { userAbility?: unknown };
  body: unknown;
}

const bad = (message: string): never => {
  throw new errors.ValidationError(message);
};

/** One query or body parameter: a single short string, or a 400 naming it. */
function single(params: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') {
    if (required) bad(`Give ${name}.`);
    return undefined;
  }
  if (typeof value !== 'string') return bad(`Give ${name} once, as text.`);
  if (value.length > MAX_PARAM) return bad(`${name} is too long (at most ${MAX_PARAM} characters).`);
  return value;
}

function onlyKnown(params: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(params).filter((name) => !known.includes(name));
  if (unknown.length > 0) bad(`Unknown parameter "${unknown[0]?.slice(0, MAX_PARAM)}": use ${known.join(', ')}.`);
}

async function siteParam(strapi: Core.Strapi, code: string): Promise<SiteLocales & { all: SiteLocales[] }> {
  const all = await siteLocales(strapi);
  const site = all.find((candidate) => candidate.code === code);
  if (!site) return bad(`No site "${code}". Choose one of ${all.map((candidate) => candidate.code).join(', ')}.`);
  return { ...site, all };
}

function localeParam(locale: string): string {
  if (!isKnownLocale(locale)) bad(`"${locale}" is not a locale in the registry (locales/registry.json).`);
  return locale;
}

function kindParam(kind: string): TranslatedKind {
  const found = kindNames.find((name) => name === kind);
  if (!found) return bad(`type must be one of ${kindNames.join(', ')}.`);
  return found;
}

const editPath = (kind: TranslatedKind, documentId: string, locale: string) =>
  `/content-manager/collection-types/${translatedKinds[kind]}/${encodeURIComponent(documentId)}?plugins[i18n][locale]=${encodeURIComponent(locale)}`;

const carriageOf = (version: Record<string, unknown>) => ({ allSites: version.allSites === true || version.allSites === 1, sites: stringList(version.sites) });

function titleOf(versions: ReadonlyMap<string, Record<string, unknown>>, sourceLocale: string): string {
  const source = versions.get(sourceLocale);
  const candidates = [source, ...versions.values()];
  for (const version of candidates) if (version && typeof version.title === 'string' && version.title !== '') return version.title;
  const any = candidates.find((version) => version !== undefined);
  return any && typeof any.slug === 'string' ? any.slug : '';
}

interface Row {
  readonly type: TranslatedKind;
  readonly documentId: string;
  readonly slug: string;
  readonly title: string;
  readonly locale: string;
  readonly status: Status['state'];
  readonly since: string | null;
  readonly editPath: string;
}

/** GET /baobab-translations?site=&locale=[&status=][&type=]: each document the site carries, per locale, with its status. */
async function list(strapi: Core.Strapi, ctx: Context): Promise<void> {
  const query = isRecord(ctx.query) ? ctx.query : {};
  onlyKnown(query, ['site', 'locale', 'status', 'type']);
  const site = await siteParam(strapi, single(query, 'site', true) ?? '');
  const localeCode = single(query, 'locale', false);
  if (localeCode !== undefined && !site.locales.includes(localeParam(localeCode))) {
    bad(`${site.code} does not serve ${localeCode}: it serves ${site.locales.join(', ')}.`);
  }
  const statusName = single(query, 'status', false);
  const status = statusName === undefined ? undefined : translationStates.find((state) => state === statusName);
  if (statusName !== undefined && status === undefined) bad(`status must be one of ${translationStates.join(', ')}.`);
  const typeName = single(query, 'type', false);
  const kinds = typeName === undefined ? kindNames : [kindParam(typeName)];
  const sourceLocale = await defaultLocaleOf(strapi);
  const locales = localeCode === undefined ? site.locales : [localeCode];
  const rows: Row[] = [];
  for (const kind of kinds) {
    for (const document of await documentsOf(strapi, translatedKinds[kind], null)) {
      const any = [...document.versions.values()][0];
      if (!any || carryingSites(carriageOf(any), [site]).length === 0) continue;
      const title = titleOf(document.versions, sourceLocale);
      for (const locale of locales) {
        const found = document.status(locale);
        if (status !== undefined && found.state !== status) continue;
        const slug = typeof any.slug === 'string' ? any.slug : '';
        rows.push({ type: kind, documentId: document.documentId, slug, title, locale, status: found.state, since: found.since ?? null, editPath: editPath(kind, document.documentId, locale) });
      }
    }
  }
  rows.sort((a, b) => a.type.localeCompare(b.type) || a.title.localeCompare(b.title) || a.locale.localeCompare(b.locale));
  ctx.body = { data: { site: site.code, locales, sourceLocale, rows } };
}

/** GET /baobab-translations/document?type=&documentId=[&locale=]: one document's status in every locale its sites serve. */
async function documentStatus(strapi: Core.Strapi, ctx: Context): Promise<void> {
  const query = isRecord(ctx.query) ? ctx.query : {};
  onlyKnown(query, ['type', 'documentId', 'locale']);
  const kind = kindParam(single(query, 'type', true) ?? '');
  const documentId = single(query, 'documentId', true) ?? '';
  const localeCode = single(query, 'locale', false);
  const sourceLocale = await defaultLocaleOf(strapi);
  const locale = localeParam(localeCode ?? sourceLocale);
  const [document] = await documentsOf(strapi, translatedKinds[kind], [documentId]);
  if (!document) return bad(`No ${kind} with documentId "${documentId}".`);
  const any = document.versions.get(sourceLocale) ?? [...document.versions.values()][0] ?? {};
  const sites = carryingSites(carriageOf(any), await siteLocales(strapi));
  const locales = [...new Set([sourceLocale, ...sites.flatMap((site) => site.locales), ...document.versions.keys()])];
  const statusOf = (code: string) => {
    const found = document.status(code);
    return { locale: code, status: found.state, since: found.since ?? null, editPath: editPath(kind, documentId, code) };
  };
  ctx.body = { data: { type: kind, documentId, sourceLocale, ...statusOf(locale), sites, locales: locales.map(statusOf) } };
}

const markBody = z.object({ type: z.string(), documentId: z.string().max(MAX_PARAM), locale: z.string().max(MAX_PARAM) }).strict();

interface PermissionChecker {
  cannot: { update(entity: Record<string, unknown>): boolean };
}

/** POST /baobab-translations/up-to-date { type, documentId, locale }: the translation now matches the current source text. */
async function markAsUpToDate(strapi: Core.Strapi, ctx: Context): Promise<void> {
  const body = markBody.safeParse(ctx.request.body);
  if (!body.success) return bad('Send { "type", "documentId", "locale" } as JSON text, nothing else.');
  const kind = kindParam(body.data.type);
  const locale = localeParam(body.data.locale);
  const uid = translatedKinds[kind];
  const sourceLocale = await defaultLocaleOf(strapi);
  if (locale === sourceLocale) bad(`${locale} is the source language: only translations can be marked up to date.`);
  const version: unknown = await strapi.db.query(uid).findOne({ where: { documentId: body.data.documentId, locale, publishedAt: null } });
  if (!isRecord(version)) return bad(`This ${kind} has no ${locale} version yet: translate it first.`);
  const checker: PermissionChecker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid });
  if (checker.cannot.update(version)) throw new errors.PolicyError(`You may not edit the ${locale} version of this ${kind}.`);
  await markUpToDate(strapi, uid, body.data.documentId, locale);
  const [document] = await documentsOf(strapi, uid, [body.data.documentId]);
  ctx.body = { data: { type: kind, documentId: body.data.documentId, locale, status: document?.status(locale).state ?? 'missing' } };
}

export function registerTranslationRoutes(strapi: Core.Strapi): void {
  const policies = ['admin::isAuthenticatedAdmin'];
  strapi.server.routes({
    type: 'admin',
    prefix: ROUTE_PREFIX,
    routes: [
      { method: 'GET', path: '/', handler: (ctx: Context) => list(strapi, ctx), config: { policies }, info: {} },
      { method: 'GET', path: '/document', handler: (ctx: Context) => documentStatus(strapi, ctx), config: { policies }, info: {} },
      { method: 'POST', path: '/up-to-date', handler: (ctx: Context) => markAsUpToDate(strapi, ctx), config: { policies }, info: {} },
    ],
  });
}
