// The CMS's lifecycle: plugins and content rules at register, then locales, cache invalidation,
// development access and demo content at bootstrap.
import type { Core } from '@strapi/strapi';
import { ensureDevAccess } from './bootstrap/dev-access';
import { ensureLocales } from './bootstrap/locales';
import { registerContentRules } from './content';
import { registerForms } from './forms';
import { deliveryService, serveDelivery, watchContentChanges } from './delivery';
import { loadPlugins } from './plugins';
import { registerPluginRules } from './plugins/rules';
import { roles } from './roles';
import { cmsEnv } from './env';
import { dataPaths } from './paths';
import { seedIfEmpty } from './seed';
import { translation } from './translation';
import { registerTransferRoutes } from './transfer';
import { registerBatch } from './batch';
import { hintComponentIndexes } from './database';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // The installed plugins' CMS and delivery halves (Strapi has loaded their Strapi parts).
    await loadPlugins();
    registerContentRules(strapi);
    registerPluginRules(strapi);
    roles.register({ strapi });
    translation.register({ strapi });
    registerForms(strapi);
    registerTransferRoutes(strapi);
    // Last, so it runs innermost: it forgets an import's remembered reads right after each write.
    registerBatch(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // Before any content is read: Strapi's component reads scan whole tables without them (src/database.ts).
    if (cmsEnv().database.client === 'sqlite') await hintComponentIndexes(strapi.db.connection);
    const created = await ensureLocales(strapi);
    if (created > 0) strapi.log.info(`Created ${created} locales from locales/registry.json`);
    await roles.bootstrap({ strapi });
    watchContentChanges(strapi);
    await serveDelivery(strapi);
    if (cmsEnv().isProduction) {
      await translation.bootstrap({ strapi });
      await deliveryService(strapi).warm();
      return;
    }
    const credentials = await ensureDevAccess(strapi);
    if (cmsEnv().seed) await seedIfEmpty(strapi);
    await translation.bootstrap({ strapi });
    strapi.log.info(
      [
        'Development access (also in ' + dataPaths().credentialsFile + '):',
        `  admin:     ${credentials.BAOBAB_ADMIN_EMAIL} / ${credentials.BAOBAB_ADMIN_PASSWORD}`,
        `  API token: ${credentials.BAOBAB_API_TOKEN.slice(0, 12)}… (full access; BAOBAB_API_TOKEN in that file)`,
      ].join('\n'),
    );
    await deliveryService(strapi).warm();
  },
};
