// A site's stylesheet from the installed themes (the registry, baobab.config.ts). A site
// naming a theme that is not installed gets the default theme.
import { resolveTokens } from '@baobab/theme-api';
import registry from '../../../baobab.config';

/** The inline CSS for a site: its theme's stylesheet over the merged tokens from the CMS. */
export function siteCss(name: string, tokens: unknown): string {
  const theme = registry.themeOrDefault(name);
  return theme.css(resolveTokens(theme, tokens));
}

export { styleElementText } from './style-text';
