// Editors' writes as content changes: the documents middlewares (content/index.ts,
// plugins/rules.ts) read what a write may change before it runs, and after it tell the
// delivery service what it reached (scope.ts), then wait until the front ends know, so an
// editor's save returns after every cache that showed the old text has dropped it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { mergeScopes, type ChangeScope } from '@baobab/kit/changes';
import { z } from 'zod';
import { isPlainObject as isRecord } from '@baobab/kit';
import { EVERYTHING, isScoped, publishedRowFields, publishedRowSchema, scopeOfWrite, type PublishedRow } from './scope';
import { deliveryService } from './index';

/** Actions that change what is published, whatever their parameters. */
const PUBLISHING = new Set(['publish', 'unpublish', 'delete']);

const stringField = (value: unknown, key: string): string | undefined => (isRecord(value) && typeof value[key] === 'string' ? value[key] : undefined);

/**
 * Whether a write can change what delivery serves: delivery reads published rows only, so
 * saving or discarding a draft changes nothing there (unless it publishes: `status=published`).
 */
export function changesPublished(strapi: Core.Strapi, uid: string, action: string, params: unknown): boolean {
  const model: unknown = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
  const options = isRecord(model) && isRecord(model.options) ? model.options : {};
  if (options.draftAndPublish !== true) return true;
  return PUBLISHING.has(action) || stringField(params, 'status') === 'published';
}

async function publishedRows(strapi: Core.Strapi, uid: string, documentId: string): Promise<PublishedRow[] | null> {
  const rows: unknown[] = await strapi.db.query(uid as Parameters<Core.Strapi['db']['query']>[0]).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    select: publishedRowFields(uid),
  });
  // A row this cannot read would scope the change too narrowly: then it reaches everything.
  const parsed = z.array(publishedRowSchema).safeParse(rows);
  return parsed.success ? parsed.data : null;
}

const HELD_TAGS = 5_000;

/** The changes of writes made inside `holdingChanges`, not yet told. */
const held = new AsyncLocalStorage<ChangeScope[]>();

/**
 * Runs `work` (a transaction of many writes: an import) with its writes' changes held back
 * rather than told one by one before it commits, and then tells them as one change. A
 * front end told before the commit could cache the old text again; one told per row would
 * take a notice round trip per row. When `work` throws (rolled back) nothing is told.
 */
export async function holdingChanges<T>(strapi: Core.Strapi, reason: string, work: () => Promise<T>): Promise<T> {
  const scopes: ChangeScope[] = [];
  const value = await held.run(scopes, work);
  if (scopes.length > 0) {
    const service = deliveryService(strapi);
    const merged = mergeScopes(scopes);
    // A change names at most CHANGE_LIMITS.tags tags; past a few thousand, dropping the sites' answers costs less than telling each.
    service.change(merged.tags !== 'all' && merged.tags.length > HELD_TAGS ? { sites: merged.sites, tags: 'all' } : merged, reason);
    await service.notifyFrontEnds();
  }
  return value;
}

/**
 * Call before a write runs; call what it returns with the write's result once it has
 * (committed). Writes that change nothing published cost nothing.
 */
export async function beforeWrite(strapi: Core.Strapi, uid: string, action: string, params: unknown): Promise<(result: unknown) => Promise<void>> {
  if (!changesPublished(strapi, uid, action, params)) return async () => undefined;
  const documentId = stringField(params, 'documentId');
  const before = isScoped(uid) && documentId !== undefined ? await publishedRows(strapi, uid, documentId) : [];
  return async (result) => {
    const written = documentId ?? stringField(result, 'documentId');
    const after = isScoped(uid) && written !== undefined ? await publishedRows(strapi, uid, written) : null;
    const scope = written !== undefined && before !== null && after !== null ? scopeOfWrite(uid, [written], [...before, ...after]) : EVERYTHING;
    const batch = held.getStore();
    if (batch !== undefined) {
      batch.push(scope);
      return;
    }
    const service = deliveryService(strapi);
    service.change(scope, `${action} ${uid}`);
    await service.notifyFrontEnds();
  };
}
