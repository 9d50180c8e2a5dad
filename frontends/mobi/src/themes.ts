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
