// UI strings through i18next, from locales/<code>/<namespace>.json with the registry's
// fallback chains. Server-side: a page receives its resolved table as props, so no
// i18next (and no file access) reaches any bundle.
import { fallbackChain, i18nextFallbackLng } from '@baobab/locales';
import { loadUiStrings } from '@baobab/locales/ui-strings';
import i18next from 'i18next';

const NAMESPACE = 'common';
const tables = new Map<string, Record<string, string>>();

/** Every UI string for a locale, each resolved along its fallback chain, placeholders kept. */
export function uiStrings(locale: string): Record<string, string> {
  const known = tables.get(locale);
  if (known) return known;
  const resources: Record<string, Record<string, Record<string, string>>> = {};
  for (const code of [...fallbackChain(locale), 'en']) {
    const table = loadUiStrings(code, NAMESPACE);
    if (table) resources[code] = { [NAMESPACE]: table };
  }
  const instance = i18next.createInstance();
  void instance.init({ lng: locale, resources, ns: [NAMESPACE], defaultNS: NAMESPACE, fallbackLng: i18nextFallbackLng(), initAsync: false });
  const keys = Object.keys(loadUiStrings('en', NAMESPACE) ?? {});
  const table = Object.fromEntries(keys.map((key) => [key, instance.t(key, { skipInterpolation: true })]));
  tables.set(locale, table);
  return table;
}
