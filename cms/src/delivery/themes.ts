// Theme = package tokens merged with a site's overrides. Theme packages are
// `@baobab/theme-<name>` with a `tokens.json`; a site naming a theme that is not
// installed still gets its own overrides, so the site keeps working.
import { z } from 'zod';

const tokensSchema = z.record(z.string(), z.unknown());
const packageTokens = new Map<string, Record<string, unknown>>();

function loadPackageTokens(name: string): Record<string, unknown> {
  const known = packageTokens.get(name);
  if (known) return known;
  let tokens: Record<string, unknown> = {};
  if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
    try {
      const parsed = tokensSchema.safeParse(require(`@baobab/theme-${name}/tokens.json`));
      if (parsed.success) tokens = parsed.data;
    } catch {
      // Not installed: the site's overrides alone.
    }
  }
  packageTokens.set(name, tokens);
  return tokens;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep merge of plain objects; `override` wins; neither input is changed. */
export function mergeTokens(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeTokens(current, value) : value;
  }
  return merged;
}

export function themeFor(name: string, overrides: Record<string, unknown>) {
  return { name, tokens: mergeTokens(loadPackageTokens(name), overrides) };
}
