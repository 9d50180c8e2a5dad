// The server half of Baobab's admin form controls (the admin half is src/admin/app.tsx):
// each stores the same JSON as before, so validation and the delivery API do not change.
import type { Core } from '@strapi/strapi';

/** `global::site-picker`: the sites that carry an article, page, banner or section, as a JSON list of site codes. */
export const SITE_PICKER = { name: 'site-picker', type: 'json' } as const;

/** `global::locale-picker`: a site's languages, as a JSON list of registry locale codes. */
export const LOCALE_PICKER = { name: 'locale-picker', type: 'json' } as const;

/** `global::default-locale`: a site's default language, one of its locale codes. */
export const DEFAULT_LOCALE = { name: 'default-locale', type: 'string' } as const;

export function registerCustomFields(strapi: Core.Strapi): void {
  strapi.customFields.register([SITE_PICKER, LOCALE_PICKER, DEFAULT_LOCALE]);
}
