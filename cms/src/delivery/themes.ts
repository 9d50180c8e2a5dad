// Theme = package tokens merged with a site's overrides, each token by the theme grammar of
// @baobab/theme-base: a bad value (saved before the grammar existed, or written around the
// CMS) gives way to the package's own, so no client receives it. Theme packages are
// `@baobab/theme-<name>` with a `tokens.json`; a site naming a theme that is not installed
// gets the base theme's tokens under its own overrides, so the site keeps working.
import { isSlug } from '@baobab/kit';
import { baseTheme, defineTheme, keepValidTokens, mergeTokens, tokensSchema as themeTokensSchema, type Theme, type ThemeTokens } from '@baobab/theme-base';
import { z } from 'zod';
import { installedPackages } from '../paths';

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

export function themeFor(name: string, overrides: Record<string, unknown>): { name: string; tokens: ThemeTokens } {
  const own = loadPackageTokens(name);
  const parsed = themeTokensSchema.safeParse(own);
  const fallback = parsed.success ? parsed.data : baseTheme.tokens;
  return { name, tokens: keepValidTokens(fallback, mergeTokens(own, overrides)) };
}

/** An installed theme as the admin offers it: its short name, a label, what its package says it is, and its tokens. */
export interface InstalledTheme {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly theme: Theme;
}

let installed: ReadonlyMap<string, InstalledTheme> | null = null;

/**
 * Every installed theme package (`@baobab/theme-<name>` with valid tokens), by name, base
 * first: what a site's theme may be. Read once; installing a theme means a restart anyway.
 */
export function installedThemes(): ReadonlyMap<string, InstalledTheme> {
  if (installed) return installed;
  const packages = installedPackages('theme');
  const themes = new Map<string, InstalledTheme>();
  for (const { name, description } of [...packages.filter((found) => found.name === 'base'), ...packages.filter((found) => found.name !== 'base')]) {
    try {
      const theme = name === 'base' ? baseTheme : defineTheme({ name, tokens: loadPackageTokens(name) });
      themes.set(name, { name, label: name.charAt(0).toUpperCase() + name.slice(1), description, theme });
    } catch {
      // A package without valid tokens is not a theme a site can use.
    }
  }
  installed = themes;
  return themes;
}
