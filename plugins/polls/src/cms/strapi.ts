// The slice of Strapi the polls plugin uses, typed structurally so the plugin does not depend
// on generated content-type typings (its UIDs are plugin ones the app's typings do not know).
import type { Knex } from 'knex';

type LifecycleEvent = 'afterCreate' | 'afterUpdate' | 'afterDelete' | 'afterCreateMany' | 'afterUpdateMany' | 'afterDeleteMany';

export interface QueryApi {
  findMany(params?: Record<string, unknown>): Promise<unknown>;
  findOne(params?: Record<string, unknown>): Promise<unknown>;
  count(params?: Record<string, unknown>): Promise<unknown>;
}

export interface DocumentsApi {
  create(params: { locale?: string; data: Record<string, unknown>; status?: 'published' | 'draft' }): Promise<unknown>;
  update(params: { documentId: string; locale?: string; data: Record<string, unknown>; status?: 'published' | 'draft' }): Promise<unknown>;
  findMany(params?: Record<string, unknown>): Promise<unknown>;
}

export interface PollsStrapi {
  readonly db: {
    readonly connection: Knex;
    query(uid: string): QueryApi;
    /** Runs in the current Strapi transaction when there is one (lifecycles), else a new one. */
    inTransaction(): boolean;
    transaction<T>(callback: (params: { trx: Knex.Transaction; onCommit(callback: () => void | Promise<void>): void }) => Promise<T>): Promise<T>;
    readonly lifecycles: { subscribe(subscriber: { models: string[] } & Partial<Record<LifecycleEvent, (event: { result?: unknown }) => Promise<void>>>): unknown };
  };
  documents(uid: string): DocumentsApi;
  readonly config: { get(path: string, fallback?: unknown): unknown };
  get(name: 'components'): { set(uid: string, component: Record<string, unknown>): unknown; get(uid: string): unknown };
  readonly log: { info(message: string): void; warn(message: string): void; error(message: string): void };
}
