// The pure rules behind the admin's form controls (src/admin/forms/), kept apart from React
// so they are unit tested here: each calls the rule the save uses rather than restating it.
import { colourLabels, contrastPairs, contrastRatio, isColour, mergeTokens, type ColourToken } from '@baobab/theme-api';
import { isPlainObject } from '@baobab/kit';
import { hostnameProblem } from '../content/hostnames';

/** A hostname row's problem as the editor types: empty, the hostname rule, or a repeat of an earlier row. */
export function hostnameRowProblem(row: string, index: number, rows: readonly string[]): string | null {
  if (row.trim() === '') return 'Type a hostname, like "kijana-ke.localhost", or remove this row.';
  const problem = hostnameProblem(row);
  if (problem !== null) return problem;
  const key = row.trim().toLowerCase();
  return rows.slice(0, index).some((earlier) => earlier.trim().toLowerCase() === key) ? `"${row}" is listed twice.` : null;
}

export { colourLabels };

/** WCAG AA for normal text. */
export const AA_RATIO = 4.5;

export interface ContrastLine {
  readonly foreground: ColourToken;
  readonly background: ColourToken;
  readonly ratio: number;
  readonly passes: boolean;
  /** `Text on Background: 7.2:1, passes AA` */
  readonly text: string;
}

/** The contrast of every pair the save checks, on the theme's tokens with the overrides over them (pairs with an unreadable colour are left out). */
export function contrastReport(themeTokens: Record<string, unknown>, overrides: Record<string, unknown>): ContrastLine[] {
  const merged = mergeTokens(themeTokens, overrides);
  const colours = isPlainObject(merged.colors) ? merged.colors : {};
  return contrastPairs.flatMap(([foreground, background]) => {
    const fg = colours[foreground];
    const bg = colours[background];
    if (typeof fg !== 'string' || typeof bg !== 'string' || !isColour(fg) || !isColour(bg)) return [];
    const ratio = contrastRatio(fg, bg);
    const passes = ratio >= AA_RATIO;
    const shown = Math.floor(ratio * 10) / 10;
    const verdict = passes ? 'passes AA' : `fails AA, which needs ${AA_RATIO}:1`;
    return [{ foreground, background, ratio, passes, text: `${colourLabels[foreground]} on ${colourLabels[background].toLowerCase()}: ${shown}:1, ${verdict}` }];
  });
}

/** The overrides with one token set, or removed when blank (so it is the theme's again); no empty `colors` is left behind. */
export function withToken(overrides: Record<string, unknown>, token: string, value: string, isColourToken = false): Record<string, unknown> {
  if (isColourToken) {
    const colours = { ...(isPlainObject(overrides.colors) ? overrides.colors : {}) };
    if (value.trim() === '') delete colours[token];
    else colours[token] = value.trim();
    const { colors: _dropped, ...rest } = overrides;
    return Object.keys(colours).length === 0 ? rest : { ...rest, colors: colours };
  }
  const { [token]: _dropped, ...rest } = overrides;
  return value.trim() === '' ? rest : { ...rest, [token]: value };
}

/** Longest tag the save accepts. */
export const TAG_MAX = 40;

/** The tags after the editor typed `text` and pressed Enter: trimmed, once each; or why it was not added. */
export function addTag(tags: readonly string[], text: string): { tags: string[]; problem: string | null } {
  const tag = text.trim();
  if (tag === '') return { tags: [...tags], problem: null };
  if (tag.length > TAG_MAX) return { tags: [...tags], problem: `A tag is at most ${TAG_MAX} characters; "${tag.slice(0, 20)}…" has ${tag.length}.` };
  if (tags.some((existing) => existing.toLowerCase() === tag.toLowerCase())) return { tags: [...tags], problem: `"${tag}" is already a tag.` };
  return { tags: [...tags, tag], problem: null };
}

/** The channels object with one channel's settings replaced, or removed when it has none (`null`). */
export function withChannel(channels: Record<string, unknown>, channel: string, settings: Record<string, unknown> | null): Record<string, unknown> {
  const { [channel]: _dropped, ...rest } = channels;
  return settings === null ? rest : { ...rest, [channel]: settings };
}
