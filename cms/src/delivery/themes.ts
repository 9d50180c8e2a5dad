// Theme = package tokens merged with a site's overrides. Theme packages are
// `@baobab/theme-<name>` with a `tokens.json`; a site naming a theme that is not
// installed still gets its own overrides, so the site keeps working.
import { isSlug } from '@baobab/kit';
import { mergeTokens } from '@baobab/theme-base';
import { z } from 'zod';

const tokensSchema = z.record(z.string(), z.unknown());
const packageTokens = new Map<string, Record<string, unknown>>();

function loadPackageTokens(name: string): Record<string, unknown> {
  const known = packageTokens.get(name);
  if (known) return known;
  let tokens: Record<string, unknown> = {};
  if (isSlug(name)) {
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

export function themeFor(name: string, overrides: Record<string, unknown>) {
  return { name, tokens: mergeTokens(loadPackageTokens(name), overrides) };
}
