// UI strings on disk, `locales/<code>/<namespace>.json`: server-side only (it reads files),
// so it is its own entry point and the registry stays importable anywhere.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import i18next from 'i18next';
import { fallbackChain, i18nextFallbackLng, isKnownLocale, LocaleRegistryError } from './index';

/**
 * The folder holding i18next UI strings: `<dir>/<code>/<namespace>.json`. Bundlers move
 * this module away from its folder, so a bundled server sets BAOBAB_LOCALES_DIR.
 */
export const uiStringsDir = path.resolve(/*turbopackIgnore: true*/ process.env.BAOBAB_LOCALES_DIR ?? path.join(__dirname, '..'));

const uiTableSchema = z.record(z.string(), z.string());

/** The UI strings of one locale and namespace (`locales/<code>/<namespace>.json`), or null when absent. */
export function loadUiStrings(code: string, namespace: string): Record<string, string> | null {
  if (!isKnownLocale(code) || !/^[a-z][a-z0-9-]*$/.test(namespace)) return null;
  const file = path.join(uiStringsDir, code, `${namespace}.json`);
  if (!fs.existsSync(file)) return null;
  const parsed = uiTableSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new LocaleRegistryError(`${path.relative(uiStringsDir, file)} must be a flat object of strings`);
  return parsed.data;
}

/** Keys of the `en` table that `code` cannot supply from itself or its fallback chain. */
export function missingUiKeys(code: string, namespace: string): string[] {
  const source = loadUiStrings('en', namespace) ?? {};
  const available = new Set(fallbackChain(code).flatMap((link) => Object.keys(loadUiStrings(link, namespace) ?? {})));
  return Object.keys(source).filter((key) => !available.has(key));
}

const resolvedTables = new Map<string, Record<string, string>>();

/**
 * Every UI string of a namespace for a locale, each resolved through i18next along the
 * registry's fallback chain (`sw-KE → sw → en`), `{{placeholders}}` kept for the caller.
 */
export function resolveUiStrings(locale: string, namespace: string): Record<string, string> {
  const cacheKey = `${locale}\u0000${namespace}`;
  const known = resolvedTables.get(cacheKey);
  if (known) return known;
  const resources: Record<string, Record<string, Record<string, string>>> = {};
  for (const code of [...fallbackChain(locale), 'en']) {
    const table = loadUiStrings(code, namespace);
    if (table) resources[code] = { [namespace]: table };
  }
  const instance = i18next.createInstance();
  void instance.init({ lng: locale, resources, ns: [namespace], defaultNS: namespace, fallbackLng: i18nextFallbackLng(), initAsync: false });
  const keys = Object.keys(loadUiStrings('en', namespace) ?? {});
  const table = Object.fromEntries(keys.map((key) => [key, instance.t(key, { skipInterpolation: true })]));
  resolvedTables.set(cacheKey, table);
  return table;
}
