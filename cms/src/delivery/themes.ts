// Theme = the installed theme's tokens merged with a site's overrides, each token by the
// grammar of @baobab/theme-api: a bad value (saved before the grammar existed, or written
// around the CMS) gives way to the theme's own, so no client receives it. A site naming a
// theme that is not installed gets the default theme's tokens under its own overrides, so
// the site keeps working.
import { keepValidTokens, mergeTokens, type ThemeTokens } from '@baobab/theme-api';
import { registry } from '../registry';

export function themeFor(name: string, overrides: Record<string, unknown>): { name: string; tokens: ThemeTokens } {
  const theme = registry.themeOrDefault(name);
  return { name, tokens: keepValidTokens(theme.tokens, mergeTokens(theme.tokens, overrides)) };
}
