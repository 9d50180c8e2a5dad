// The theme contract and the base theme. A theme is design tokens plus one small CSS
// file built from them, inlined in every page: system fonts, no images, no scripts,
// logical properties so right-to-left sites mirror without a second stylesheet.
import { isPlainObject } from '@baobab/kit';
import { z } from 'zod';
import baseTokens from '../tokens.json';

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour');

export const tokensSchema = z.object({
  colors: z.object({
    background: colour,
    text: colour,
    muted: colour,
    primary: colour,
    primaryText: colour,
    link: colour,
    surface: colour,
    border: colour,
  }),
  font: z.string().min(1),
  fontSize: z.string().regex(/^\d+(\.\d+)?(px|rem)$/),
  space: z.string().regex(/^\d+(\.\d+)?(px|rem)$/),
  maxWidth: z.string().regex(/^\d+(\.\d+)?(px|rem)$/),
  siteName: z.string().optional(),
  logoText: z.string().optional(),
});
export type ThemeTokens = z.infer<typeof tokensSchema>;

export interface Theme {
  readonly name: string;
  readonly tokens: ThemeTokens;
  /** The page CSS for a site's final tokens (package tokens merged with the site's overrides). */
  readonly css: (tokens: ThemeTokens) => string;
}

export class ThemeError extends Error {
  readonly code = 'THEME_INVALID';
}

/** Validates a theme once at start-up; a bad token names its path. */
export function defineTheme(theme: { name: string; tokens: unknown; css?: (tokens: ThemeTokens) => string }): Theme {
  const parsed = tokensSchema.safeParse(theme.tokens);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ThemeError(`themes[${theme.name}].tokens.${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`);
  }
  return { name: theme.name, tokens: parsed.data, css: theme.css ?? baseCss };
}

/** Deep merge of plain objects, `override` winning; neither input changes. The one token merge (CMS and mobi). */
export function mergeTokens(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeTokens(current, value) : value;
  }
  return merged;
}

/**
 * A site's final tokens: the delivered tokens (package tokens merged with the site's
 * overrides in the CMS) over this theme's own. A bad override never breaks the page: the
 * theme's tokens are used instead.
 */
export function resolveTokens(theme: Theme, delivered: unknown): ThemeTokens {
  if (!isPlainObject(delivered)) return theme.tokens;
  const parsed = tokensSchema.safeParse(mergeTokens(theme.tokens, delivered));
  return parsed.success ? parsed.data : theme.tokens;
}

/** The base stylesheet: readable at 240 px, one column, solid colours (proxy browsers drop gradients). */
export function baseCss(t: ThemeTokens): string {
  const c = t.colors;
  return [
    `*{box-sizing:border-box}`,
    `html{background:${c.background};color:${c.text};font:${t.fontSize}/1.5 ${t.font};-webkit-text-size-adjust:100%}`,
    `body{margin:0 auto;max-width:${t.maxWidth};background:${c.background}}`,
    `a{color:${c.link}}a:focus,button:focus,input:focus{outline:3px solid ${c.primary};outline-offset:2px}`,
    `header{background:${c.primary};color:${c.primaryText};padding:${t.space}}`,
    `header a{color:${c.primaryText};font-weight:bold;text-decoration:none}`,
    `nav ul,footer ul{list-style:none;margin:0;padding:0}`,
    `nav li,footer li{display:inline-block;margin-inline-end:${t.space}}`,
    `.topics{background:${c.surface};padding:${t.space};border-block-end:1px solid ${c.border}}`,
    `main{padding:${t.space}}`,
    `h1{font-size:1.5em;line-height:1.25;margin:.5em 0}h2{font-size:1.2em;margin:1em 0 .4em}`,
    `img{max-width:100%;height:auto;background:${c.surface}}`,
    `.lead{color:${c.muted};font-size:1.05em}`,
    `.notice{background:${c.surface};border-inline-start:4px solid ${c.primary};padding:${t.space}}`,
    `.cards{list-style:none;padding:0}.cards li{border-block-end:1px solid ${c.border};padding:${t.space} 0}`,
    `.meta{color:${c.muted};font-size:.9em}`,
    `form{margin:${t.space} 0}input,button{font:inherit;padding:.4em;max-width:100%}`,
    `button{background:${c.primary};color:${c.primaryText};border:0}`,
    `footer{border-block-start:1px solid ${c.border};padding:${t.space};color:${c.muted};font-size:.9em}`,
    `blockquote{margin:0;padding-inline-start:${t.space};border-inline-start:4px solid ${c.border}}`,
  ].join('');
}

export const baseTheme: Theme = defineTheme({ name: 'base', tokens: baseTokens });

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => {
      const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** The text/background pairs every theme must keep at WCAG AA (4.5:1), as readable problems. */
export function contrastProblems(tokens: ThemeTokens): string[] {
  const c = tokens.colors;
  const pairs: Array<[string, string, string, string]> = [
    ['text', c.text, 'background', c.background],
    ['muted', c.muted, 'background', c.background],
    ['link', c.link, 'background', c.background],
    ['primaryText', c.primaryText, 'primary', c.primary],
    ['text', c.text, 'surface', c.surface],
    ['link', c.link, 'surface', c.surface],
  ];
  return pairs.flatMap(([fg, fgValue, bg, bgValue]) => {
    const ratio = contrastRatio(fgValue, bgValue);
    return ratio >= 4.5 ? [] : [`colors.${fg} ${fgValue} on colors.${bg} ${bgValue} has contrast ${ratio.toFixed(2)}:1; WCAG AA needs 4.5:1`];
  });
}

/** Problems a site's token overrides would cause on this theme: invalid values, then poor contrast. */
export function overrideProblems(theme: Theme, overrides: Record<string, unknown>): string[] {
  const parsed = tokensSchema.safeParse(mergeTokens(theme.tokens, overrides));
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  return contrastProblems(parsed.data);
}
