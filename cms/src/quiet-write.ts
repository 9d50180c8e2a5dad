// Bookkeeping writes that must not look like edits. Strapi's database layer stamps every
// update with updatedAt = now, and the content manager calls a draft "Modified" when its
// updatedAt is later than its published version's: a search-text refresh or a shared-field
// copy written through it would turn published documents "Modified" (by a millisecond, so
// only now and then). These writes go to the table directly, in a transaction, and change
// only the columns named.
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';

/** The column an attribute of `uid` is stored in. */
function columnOf(strapi: Core.Strapi, uid: string, attribute: string): string {
  const definition: unknown = strapi.db.metadata.get(uid).attributes[attribute];
  return isRecord(definition) && typeof definition.columnName === 'string' ? definition.columnName : attribute;
}

/** Writes `values` (by attribute name) into rows of `uid` by id, leaving updatedAt and everything else as stored. */
export async function writeQuietly(strapi: Core.Strapi, uid: string, rows: ReadonlyArray<{ readonly id: number; readonly values: Record<string, unknown> }>): Promise<void> {
  if (rows.length === 0) return;
  const table = strapi.db.metadata.get(uid).tableName;
  await strapi.db.transaction(async ({ trx }) => {
    for (const row of rows) {
      const columns = Object.fromEntries(Object.entries(row.values).map(([attribute, value]) => [columnOf(strapi, uid, attribute), value]));
      await strapi.db.getConnection(table).transacting(trx).where('id', row.id).update(columns);
    }
  });
}

/** Reads attributes of `uid`'s rows matching `where` (by attribute name) straight from the table, as stored. */
export async function readQuietly(strapi: Core.Strapi, uid: string, where: Record<string, unknown>, whereNot: Record<string, unknown>, attributes: readonly string[]): Promise<Array<Record<string, unknown>>> {
  const table = strapi.db.metadata.get(uid).tableName;
  const byColumn = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([attribute, value]) => [columnOf(strapi, uid, attribute), value]));
  const select = Object.fromEntries(['id', ...attributes].map((attribute) => [attribute, attribute === 'id' ? 'id' : columnOf(strapi, uid, attribute)]));
  const rows: unknown = await strapi.db.transaction(async ({ trx }) => strapi.db.getConnection(table).transacting(trx).select(select).where(byColumn(where)).whereNot(byColumn(whereNot)));
  return Array.isArray(rows) ? rows.filter(isRecord) : [];
}
