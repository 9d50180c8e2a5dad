// Baobab's admin extension: real form controls for Baobab's JSON fields (custom fields whose
// server half is src/content/custom-fields.ts), the login page says where you are, and
// Strapi's guided tour and release notices stay out of editors' way. Built into the panel by
// scripts/build-admin.ts (a change here makes the next `npm start` or browser test rebuild it).

/** The part of Strapi's admin app (StrapiApp of @strapi/admin) this extension uses. */
import * as forms from './forms/index.js';

interface AdminApp {
  customFields: { register(field: Record<string, unknown>): void };
  getPlugin(id: string): { injectComponent(view: string, zone: string, component: { name: string; Component: () => unknown }): void };
}

export default {
  config: {
    locales: [],
    tutorials: false,
    notifications: { releases: false },
    translations: {
      en: {
        'Auth.form.welcome.title': 'Welcome to Baobab',
        'Auth.form.welcome.subtitle': 'Log in to edit every country site',
      },
    },
  },
  register(app: AdminApp) {
    app.customFields.register({
      name: 'site-picker',
      type: 'json',
      intlLabel: { id: 'baobab.site-picker.label', defaultMessage: 'Sites' },
      intlDescription: { id: 'baobab.site-picker.description', defaultMessage: 'The sites that carry this, by name and code.' },
      components: { Input: async () => import('./site-picker.js') },
    });
    app.customFields.register({
      name: 'locale-picker',
      type: 'json',
      intlLabel: { id: 'baobab.locale-picker.label', defaultMessage: 'Languages' },
      intlDescription: { id: 'baobab.locale-picker.description', defaultMessage: 'Languages from the locale registry, by their own names.' },
      components: { Input: async () => import('./locales-input.js') },
    });
    app.customFields.register({
      name: 'default-locale',
      type: 'string',
      intlLabel: { id: 'baobab.default-locale.label', defaultMessage: 'Default language' },
      intlDescription: { id: 'baobab.default-locale.description', defaultMessage: "One of the site's languages." },
      components: { Input: async () => import('./default-locale-input.js') },
    });
    forms.register(app);
  },
  bootstrap(app: AdminApp) {
    forms.bootstrap(app);
  },
};
