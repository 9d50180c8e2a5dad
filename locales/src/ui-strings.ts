// UI strings on disk, `locales/<code>/<namespace>.json`: server-side only (it reads files),
// so it is its own entry point and the registry stays importable anywhere.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fallbackChain, isKnownLocale, LocaleRegistryError } from './index';

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
