// A site's stylesheet from the installed themes (the registry, baobab.config.ts). A site
// naming a theme that is not installed gets the default theme.
import { resolveTokens } from '@baobab/theme-api';
import registry from '../../../baobab.config';

/** The inline CSS for a site: its theme's stylesheet over the merged tokens from the CMS. */
export function siteCss(name: string, tokens: unknown): string {
  const theme = registry.themeOrDefault(name);
  return theme.css(resolveTokens(theme, tokens));
}

/**
 * CSS as the text of a `<style>` element. Whatever a theme or its tokens produce, no `<`
 * reaches the page (so no `</style>`, no `<!--`): each becomes the CSS escape `\3c `,
 * which means the same character to CSS and nothing to HTML.
 */
export function styleElementText(css: string): string {
  return css.replace(/</g, '\\3c ');
}
