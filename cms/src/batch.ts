// A batch of writes (an import): the work every write's rules repeat is done once for the
// batch instead of once per row. Outside a batch nothing changes: reads go to the database and
// work runs at once.
//  - batchRead: reads of what a batch rarely changes (the default locale, the sites, the
//    sections) are remembered; a write to a type a read depends on forgets it right after the
//    write (the middleware below runs innermost), so a batch that creates a section validates
//    its next row against it.
//  - afterBatch: bookkeeping per document (translation stamps, search text) is collected and
//    done once for every document the batch wrote, at its end, inside its transaction; a
//    document written by two rows (two languages) is stamped once, from its final text.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';

interface Remembered {
  /** The content types whose writes make this read stale. */
  readonly dependsOn: readonly string[];
  readonly value: Promise<unknown>;
}

interface Deferred {
  readonly documentIds: Set<string>;
  readonly run: (documentIds: readonly string[]) => Promise<void>;
}

interface Batch {
  readonly reads: Map<string, Remembered>;
  readonly deferred: Map<string, Deferred>;
}

const current = new AsyncLocalStorage<Batch>();

/** Documents handed to one run of deferred work: its reads name them in one `IN (…)`. */
const DEFERRED_CHUNK = 500;

/**
 * Runs `work` (inside the transaction of many writes) as a batch, then the work deferred by
 * afterBatch. When `work` throws (the transaction rolls back), the deferred work is dropped.
 */
export async function withBatch<T>(work: () => Promise<T>): Promise<T> {
  const batch: Batch = { reads: new Map(), deferred: new Map() };
  const value = await current.run(batch, work);
  for (const { documentIds, run } of batch.deferred.values()) {
    const ids = [...documentIds];
    for (let start = 0; start < ids.length; start += DEFERRED_CHUNK) await run(ids.slice(start, start + DEFERRED_CHUNK));
  }
  return value;
}

/**
 * `read()`, or inside withBatch the value it gave earlier in the batch under `key`, until a
 * write to one of `dependsOn` (content-type uids) forgets it. A read that fails is not kept.
 */
export function batchRead<T>(key: string, dependsOn: readonly string[], read: () => Promise<T>): Promise<T> {
  const batch = current.getStore();
  if (batch === undefined) return read();
  const found = batch.reads.get(key);
  if (found !== undefined) return found.value as Promise<T>;
  const value = read();
  batch.reads.set(key, { dependsOn, value });
  value.catch(() => batch.reads.delete(key));
  return value;
}

/**
 * `run([documentId])` now, or inside withBatch once at its end for every document given under
 * `key` during the batch (`run` must give the same result for many documents as one by one).
 */
export async function afterBatch(key: string, documentId: string, run: (documentIds: readonly string[]) => Promise<void>): Promise<void> {
  const batch = current.getStore();
  if (batch === undefined) return run([documentId]);
  const deferred = batch.deferred.get(key) ?? { documentIds: new Set<string>(), run };
  deferred.documentIds.add(documentId);
  batch.deferred.set(key, deferred);
}

function forget(uid: string): void {
  const batch = current.getStore();
  if (batch === undefined) return;
  for (const [key, { dependsOn }] of batch.reads) if (dependsOn.includes(uid)) batch.reads.delete(key);
}

/** Strapi's default locale (the source language every translation is made from). */
export const defaultLocaleOf = (strapi: Core.Strapi): Promise<string> =>
  batchRead('defaultLocale', ['plugin::i18n.locale'], async () => z.string().parse(await strapi.plugin('i18n').service('locales').getDefaultLocale()));

/** Registers the forgetting; register it after every other documents middleware, so it runs innermost. */
export function registerBatch(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (current.getStore() === undefined || context.action.startsWith('find') || context.action === 'count') return next();
    forget(context.uid);
    try {
      return await next();
    } finally {
      forget(context.uid);
    }
  });
}
