// Theme packages the mobi-site knows, by name. A site naming an unknown theme gets base.
import { baseTheme, resolveTokens, type Theme } from '@baobab/theme-base';
import { pulseTheme } from '@baobab/theme-pulse';
import { sunriseTheme } from '@baobab/theme-sunrise';

const themes: ReadonlyMap<string, Theme> = new Map([baseTheme, sunriseTheme, pulseTheme].map((theme) => [theme.name, theme]));

/** The inline CSS for a site: its theme's stylesheet over the merged tokens from the CMS. */
export function siteCss(name: string, tokens: unknown): string {
  const theme = themes.get(name) ?? baseTheme;
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
