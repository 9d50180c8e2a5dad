// Baobab's admin extension: real form controls for Baobab's JSON fields (custom fields whose
// server half is src/content/custom-fields.ts), the login page says where you are, and
// Strapi's guided tour and release notices stay out of editors' way. Built into the panel by
// scripts/build-admin.ts (a change here makes the next `npm start` or browser test rebuild it).

import * as forms from './forms/index.js';
import * as schedule from './schedule/index.js';
import { transfer } from './transfer.js';
import { translations } from './translations.js';

/**
 * Strapi 5.54 shows its guided tour in every panel not built with NODE_ENV=test, whatever
 * `config.tutorials` says; it reads its state from localStorage before the first render.
 * Register runs before that render: mark the tour as skipped (as its "Skip" does), keeping
 * any other state it stored.
 */
function skipGuidedTour(): void {
  const key = 'STRAPI_GUIDED_TOUR';
  const storage = (globalThis as { localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void } }).localStorage;
  try {
    const stored: unknown = JSON.parse(storage?.getItem(key) ?? 'null');
    const state = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
    storage?.setItem(key, JSON.stringify({ ...state, enabled: false }));
  } catch {
    // A browser without storage shows the tour; nothing else depends on it.
  }
}

/** The parts of Strapi's admin app (StrapiApp of @strapi/admin) the extension's modules use. */
type AdminApp = Parameters<typeof forms.register>[0] &
  Parameters<typeof forms.bootstrap>[0] &
  Parameters<typeof schedule.bootstrap>[0] &
  Parameters<typeof transfer.register>[0] &
  Parameters<typeof translations.register>[0] &
  Parameters<typeof translations.bootstrap>[0];

export default {
  config: {
    locales: [],
    tutorials: false,
    notifications: { releases: false },
    translations: {
      en: {
        'Auth.form.welcome.title': 'Welcome to Baobab',
        'Auth.form.welcome.subtitle': 'Log in to edit every country site',
        // The patterns Baobab's schemas set: short names (codes, slugs, sections) and variable names.
        'components.Input.error.validation.regex':
          'Codes and web address names take lowercase letters, digits and single hyphens, like hiv-testing-basics; variable names take letters, digits and _, starting with a letter.',
        'components.Input.error.validation.regex.withField':
          '{field}: codes and web address names take lowercase letters, digits and single hyphens, like hiv-testing-basics; variable names take letters, digits and _, starting with a letter.',
      },
    },
  },
  register(app: AdminApp) {
    skipGuidedTour();
    translations.register(app);
    transfer.register(app);
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
    schedule.bootstrap(app);
    translations.bootstrap(app);
  },
};
