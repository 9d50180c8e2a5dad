// Plugins' write rules, on every write path (admin, REST, generated GraphQL, document
// service): a write to `plugin::<name>.<key>` is checked by the plugin's `rules[key]` on the
// stored draft with the write over it, and refused with field-level messages as core content
// is. A write to a content type a plugin's delivery half watches clears delivery caches and
// tells the front ends.
import type { Core } from '@strapi/strapi';
import { isPlainObject as isRecord } from '@baobab/kit';
import { fail, labellerFor, mergedData, WRITES } from '../content';
import { deliveryService } from '../delivery';
import { pluginContentType, pluginWatches } from '.';

const stringField = (value: unknown, key: string): string | undefined => (isRecord(value) && typeof value[key] === 'string' ? value[key] : undefined);

export function registerPluginRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const owner = pluginContentType(uid);
    if (!owner || !WRITES.has(action)) return next();
    const rule = owner.plugin.cms?.rules?.[owner.key];
    const params: unknown = context.params;
    const sent = isRecord(params) && isRecord(params.data) ? params.data : undefined;
    if (rule && (action === 'create' || action === 'update') && sent) {
      const { merged } = await mergedData(strapi, uid, stringField(params, 'documentId'), sent);
      const problems = rule(merged);
      if (problems.length > 0) fail([...problems], labellerFor(strapi, uid, sent));
    }
    const result = await next();
    if (pluginWatches().has(uid)) {
      const delivery = deliveryService(strapi);
      delivery.invalidate(`${action} ${uid}`);
      await delivery.notifyFrontEnds();
    }
    return result;
  });
}
