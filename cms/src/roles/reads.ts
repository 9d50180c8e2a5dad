// What scoped users meet when they read in the admin: a country editor's content-manager
// lists show their sites' local content and shared content, not other countries' local
// content, and opening such a document says why instead of showing a blank form. Refusals
// Strapi answers with a bare "Forbidden" (a role without the permission) get a sentence.
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID } from '../delivery/content-index';
import { SCOPE_UID } from './definitions';
import { carriageOf, currentActor } from './enforce';
import { countryEditorHides, permissionRefusal, type Actor, type ContentManagerVerb } from './rules';

/** The lists a country editor sees narrowed to their sites: what carries a `sites` list. */
const SCOPED_LISTS: readonly string[] = [UID.article, UID.page, UID.banner];
const LIST_ACTIONS = new Set(['findMany', 'count']);
const ONE_ACTIONS = new Set(['findOne', 'findFirst']);

/** The request is the admin panel reading through the content manager. */
function isAdminRead(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get();
  return ctx !== undefined && ctx.method === 'GET' && ctx.path.startsWith('/content-manager/');
}

const labelOf = (uid: string, row: Record<string, unknown>) =>
  `${uid.split('.').pop() ?? 'document'} "${typeof row.slug === 'string' ? row.slug : String(row.documentId)}"`;

/** The documentIds the country editor sees, computed here so SQLite and PostgreSQL read JSON alike. */
async function visibleDocumentIds(strapi: Core.Strapi, actor: Actor, uid: string): Promise<string[]> {
  const rows: unknown[] = await strapi.db.query(uid).findMany({ select: ['documentId', 'sites', 'allSites'] });
  const ids = new Set<string>();
  for (const row of rows) {
    if (!isRecord(row) || typeof row.documentId !== 'string') continue;
    if (countryEditorHides(actor, carriageOf(row), '') === null) ids.add(row.documentId);
  }
  return [...ids];
}

/** A list page asks for its rows and their count at once: the actor and the visible ids are worked out once per request. */
const perRequest = new WeakMap<object, { actor: Promise<Actor | null>; visible: Map<string, Promise<string[]>> }>();

function requestMemo(strapi: Core.Strapi) {
  const ctx = strapi.requestContext.get();
  if (ctx === undefined) return { actor: currentActor(strapi), visible: new Map<string, Promise<string[]>>() };
  let memo = perRequest.get(ctx);
  if (memo === undefined) {
    memo = { actor: currentActor(strapi), visible: new Map() };
    perRequest.set(ctx, memo);
  }
  return memo;
}

export function registerReadScoping(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (!SCOPED_LISTS.includes(uid) || !(LIST_ACTIONS.has(action) || ONE_ACTIONS.has(action)) || !isAdminRead(strapi)) return next();
    const memo = requestMemo(strapi);
    const actor = await memo.actor;
    if (actor === null || !actor.isCountryEditor) return next();
    const params: Record<string, unknown> = isRecord(context.params) ? context.params : {};
    if (ONE_ACTIONS.has(action) && typeof params.documentId === 'string') {
      const row: unknown = await strapi.db.query(uid).findOne({ where: { documentId: params.documentId }, select: ['documentId', 'slug', 'sites', 'allSites'] });
      if (!isRecord(row)) return next(); // Strapi answers "not found" itself.
      const hidden = countryEditorHides(actor, carriageOf(row), labelOf(uid, row));
      if (hidden !== null) throw new errors.PolicyError(hidden, { code: 'OUT_OF_SCOPE' });
      return next();
    }
    const ids = memo.visible.get(uid) ?? visibleDocumentIds(strapi, actor, uid);
    memo.visible.set(uid, ids);
    const visible = { documentId: { $in: await ids } };
    const filters = isRecord(params.filters) ? { $and: [params.filters, visible] } : visible;
    (context as { params: Record<string, unknown> }).params = { ...params, filters };
    return next();
  });
}

/** What Strapi answers when RBAC refuses: its controllers' ForbiddenError, its route policy's PolicyError. */
const BARE = new Set(['Forbidden', 'Policy Failed']);
const PATH = /^\/content-manager\/(?:collection-types|single-types)\/([^/]+)(?:\/([^/]+))?(?:\/actions\/([A-Za-z]+))?\/?$/;

function verbOf(method: string, id: string | undefined, action: string | undefined): ContentManagerVerb {
  const named: Record<string, ContentManagerVerb> = {
    publish: 'publish',
    bulkPublish: 'publish',
    unpublish: 'unpublish',
    bulkUnpublish: 'unpublish',
    discard: 'discard the draft of',
    bulkDelete: 'delete',
    clone: 'create',
  };
  const verb = action === undefined ? undefined : named[action];
  if (verb !== undefined) return verb;
  if (method === 'DELETE') return 'delete';
  if (method === 'POST') return id === undefined || action === undefined ? 'create' : 'update';
  if (method === 'PUT') return 'update';
  return 'read';
}

/** Puts a sentence on the content manager's bare "Forbidden" and "Policy Failed" answers to scoped users and on editor scopes. */
export function registerForbiddenMessages(strapi: Core.Strapi): void {
  strapi.server.use(async (ctx, next) => {
    await next();
    if (ctx.status !== 403 || !isRecord(ctx.body) || !isRecord(ctx.body.error) || !BARE.has(String(ctx.body.error.message))) return;
    const match = PATH.exec(ctx.path);
    if (match === null) return;
    const [, uid, id, named] = match;
    const actor = await currentActor(strapi);
    if (actor === null && uid !== SCOPE_UID) return;
    const kind = uid === SCOPE_UID ? 'editor scope' : uid === UID.site ? 'site' : 'content';
    let siteCode: string | null = null;
    if (kind === 'site' && id !== undefined && id !== 'actions') {
      const site: unknown = await strapi.db.query(UID.site).findOne({ where: { documentId: id }, select: ['code'] });
      siteCode = isRecord(site) && typeof site.code === 'string' ? site.code : null;
    }
    const message = actor === null
      ? 'Only super admins see and change editor scopes: who edits which sites and locales.'
      : permissionRefusal(actor, verbOf(ctx.method, id, named), kind, siteCode);
    ctx.body = { ...ctx.body, error: { ...ctx.body.error, message, details: { code: 'OUT_OF_SCOPE' } } };
  });
}
