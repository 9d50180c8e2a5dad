// Translation status (issue 9, point 5): stamps per locale version, the refusal of locales no
// carrying site serves, shared fields reaching every published locale, and the admin routes
// behind the Translations page and the edit-view badge.
import type { Core } from '@strapi/strapi';
import { registerTranslationRules } from './middleware';
import { registerTranslationRoutes } from './routes';
import { addSharedHints } from './shared-hint';
import { STAMP_UID, syncStamps, translatedKinds } from './stamps';

export const translation = {
  register({ strapi }: { strapi: Core.Strapi }): void {
    registerTranslationRules(strapi);
    addSharedHints(strapi);
    // Stamps are CMS bookkeeping: no generated GraphQL type, no REST route (none is declared).
    strapi.plugin('graphql')?.service('extension').shadowCRUD(STAMP_UID).disable();
  },
  /** Routes, and a stamp for every version that has none yet (content older than stamps counts as up to date). Run after the seed. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }): Promise<void> {
    registerTranslationRoutes(strapi);
    for (const uid of Object.values(translatedKinds)) await syncStamps(strapi, uid, null);
  },
};
