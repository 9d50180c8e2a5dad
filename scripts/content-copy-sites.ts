// content:copy's sites: every site code the rows name must exist on the target. A missing one is
// created from the source's site record (when the copy may create it); one on both that differs
// is reported, never changed: a site's settings are the target's own.
import { findSite, publishSite, type CmsTarget, type SiteData } from './cms-rest';

/**
 * - `same` / `differs`: on both (differs lists the fields; the target's stay);
 * - `created` / `would create` (dry run): copied from the source's published record;
 * - `blocked`: missing on the target and not to be created here, a draft only, or on neither.
 */
export type SiteAction = 'same' | 'differs' | 'created' | 'would create' | 'blocked';

export interface SiteOutcome {
  readonly code: string;
  readonly action: SiteAction;
  readonly note: string;
}

/** Compared between the two CMSs. Hostnames and chat channels are left out: they differ between environments by design. */
const comparedFields = ['name', 'defaultLocale', 'locales', 'theme', 'themeTokens', 'plugins', 'variables'] as const;

/** One field in a form where order that means nothing (locales, plugins, variables, object keys) does not count. */
function canonical(site: SiteData, field: (typeof comparedFields)[number]): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, sortKeys(inner)]));
    return value;
  };
  switch (field) {
    case 'locales':
    case 'plugins':
      return JSON.stringify([...site[field]].sort());
    case 'variables':
      return JSON.stringify([...site.variables].map(({ key, value, locale }) => [key, locale ?? '', value]).sort());
    default:
      return JSON.stringify(sortKeys(site[field]));
  }
}

/** The compared fields in which the two records differ. */
export function siteDifferences(source: SiteData, target: SiteData): string[] {
  return comparedFields.filter((field) => canonical(source, field) !== canonical(target, field));
}

export interface CopySitesOptions {
  readonly isDryRun: boolean;
  /** Whether this copy may create the site when the target lacks it (else it is `blocked`). */
  readonly mayCreate: (code: string) => boolean;
}

async function copyOne(source: CmsTarget, target: CmsTarget, code: string, options: CopySitesOptions): Promise<SiteOutcome> {
  const [theirs, ours] = [await findSite(target, code), await findSite(source, code)];
  if (theirs !== null) {
    if (ours === null) return { code, action: 'same', note: 'on the target (not published on the source)' };
    const fields = siteDifferences(ours, theirs);
    return fields.length === 0
      ? { code, action: 'same', note: 'on both' }
      : { code, action: 'differs', note: `differs on the target in ${fields.join(', ')}; the target's settings are kept (change them in its admin)` };
  }
  if ((await findSite(target, code, 'draft')) !== null) return { code, action: 'blocked', note: 'is on the target as a draft only: publish it there first' };
  if (ours === null) return { code, action: 'blocked', note: 'is on neither CMS (not published on the source)' };
  if (!options.mayCreate(code)) return { code, action: 'blocked', note: `is not on the target, and this copy brings only its --site: copy it too (--site ${code}, or no --site), or create it there first` };
  const hosts = ours.hostnames.join(', ');
  if (options.isDryRun) return { code, action: 'would create', note: `would be created from the source (hostnames ${hosts})` };
  await publishSite(target, ours);
  return { code, action: 'created', note: `created and published from the source, with its hostnames ${hosts} and chat channels: change them in the target's admin if production uses others` };
}

/** Checks (and, outside a dry run, creates) every site in `codes`, one after the other. CmsRefusedError from a refused creation propagates. */
export async function copySites(source: CmsTarget, target: CmsTarget, codes: readonly string[], options: CopySitesOptions): Promise<SiteOutcome[]> {
  const outcomes: SiteOutcome[] = [];
  for (const code of codes) outcomes.push(await copyOne(source, target, code, options));
  return outcomes;
}
