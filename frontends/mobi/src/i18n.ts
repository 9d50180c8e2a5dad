// UI strings for pages, resolved server-side: a page receives its table as props, so no
// i18next (and no file access) reaches any bundle.
import { resolveUiStrings } from '@baobab/locales/ui-strings';

/** Every `common` UI string for a locale, each resolved along its fallback chain, placeholders kept. */
export function uiStrings(locale: string): Record<string, string> {
  return resolveUiStrings(locale, 'common');
}
