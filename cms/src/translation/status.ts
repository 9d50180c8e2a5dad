// Translation status as plain decisions: what a locale version's text hashes to, whether a
// translation is missing, up to date or outdated against its source, and which locales the
// sites carrying a document let it have. No Strapi here, so the rules are unit-tested.
import { createHash } from 'node:crypto';
import { isPlainObject as isRecord } from '@baobab/kit';
import { fallbackChain } from '@baobab/locales';

export const translationStates = ['missing', 'up-to-date', 'outdated', 'source'] as const;
export type TranslationState = (typeof translationStates)[number];

/** What the CMS keeps per locale version (the translation-stamp type). */
export interface Stamp {
  /** Hash of this version's localized fields. */
  readonly contentHash: string;
  /** For a translation: the source's contentHash when the translation's text last changed (or was marked up to date). */
  readonly sourceHash: string | null;
  /** When contentHash last changed. */
  readonly changedAt: string;
}

export interface Status {
  readonly state: TranslationState;
  /** Outdated: when the source's text last changed. */
  readonly since?: string;
}

/** JSON with object keys sorted and component ids left out: the same text hashes the same however it was stored. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => key !== 'id' && value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (value === undefined || value === '') return 'null';
  return JSON.stringify(value) ?? 'null';
}

/** The hash of a version's localized fields (the names given), so a save that changes no text changes no hash. */
export function contentHash(version: Record<string, unknown>, localizedFields: readonly string[]): string {
  const picked = Object.fromEntries([...localizedFields].sort().map((field) => [field, version[field] ?? null]));
  return createHash('sha256').update(canonical(picked)).digest('hex').slice(0, 32);
}

/**
 * One locale version's status. The source locale is "source"; a version without a stamp yet
 * (saved before stamps existed) counts as up to date, as the bootstrap stamps it so.
 */
export function translationStatus(locale: string, sourceLocale: string, version: Stamp | undefined | null, source: Stamp | undefined | null, hasVersion = version != null): Status {
  if (!hasVersion) return { state: 'missing' };
  if (locale === sourceLocale) return { state: 'source' };
  if (!version || !source || version.sourceHash === source.contentHash) return { state: 'up-to-date' };
  return { state: 'outdated', since: source.changedAt };
}

export interface SiteLocales {
  readonly code: string;
  readonly locales: readonly string[];
}

export interface Carriage {
  readonly allSites: boolean;
  readonly sites: readonly string[];
}

/** The sites that carry a document: every site when allSites, else those it names. */
export function carryingSites<T extends SiteLocales>(carriage: Carriage, sites: readonly T[]): T[] {
  return sites.filter((site) => carriage.allSites || carriage.sites.includes(site.code));
}

/**
 * The locales a document may have: the source locale, every locale its carrying sites serve,
 * and the fallback parents those locales read from (`sw` serves sw-KE readers).
 */
export function allowedLocales(carriage: Carriage, sites: readonly SiteLocales[], sourceLocale: string): Set<string> {
  const allowed = new Set([sourceLocale]);
  for (const site of carryingSites(carriage, sites)) for (const locale of site.locales) for (const code of fallbackChain(locale)) allowed.add(code);
  return allowed;
}

/** Why a document may not have a version in `locale`, or null when it may. */
export function localeRefusal(label: string, locale: string, carriage: Carriage, sites: readonly SiteLocales[], sourceLocale: string): string | null {
  if (allowedLocales(carriage, sites, sourceLocale).has(locale)) return null;
  const carrying = carryingSites(carriage, sites);
  if (carrying.length === 0) {
    return `${label} cannot have a ${locale} version: no site carries it yet. Choose its sites first (in ${sourceLocale}, the source language).`;
  }
  const served = carrying.map((site) => `${site.code} (${site.locales.join(', ')})`);
  const list = served.length === 1 ? served[0] : `${served.slice(0, -1).join(', ')} and ${served[served.length - 1]}`;
  return `${label} cannot have a ${locale} version: no site that carries it serves ${locale}. It is carried by ${list}.`;
}
