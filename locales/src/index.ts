// The locale registry: the one source of truth for which locales exist, what they are
// called, which way they are written, and where a missing translation falls back to.
import { z } from 'zod';
import registryFile from '../registry.json';

export const directions = ['ltr', 'rtl'] as const;
export type Direction = (typeof directions)[number];

export interface LocaleInfo {
  /** BCP 47 code, e.g. `sw-KE`. */
  readonly code: string;
  /** Native name, shown to readers. */
  readonly name: string;
  /** English name, shown to editors. */
  readonly englishName: string;
  readonly direction: Direction;
  /** The locale tried next when content is missing; `null` ends the chain. */
  readonly fallback: string | null;
}

export class LocaleRegistryError extends Error {
  readonly code = 'LOCALE_REGISTRY_INVALID';
}

const BCP47 = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;

const entrySchema = z.object({
  code: z.string().regex(BCP47, 'is not a BCP 47 code like "sw-KE"'),
  name: z.string().trim().min(1),
  englishName: z.string().trim().min(1),
  direction: z.enum(directions),
  fallback: z.string().nullable(),
});
const registrySchema = z.object({ locales: z.array(entrySchema).min(1) });

/** Validates raw registry data; throws naming the bad entry. Exported for tests. */
export function parseRegistry(raw: unknown): readonly LocaleInfo[] {
  const parsed = registrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new LocaleRegistryError(`locale registry: ${where || '(root)'} ${issue?.message ?? 'is invalid'}`);
  }
  const entries = parsed.data.locales;
  const byCode = new Map<string, LocaleInfo>();
  for (const entry of entries) {
    if (byCode.has(entry.code)) throw new LocaleRegistryError(`locales[${entry.code}] is listed twice`);
    byCode.set(entry.code, Object.freeze({ ...entry }));
  }
  for (const entry of entries) {
    if (entry.fallback !== null && !byCode.has(entry.fallback)) {
      throw new LocaleRegistryError(`locales[${entry.code}].fallback "${entry.fallback}" is not a known locale`);
    }
    const seen = new Set<string>();
    for (let code: string | null = entry.code; code !== null; code = byCode.get(code)?.fallback ?? null) {
      if (seen.has(code)) throw new LocaleRegistryError(`locales[${entry.code}].fallback forms a cycle through "${code}"`);
      seen.add(code);
    }
  }
  return Object.freeze([...byCode.values()]);
}

export const locales: readonly LocaleInfo[] = parseRegistry(registryFile);
const localesByCode = new Map(locales.map((locale) => [locale.code, locale]));

export function getLocale(code: string): LocaleInfo | undefined {
  return localesByCode.get(code);
}

export function isKnownLocale(code: string): boolean {
  return localesByCode.has(code);
}

/** `sw-KE` → `['sw-KE', 'sw', 'en']`: the locale, then its registry fallbacks. */
export function fallbackChain(code: string): string[] {
  const chain: string[] = [];
  for (let next: string | null = code; next !== null && !chain.includes(next); next = localesByCode.get(next)?.fallback ?? null) {
    chain.push(next);
  }
  return chain;
}

/**
 * The order in which content is looked for: the requested locale, its registry chain,
 * then the site's default locale (and its chain), without repeats.
 */
export function contentChain(requested: string, siteDefault: string): string[] {
  const chain = fallbackChain(requested);
  for (const code of fallbackChain(siteDefault)) if (!chain.includes(code)) chain.push(code);
  return chain;
}

/** The fallback map i18next expects: `{ 'sw-KE': ['sw', 'en'], default: ['en'] }`. */
export function i18nextFallbackLng(): Record<string, string[]> {
  const map: Record<string, string[]> = { default: ['en'] };
  for (const locale of locales) {
    const rest = fallbackChain(locale.code).slice(1);
    if (rest.length > 0) map[locale.code] = rest;
  }
  return map;
}

// The render-time half of UI strings (no file access, so safe in any bundle).
export type Translate = (key: string, values?: Record<string, string>) => string;

/** Looks a resolved string up and fills its `{{placeholders}}`; an unknown key comes back as itself. */
export function createTranslate(strings: Readonly<Record<string, string>>): Translate {
  return (key, values = {}) => (strings[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
