// Shared (non-localized) fields say so in the form, on every locale: Strapi's i18n only shows
// a globe icon whose tooltip reads "This value is common to all locales". The sentence is
// added to each such field's help text (schema config.metadatas, which the content manager
// reads when it first lays out a type's form).
import { isPlainObject as isRecord } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { fieldsOf, translatedKinds } from './stamps';

export const SHARED_HINT = 'Shared by every language: changing it here changes it in all languages.';

/** The help text with the shared-field sentence, added once. */
export function withSharedHint(description: unknown): string {
  const text = typeof description === 'string' ? description.trim() : '';
  if (text.includes(SHARED_HINT)) return text;
  return text === '' ? SHARED_HINT : `${text} ${SHARED_HINT}`;
}

export function addSharedHints(strapi: Core.Strapi): void {
  for (const uid of Object.values(translatedKinds)) {
    const model: unknown = strapi.getModel(uid);
    if (!isRecord(model)) continue;
    const config = isRecord(model.config) ? model.config : (model.config = {});
    const metadatas = isRecord(config.metadatas) ? config.metadatas : (config.metadatas = {});
    for (const name of fieldsOf(strapi, uid).shared) {
      const meta = isRecord(metadatas[name]) ? metadatas[name] : (metadatas[name] = {});
      const edit = isRecord(meta.edit) ? meta.edit : (meta.edit = {});
      edit.description = withSharedHint(edit.description);
    }
  }
}
