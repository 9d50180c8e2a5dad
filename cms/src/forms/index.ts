// The server half of Baobab's form controls (the admin half is src/admin/forms/): the custom
// fields the site, article and plugin forms use (references.ts: what the pickers point at),
// the admin routes that list installed themes and plugins for them, the "carried by site"
// list filter, and the rule that an image content shows has alternative text.
import { isPlainObject } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { UID } from '../delivery/content-index';
import { registry } from '../registry';
import { installedPlugins } from './plugins';
import { imageIdsOf, missingAltProblem } from './alt-text';
import { registerCarriedByFilter } from './carried-by';

/** Custom fields storing what the fields stored before (the same JSON or text), so validation and delivery do not change. */
export const FORM_FIELDS = [
  { name: 'hostnames', type: 'json' },
  { name: 'theme-picker', type: 'string' },
  { name: 'theme-tokens', type: 'json' },
  { name: 'site-channels', type: 'json' },
  { name: 'plugin-picker', type: 'json' },
  { name: 'section-picker', type: 'string' },
  { name: 'article-picker', type: 'string' },
  { name: 'tag-input', type: 'json' },
] as const;

/** The content types whose image readers see, so it needs alternative text. */
const WITH_IMAGE: ReadonlySet<string> = new Set([UID.article, UID.banner]);

const fileRows = z.array(z.object({ id: z.number(), name: z.string().nullish(), alternativeText: z.string().nullish() }));

async function imageProblem(strapi: Core.Strapi, ids: readonly number[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const files = fileRows.parse(await strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: [...ids] } }, select: ['id', 'name', 'alternativeText'] }));
  return missingAltProblem(files);
}

function refuse(message: string): never {
  throw new errors.ValidationError(`image: ${message}`, { errors: [{ path: ['image'], message, name: 'ValidationError' }] });
}

/** GET /baobab/themes and /baobab/plugins for the admin's theme select and plugin checkboxes (admin users only). */
function serveAdminLists(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/baobab/themes',
        handler: (ctx: { body: unknown }) => {
          ctx.body = {
            data: registry.themes.map(({ name, label, description, tokens }) => ({ name, label, description, tokens })),
          };
        },
        info: { type: 'admin' },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: '/baobab/plugins',
        handler: (ctx: { body: unknown }) => {
          ctx.body = { data: installedPlugins() };
        },
        info: { type: 'admin' },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  });
}

export function registerForms(strapi: Core.Strapi): void {
  strapi.customFields.register([...FORM_FIELDS]);
  serveAdminLists(strapi);
  registerCarriedByFilter(strapi);
  strapi.documents.use(async (context, next) => {
    if (!WITH_IMAGE.has(context.uid)) return next();
    const params: unknown = context.params;
    const data = isPlainObject(params) && isPlainObject(params.data) ? params.data : undefined;
    if ((context.action === 'create' || context.action === 'update') && data !== undefined && 'image' in data) {
      const problem = await imageProblem(strapi, imageIdsOf(data.image));
      if (problem !== null) refuse(problem);
    }
    const documentId = isPlainObject(params) && typeof params.documentId === 'string' ? params.documentId : undefined;
    if (context.action === 'publish' && documentId !== undefined) {
      const draft: unknown = await strapi.db.query(context.uid).findOne({ where: { documentId, publishedAt: null }, populate: { image: { select: ['id'] } } });
      const problem = await imageProblem(strapi, isPlainObject(draft) ? imageIdsOf(draft.image) : []);
      if (problem !== null) refuse(problem);
    }
    return next();
  });
}
