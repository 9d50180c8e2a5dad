// Plugins' write rules, on every write path (admin, REST, generated GraphQL, document
// service): a write to `plugin::<name>.<key>` is checked by the plugin's `rules[key]` on the
// stored draft with the write over it (told which picked articles and sections do not
// exist), on create, update and publish, and refused with field-level messages as core content is. A write to a content
// type a plugin's delivery half watches clears delivery caches and tells the front ends.
import type { Core } from '@strapi/strapi';
import { isPlainObject as isRecord } from '@baobab/kit';
import { fail, labellerFor, WRITES } from '../content';
import { beforeWrite } from '../delivery/writes';
import { missingReferences } from '../forms/references';
import { pluginContentType, pluginWatches } from '.';

const stringField = (value: unknown, key: string): string | undefined => (isRecord(value) && typeof value[key] === 'string' ? value[key] : undefined);

/**
 * The stored draft a write lands on, with its components (`choices`): the draft in the
 * write's locale over any locale's draft (a new translation keeps the shared fields), then
 * the write over both.
 */
async function pluginMergedData(strapi: Core.Strapi, uid: string, documentId: string | undefined, locale: string | undefined, sent: Record<string, unknown>) {
  if (documentId === undefined) return sent;
  const model: unknown = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]);
  const attributes = isRecord(model) && isRecord(model.attributes) ? model.attributes : {};
  const populate = Object.fromEntries(Object.entries(attributes).filter(([, attribute]) => isRecord(attribute) && (attribute.type === 'component' || attribute.type === 'dynamiczone')).map(([name]) => [name, true]));
  const query = strapi.db.query(uid as Parameters<Core.Strapi['db']['query']>[0]);
  const inLocale: unknown = locale === undefined ? null : await query.findOne({ where: { documentId, locale, publishedAt: null }, populate });
  const anyLocale: unknown = await query.findOne({ where: { documentId, publishedAt: null }, populate });
  return { ...(isRecord(anyLocale) ? anyLocale : {}), ...(isRecord(inLocale) ? inLocale : {}), ...sent };
}

export function registerPluginRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const owner = pluginContentType(uid);
    if (!owner || !WRITES.has(action)) return next();
    const rule = owner.plugin.cms?.rules?.[owner.key];
    const params: unknown = context.params;
    // A publish checks the stored draft (with what it sends, if anything): an article a poll
    // follows may have been deleted since the draft was saved.
    const sent = isRecord(params) && isRecord(params.data) ? params.data : action === 'publish' ? {} : undefined;
    if (rule && (action === 'create' || action === 'update' || action === 'publish') && sent) {
      const merged = await pluginMergedData(strapi, uid, stringField(params, 'documentId'), stringField(params, 'locale'), sent);
      const problems = rule(merged, { missing: await missingReferences(strapi, uid, merged) });
      if (problems.length > 0) fail([...problems], labellerFor(strapi, uid, sent));
    }
    const written = pluginWatches().has(uid) ? await beforeWrite(strapi, uid, action, context.params) : null;
    const result = await next();
    await written?.(result);
    return result;
  });
}
