// Editor-facing checks of one translation's channel overrides: one per channel, not empty,
// and within the channel's limit as every site that carries the article would send it,
// with that site's {{variables}} filled in (a 4-digit helpline and a 14-character one
// make different SMS). The limits themselves are @baobab/channels', the one table of them.
import { channels, isChannel, overrideProblem, type Channel, type ChannelLimitProblem } from '@baobab/channels/limits';
import { isPlainObject } from '@baobab/kit';
import { z } from 'zod';
import type { SiteRecord } from '../delivery/records';
import { carries, chainFor, substitute, variablesFor, variablesIn } from '../delivery/rules';
import type { FieldProblem } from './problems';

/** One way readers meet a translation: a site that carries the article, read in one of its locales. */
export interface Serving {
  readonly site: string;
  readonly locale: string;
  readonly variables: ReadonlyMap<string, string>;
}

const carriageSchema = z.object({
  allSites: z
    .unknown()
    .optional()
    .transform((value) => value === true),
  sites: z
    .unknown()
    .optional()
    .transform((value) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])),
});

/**
 * Every site carrying the article (`allSites`, `sites` as saved), in each of its locales
 * whose fallback chain reaches `locale`: the readers this translation may be served to.
 * A locale that finds an earlier translation first is counted too, which errs on the safe side.
 */
export function servingsOf(sites: readonly SiteRecord[], article: Record<string, unknown>, locale: string): Serving[] {
  const carriage = carriageSchema.parse(article);
  return [...sites]
    .filter((site) => carries(site, carriage))
    .sort((a, b) => a.code.localeCompare(b.code))
    .flatMap((site) =>
      site.locales
        .filter((requested) => chainFor(site, requested).includes(locale))
        .map((requested) => ({ site: site.code, locale: requested, variables: variablesFor(site, requested) })),
    );
}

/**
 * The channel's limit problem with the text as served, the worst over all servings (the
 * one over by most), saying where; the text as written when no site serves it yet.
 */
export function overrideLimitMessage(channel: Channel, text: string, servings: readonly Serving[]): string | null {
  if (servings.length === 0) return overrideProblem(channel, text)?.message ?? null;
  let worst: { problem: ChannelLimitProblem; serving: Serving } | null = null;
  const checked = new Set<string>();
  for (const serving of servings) {
    const served = substitute(text, serving.variables);
    if (checked.has(served)) continue;
    checked.add(served);
    const problem = overrideProblem(channel, served);
    if (problem && (worst === null || problem.over > worst.problem.over)) worst = { problem, serving };
  }
  if (worst === null) return null;
  const { problem, serving } = worst;
  const filled = variablesIn(text).filter((name) => serving.variables.has(name));
  if (filled.length === 0) return problem.message;
  const names = filled.map((name) => `{{${name}}}`).join(', ');
  return `${problem.message} (Counted as ${serving.site} serves it in ${serving.locale}, with ${names} filled in.)`;
}

const servingKey = (serving: Serving) => `${serving.site} ${serving.locale}`;

/** What a translation held before the save: its overrides, and who served it then. */
export interface BeforeSave {
  readonly overrides: unknown;
  readonly servings: readonly Serving[];
}

/**
 * The servings an override must fit. A new or edited override must fit every one. One the
 * save leaves as it was (same channel and text) need only fit servings the save adds (a site
 * or locale now carrying the article): a save never fails for an override it did not make
 * too long. A site change that makes it too long is refused at the site's save instead.
 */
function servingsToCheck(channel: Channel, text: string, servings: readonly Serving[], before: BeforeSave | undefined): readonly Serving[] | null {
  if (before === undefined || !Array.isArray(before.overrides)) return servings;
  const isUnchanged = before.overrides.some((old: unknown) => isPlainObject(old) && old.channel === channel && old.text === text);
  if (!isUnchanged) return servings;
  const known = new Set(before.servings.map(servingKey));
  const added = servings.filter((serving) => !known.has(servingKey(serving)));
  return added.length === 0 ? null : added;
}

/**
 * A translation's `channelOverrides` as saved: a list of { channel, text }, one per channel.
 * With `before`, unchanged overrides are checked only against servings the save adds.
 */
export function channelOverrideProblems(overrides: unknown, servings: readonly Serving[], before?: BeforeSave): FieldProblem[] {
  if (overrides === undefined || overrides === null) return [];
  if (!Array.isArray(overrides)) {
    return [{ path: 'channelOverrides', message: 'Channel overrides must be a list like [{"channel": "sms", "text": "…"}].' }];
  }
  const problems: FieldProblem[] = [];
  const firstOf = new Map<Channel, number>();
  overrides.forEach((override: unknown, index) => {
    const at = `channelOverrides[${index}]`;
    const channel = isPlainObject(override) ? override.channel : undefined;
    const text = isPlainObject(override) ? override.text : undefined;
    if (!isChannel(channel)) {
      problems.push({ path: `${at}.channel`, message: `Choose the channel: one of ${channels.join(', ')}.` });
    } else {
      const first = firstOf.get(channel);
      if (first === undefined) firstOf.set(channel, index);
      else {
        problems.push({
          path: `${at}.channel`,
          message: `"${channel}" is repeated: this translation already has an override for ${channel} (channelOverrides[${first}]); keep one per channel.`,
        });
      }
    }
    if (typeof text !== 'string' || text.trim() === '') {
      problems.push({ path: `${at}.text`, message: 'Write the text this channel sends, or remove the override.' });
    } else if (isChannel(channel)) {
      const checked = servingsToCheck(channel, text, servings, before);
      const message = checked === null ? null : overrideLimitMessage(channel, text, checked);
      if (message !== null) problems.push({ path: `${at}.text`, message });
    }
  });
  return problems;
}

export const channelNames: Readonly<Record<Channel, string>> = { whatsapp: 'WhatsApp', sms: 'SMS', ussd: 'USSD', telegram: 'Telegram', messenger: 'Messenger' };

/** One stored translation's overrides, as the site check reads them. */
export interface StoredTranslation {
  readonly slug: string;
  readonly locale: string;
  readonly allSites: boolean;
  readonly sites: readonly string[];
  readonly overrides: ReadonlyArray<{ readonly channel: Channel; readonly text: string }>;
}

/** One override the site's new settings push over its channel's limit. */
export interface BrokenOverride {
  readonly slug: string;
  readonly locale: string;
  readonly channel: Channel;
  /** The variables the override uses, for naming the one that changed. */
  readonly variables: readonly string[];
  readonly message: string;
}

/**
 * The overrides of the translations a site carries that its new settings (variables,
 * locales) push over their channel's limit, or further over it than before, the worst
 * serving of each. Overrides already over the limit by as much stay quiet: this save did
 * not break them.
 */
export function overridesBrokenBySite(before: SiteRecord | null, after: SiteRecord, translations: readonly StoredTranslation[]): BrokenOverride[] {
  const broken: BrokenOverride[] = [];
  for (const translation of translations) {
    const carriage = { allSites: translation.allSites, sites: translation.sites };
    const now = servingsOf([after], carriage, translation.locale);
    if (now.length === 0) continue;
    const then = new Map((before === null ? [] : servingsOf([before], carriage, translation.locale)).map((serving) => [serving.locale, serving]));
    for (const { channel, text } of translation.overrides) {
      let worst: { problem: ChannelLimitProblem; serving: Serving } | null = null;
      for (const serving of now) {
        const problem = overrideProblem(channel, substitute(text, serving.variables));
        if (problem === null) continue;
        const old = then.get(serving.locale);
        const overBefore = old === undefined ? 0 : (overrideProblem(channel, substitute(text, old.variables))?.over ?? 0);
        if (problem.over > overBefore && (worst === null || problem.over > worst.problem.over)) worst = { problem, serving };
      }
      if (worst === null) continue;
      const { problem, serving } = worst;
      broken.push({
        slug: translation.slug,
        locale: translation.locale,
        channel,
        variables: variablesIn(text),
        message: `the ${channelNames[channel]} override of "${translation.slug}" (${translation.locale}) no longer fits as ${serving.site} serves it in ${serving.locale}. ${problem.message.replace('Shorten it by', 'Shorten this value or that override by')}`,
      });
    }
  }
  return broken;
}
