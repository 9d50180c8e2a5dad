// What the article and section pickers point at, for plugins' write rules: which picked
// slugs name no document. The pickers store a slug (a string), not a relation, so a picked
// article can be deleted or renamed afterwards; a save then learns it here.
import { isPlainObject, isSlug } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { UID } from '../delivery/content-index';

/** The custom fields that store the slug of another document, and the type they point at. */
export const PICKED_TYPES: Readonly<Record<string, string>> = {
  'global::article-picker': UID.article,
  'global::section-picker': UID.section,
};

/** The picker fields of a content-type model, with the type each points at. */
export function pickerFields(model: unknown): Array<{ field: string; target: string }> {
  const attributes = isPlainObject(model) && isPlainObject(model.attributes) ? model.attributes : {};
  return Object.entries(attributes).flatMap(([field, attribute]) => {
    const target = isPlainObject(attribute) && typeof attribute.customField === 'string' ? PICKED_TYPES[attribute.customField] : undefined;
    return target === undefined ? [] : [{ field, target }];
  });
}

/** Longest slug looked up; a longer value breaks the field's own grammar and length rules first. */
const MAX_SLUG = 100;

/**
 * The picker fields of `uid` whose value in `data` is a slug no document of the type has, in
 * any locale, draft or published. Empty values name nothing, and values that are not slugs
 * are the grammar rule's to refuse: neither is looked up nor reported missing.
 */
export async function missingReferences(strapi: Core.Strapi, uid: string, data: Readonly<Record<string, unknown>>): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const { field, target } of pickerFields(strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]))) {
    const slug = data[field];
    if (typeof slug !== 'string' || slug.length > MAX_SLUG || !isSlug(slug)) continue;
    const found: unknown = await strapi.db.query(target as Parameters<Core.Strapi['db']['query']>[0]).findOne({ where: { slug }, select: ['id'] });
    if (found === null || found === undefined) missing.add(field);
  }
  return missing;
}
