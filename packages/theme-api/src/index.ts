// The theme contract: what a theme package is (`defineTheme`), the token grammar, the
// structural stylesheet every theme starts from (`baseCss`) and the contrast rules. A theme
// is design tokens plus one small CSS file built from them, inlined in every page: system
// fonts, no images, no scripts, logical properties so right-to-left sites mirror.
import { isPlainObject } from '@baobab/kit';
import { z } from 'zod';
import defaultTokenValues from '../default-tokens.json';

const shown = (value: unknown) => {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
};

/** `#rrggbb`, nothing else: no names, no functions, nothing that can carry other CSS. */
const COLOUR = /^#[0-9a-fA-F]{6}$/;
/** A number with px, rem or em; at most 4 integer digits and 3 decimals. */
const LENGTH = /^(\d{1,4})(\.\d{1,3})?(px|rem|em)$/;
const LENGTH_MAX: Readonly<Record<string, number>> = { px: 2000, rem: 125, em: 125 };
/** One family name: a quoted name of safe characters, or bare words (`Noto Sans`, `system-ui`, `-apple-system`). */
const QUOTED_FAMILY = /^(?:"[A-Za-z0-9 _-]{1,60}"|'[A-Za-z0-9 _-]{1,60}')$/;
const BARE_FAMILY = /^-?[A-Za-z_][A-Za-z0-9_-]*(?: -?[A-Za-z_][A-Za-z0-9_-]*)*$/;
export const FONT_STACK_MAX = 200;
export const TEXT_TOKEN_MAX = 80;
// Control characters, and the bidirectional controls that make text read differently than it is stored.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export function isColour(value: string): boolean {
  return COLOUR.test(value);
}

export function isLength(value: string): boolean {
  const match = LENGTH.exec(value);
  return match !== null && Number(`${match[1]}${match[2] ?? ''}`) <= (LENGTH_MAX[match[3] ?? ''] ?? 0);
}

/** Comma-separated family names, quoted (safe characters only) or bare; at most 12 and 200 characters. */
export function isFontStack(value: string): boolean {
  if (value.length > FONT_STACK_MAX) return false;
  const families = value.split(',').map((family) => family.trim());
  return families.length <= 12 && families.every((family) => family.length <= 62 && (QUOTED_FAMILY.test(family) || BARE_FAMILY.test(family)));
}

/** Plain text shown as the site's name or logo: 1 to 80 characters, no control characters. */
export function isPlainTextToken(value: string): boolean {
  return value.trim() !== '' && value.length <= TEXT_TOKEN_MAX && !CONTROL.test(value);
}

const grammar = (test: (value: string) => boolean, rule: string) => {
  const explain = (input: unknown) => `${shown(input)} is not ${rule}`;
  return z.string({ error: (issue) => explain(issue.input) }).refine(test, { error: (issue) => explain(issue.input) });
};

const colour = grammar(isColour, 'a colour: write it as #rrggbb, like "#0b6e4f"');
const length = grammar(isLength, 'a length: a number with px, rem or em, like "16px" or "40rem" (at most 2000px or 125rem)');
const fontStack = grammar(
  isFontStack,
  `a font stack: list family names separated by commas, like system-ui, 'Noto Sans', sans-serif (letters, digits, spaces, hyphens and underscores; a name in quotes; at most ${FONT_STACK_MAX} characters). Functions such as url(), at-rules and the characters ; { } < > \\ are not allowed`,
);
const plainText = grammar(isPlainTextToken, `plain text of 1 to ${TEXT_TOKEN_MAX} characters without control characters`);

export const colourTokens = ['background', 'text', 'muted', 'primary', 'primaryText', 'link', 'surface', 'border'] as const;
export type ColourToken = (typeof colourTokens)[number];

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
  font: fontStack,
  fontSize: length,
  space: length,
  maxWidth: length,
  siteName: plainText.optional(),
  logoText: plainText.optional(),
});
export type ThemeTokens = z.infer<typeof tokensSchema>;

export interface Theme {
  readonly name: string;
  /** What editors see in the site form's theme select. */
  readonly label: string;
  readonly description: string;
  readonly tokens: ThemeTokens;
  /** The page CSS for a site's final tokens (package tokens merged with the site's overrides), safe to inline in `<style>`. */
  readonly css: (tokens: ThemeTokens) => string;
}

export class ThemeError extends Error {
  readonly code = 'THEME_INVALID';
}

/**
 * `candidate`'s tokens where each passes its grammar, `fallback`'s where it does not: one bad
 * override never takes the others with it.
 */
export function keepValidTokens(fallback: ThemeTokens, candidate: unknown): ThemeTokens {
  const from = isPlainObject(candidate) ? candidate : {};
  const colors = isPlainObject(from.colors) ? from.colors : {};
  const pick = (schema: z.ZodType<string>, value: unknown, otherwise: string) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : otherwise;
  };
  const optional = (value: unknown, otherwise: string | undefined) => {
    const parsed = plainText.safeParse(value);
    return parsed.success ? parsed.data : otherwise;
  };
  const fc = fallback.colors;
  const tokens: ThemeTokens = {
    colors: {
      background: pick(colour, colors.background, fc.background),
      text: pick(colour, colors.text, fc.text),
      muted: pick(colour, colors.muted, fc.muted),
      primary: pick(colour, colors.primary, fc.primary),
      primaryText: pick(colour, colors.primaryText, fc.primaryText),
      link: pick(colour, colors.link, fc.link),
      surface: pick(colour, colors.surface, fc.surface),
      border: pick(colour, colors.border, fc.border),
    },
    font: pick(fontStack, from.font, fallback.font),
    fontSize: pick(length, from.fontSize, fallback.fontSize),
    space: pick(length, from.space, fallback.space),
    maxWidth: pick(length, from.maxWidth, fallback.maxWidth),
  };
  const siteName = optional(from.siteName, fallback.siteName);
  const logoText = optional(from.logoText, fallback.logoText);
  return { ...tokens, ...(siteName === undefined ? {} : { siteName }), ...(logoText === undefined ? {} : { logoText }) };
}

/**
 * CSS made safe to inline in an HTML `<style>` element: every `<` becomes the CSS escape
 * `\3c `, so no `</style`, `<!--` or `<script` can appear whatever a token holds. Token
 * grammars already refuse `<`; this is the second lock.
 */
export function escapeStyleText(css: string): string {
  return css.replace(/</g, '\\3c ');
}

/** Validates a theme once at start-up; a bad token names its path. Its CSS only ever sees valid tokens and is escaped for `<style>`. */
export function defineTheme(theme: { name: string; label?: string; description?: string; tokens: unknown; css?: (tokens: ThemeTokens) => string }): Theme {
  const parsed = tokensSchema.safeParse(theme.tokens);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ThemeError(`themes[${theme.name}].tokens.${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`);
  }
  const tokens = parsed.data;
  const css = theme.css ?? baseCss;
  const label = theme.label ?? theme.name.charAt(0).toUpperCase() + theme.name.slice(1);
  return { name: theme.name, label, description: theme.description ?? '', tokens, css: (given) => escapeStyleText(css(keepValidTokens(tokens, given))) };
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
 * overrides in the CMS) over this theme's own. A bad override never breaks the page: that
 * token keeps the theme's value, and the other overrides still apply.
 */
export function resolveTokens(theme: Theme, delivered: unknown): ThemeTokens {
  if (!isPlainObject(delivered)) return theme.tokens;
  return keepValidTokens(theme.tokens, mergeTokens(theme.tokens, delivered));
}

/** The tokens of the base theme, and what `baseCss` falls back to for a token that fails its grammar. */
export const defaultTokens: ThemeTokens = tokensSchema.parse(defaultTokenValues);

/** The base stylesheet: readable at 240 px, one column, solid colours (proxy browsers drop gradients). */
export function baseCss(given: ThemeTokens): string {
  // Called by other themes with their own tokens too: re-checked here, so no caller can inline a bad one.
  const t = keepValidTokens(defaultTokens, given);
  const c = t.colors;
  const css = [
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
  return escapeStyleText(css);
}

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

/** The text/background pairs every theme must keep at WCAG AA (4.5:1). */
export const contrastPairs: ReadonlyArray<readonly [ColourToken, ColourToken]> = [
  ['text', 'background'],
  ['muted', 'background'],
  ['link', 'background'],
  ['primaryText', 'primary'],
  ['text', 'surface'],
  ['link', 'surface'],
];

/** Colour tokens as editors know them (the site form's labels and the save's messages). */
export const colourLabels: Readonly<Record<ColourToken, string>> = {
  background: 'Background',
  text: 'Text',
  muted: 'Secondary text',
  primary: 'Header and buttons',
  primaryText: 'Text on header and buttons',
  link: 'Links',
  surface: 'Panels',
  border: 'Borders',
};

/** "Text (#eeeeee) on background (#fffaf3) has contrast 1.12:1; WCAG AA needs 4.5:1." */
function contrastMessage(fg: ColourToken, fgValue: string, bg: ColourToken, bgValue: string, ratio: number): string {
  return `${colourLabels[fg]} (${fgValue}) on ${colourLabels[bg].toLowerCase()} (${bgValue}) has contrast ${ratio.toFixed(2)}:1; WCAG AA needs 4.5:1.`;
}

/** The pairs that miss WCAG AA (4.5:1), as readable problems. */
export function contrastProblems(tokens: ThemeTokens): string[] {
  const c = tokens.colors;
  return contrastPairs.flatMap(([fg, bg]) => {
    const ratio = contrastRatio(c[fg], c[bg]);
    return ratio >= 4.5 ? [] : [contrastMessage(fg, c[fg], bg, c[bg], ratio)];
  });
}

export interface TokenProblem {
  /** The token's path inside the tokens: `font`, `colors.primary`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Problems a site's token overrides would cause on this theme, one per token: values that
 * break the grammar, then text/background pairs that lose contrast (named by the colour the
 * overrides changed).
 */
export function tokenProblems(theme: Theme, overrides: Record<string, unknown>): TokenProblem[] {
  const unknown = unknownTokens(overrides);
  if (unknown.length > 0) return unknown;
  const parsed = tokensSchema.safeParse(mergeTokens(theme.tokens, overrides));
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const changed = isPlainObject(overrides.colors) ? overrides.colors : {};
  const c = parsed.data.colors;
  return contrastPairs.flatMap(([fg, bg]) => {
    const ratio = contrastRatio(c[fg], c[bg]);
    if (ratio >= 4.5) return [];
    const blamed = fg in changed || !(bg in changed) ? fg : bg;
    return [{ path: `colors.${blamed}`, message: `${contrastMessage(fg, c[fg], bg, c[bg], ratio)} Choose a different ${colourLabels[blamed].toLowerCase()} colour.` }];
  });
}

const tokenNames: readonly string[] = Object.keys(tokensSchema.shape);

/** Overrides naming no token: they would be saved and silently do nothing, so they are refused. */
function unknownTokens(overrides: Record<string, unknown>): TokenProblem[] {
  const problems: TokenProblem[] = Object.keys(overrides)
    .filter((key) => !tokenNames.includes(key))
    .map((key) => ({ path: key, message: `"${key}" is not a theme token; use ${tokenNames.join(', ')}` }));
  if (isPlainObject(overrides.colors)) {
    for (const key of Object.keys(overrides.colors)) {
      if (!(colourTokens as readonly string[]).includes(key)) {
        problems.push({ path: `colors.${key}`, message: `"${key}" is not a theme colour; use ${colourTokens.join(', ')}` });
      }
    }
  }
  return problems;
}

/** `tokenProblems` as `path message` lines. */
export function overrideProblems(theme: Theme, overrides: Record<string, unknown>): string[] {
  return tokenProblems(theme, overrides).map((problem) => `${problem.path} ${problem.message}`);
}
