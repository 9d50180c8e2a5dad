// Who may write what, one function per kind of write. Pure: the middleware gathers the
// facts (the actor's scope, the document's carriage before and after, the fields changed)
// and these answer with a refusal a person can read, or null to allow.

export interface Actor {
  readonly isCountryEditor: boolean;
  readonly isTranslator: boolean;
  /** Site codes from the user's editor scope. */
  readonly sites: readonly string[];
  /** Every locale of those sites. */
  readonly siteLocales: readonly string[];
  /** Locales from the user's editor scope (translators). */
  readonly locales: readonly string[];
  /** The language shared content is written in (i18n's default locale): only global editors change it. */
  readonly sourceLocale: string;
}

export interface Carriage {
  readonly allSites: boolean;
  readonly sites: readonly string[];
}

export type WriteAction = 'create' | 'update' | 'delete' | 'publish' | 'unpublish' | 'discardDraft';

export interface ContentWrite {
  readonly action: WriteAction;
  /** How editors know the document: `article "hiv-testing-basics"`. */
  readonly label: string;
  /** The locale written; `*` for every locale. */
  readonly locale: string;
  /** The document's carriage before the write; null for a new document. */
  readonly before: Carriage | null;
  readonly after: Carriage;
  /** Shared (non-localized) fields the write changes, other than `sites` and `allSites`. */
  readonly changedShared: readonly string[];
  /** Localized fields the write changes in its locale. */
  readonly changedLocalized: readonly string[];
}

export interface SiteWrite {
  readonly action: WriteAction;
  /** The site's code before the write; null for a new site. */
  readonly code: string | null;
  readonly changedFields: readonly string[];
}

const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));
const outside = (sites: readonly string[], own: readonly string[]) => sites.filter((site) => !own.includes(site));

/** Content that only the actor's own sites carry. */
const isLocalTo = (carriage: Carriage, own: readonly string[]) =>
  !carriage.allSites && carriage.sites.length > 0 && carriage.sites.every((site) => own.includes(site));

/** Carried by several sites (or all): shared source content, written by global editors. */
const isShared = (carriage: Carriage) => carriage.allSites || carriage.sites.length > 1;

const carriesAny = (carriage: Carriage, own: readonly string[]) => carriage.allSites || carriage.sites.some((site) => own.includes(site));

/**
 * Why a country editor does not see a document in the content manager, or null when they do:
 * they see their sites' local content and shared content (carried by every site or several,
 * which they may include on their sites), not other countries' local content.
 */
export function countryEditorHides(actor: Actor, carriage: Carriage, label: string): string | null {
  if (isShared(carriage) || carriesAny(carriage, actor.sites)) return null;
  const owner = carriage.sites.length === 0 ? 'no site carries it yet' : `it is local to ${list(carriage.sites)}`;
  const their = actor.sites.length > 1 ? 'their' : 'its';
  return `You edit ${list(actor.sites)} and ${their} ${actor.siteLocales.length === 1 ? 'language' : 'languages'} ${list(actor.siteLocales)}; ${label} is not yours: ${owner}.`;
}

export function countryEditorRefusal(actor: Actor, write: ContentWrite): string | null {
  const own = actor.sites;
  const { before, after, label } = write;
  if (own.length === 0) return 'Your editor scope names no sites yet; ask a super admin to give you your country\u2019s sites.';
  if (before === null) {
    if (isLocalTo(after, own)) return null;
    if (after.allSites) return `Only a global editor creates content for every site; carry ${label} on your sites (${list(own)}) only.`;
    return `You create content for your sites only (${list(own)}); ${list(outside(after.sites, own))} ${outside(after.sites, own).length === 1 ? 'is' : 'are'} not yours. Choose among your sites in "Sites".`;
  }
  if (isLocalTo(before, own)) {
    if (isLocalTo(after, own)) return null;
    if (after.allSites) return `Only a global editor makes ${label} shared by every site; it stays local to ${list(own)}.`;
    return `${label} is local to your sites; you can carry it on ${list(own)} only, not on ${list(outside(after.sites, own))}.`;
  }
  if (!isShared(before) && !carriesAny(before, own)) {
    return `${label} is local content of ${list(before.sites)}; you edit content for ${list(own)} only.`;
  }
  if (before.allSites !== after.allSites) return `Only a global editor changes whether ${label} is carried by every site.`;
  const added = after.sites.filter((site) => !before.sites.includes(site));
  const removed = before.sites.filter((site) => !after.sites.includes(site));
  const foreign = outside([...added, ...removed], own);
  if (foreign.length > 0) {
    const verb = outside(added, own).length > 0 ? 'add' : 'remove';
    return `You can include or exclude ${label} on your own sites (${list(own)}) only; you cannot ${verb} ${list(foreign)}.`;
  }
  if (write.changedShared.length > 0) {
    return `${label} is shared source content; only a global editor changes its shared fields (${list(write.changedShared)}). You can include it on your sites and translate it into ${list(actor.siteLocales)}.`;
  }
  const touchesText = write.changedLocalized.length > 0 || (write.action !== 'create' && write.action !== 'update');
  if (!touchesText) return null;
  // The source language stays the global editors' even where a site serves it (amal-eg serves en):
  // every other language of every carrying site falls back to it.
  const translatable = actor.siteLocales.filter((locale) => locale !== actor.sourceLocale);
  if (!translatable.includes(write.locale)) {
    const locale = write.locale === '*' ? 'every locale' : write.locale;
    return `${label} is shared source content; you translate it into ${list(translatable)} (the locales of ${list(own)}), and cannot ${write.action === 'update' ? 'change' : write.action} its ${locale} version.`;
  }
  if (!carriesAny(after, own)) return `${label} is not carried by ${list(own)}; include it on your site before translating it.`;
  return null;
}

export function translatorRefusal(actor: Actor, write: ContentWrite): string | null {
  const mine = actor.locales;
  if (write.before === null) return `Translators add translations to existing content; ask an editor to create ${write.label}.`;
  if (!mine.includes(write.locale)) {
    const locale = write.locale === '*' ? 'every locale' : write.locale;
    return `You translate into ${list(mine)}; the ${locale} version of ${write.label} is not yours to ${write.action === 'update' ? 'change' : write.action}.`;
  }
  const carriageChanged =
    write.before.allSites !== write.after.allSites || write.before.sites.join('\n') !== write.after.sites.join('\n');
  const shared = [...(carriageChanged ? ['sites'] : []), ...write.changedShared];
  if (shared.length > 0) return `Shared fields (${list(shared)}) of ${write.label} change every language; translators change only the text of their locales.`;
  if (write.action === 'delete') return `Translators do not delete translations; ask an editor to delete the ${write.locale} version of ${write.label}.`;
  return null;
}

/** Allowed when any of the actor's scoped roles allows; otherwise the first role's reason. */
export function contentRefusal(actor: Actor, write: ContentWrite): string | null {
  const refusals: string[] = [];
  for (const [holds, rule] of [
    [actor.isCountryEditor, countryEditorRefusal],
    [actor.isTranslator, translatorRefusal],
  ] as const) {
    if (!holds) continue;
    const refusal = rule(actor, write);
    if (refusal === null) return null;
    refusals.push(refusal);
  }
  return refusals[0] ?? null;
}

export function siteRefusal(actor: Actor, write: SiteWrite): string | null {
  if (!actor.isCountryEditor) return 'Translators do not change site settings; ask your country editor.';
  const name = write.code ?? 'a new site';
  if (write.action === 'create') return 'Only a global editor creates sites; launching a country is theirs to do.';
  if (write.action === 'delete') return `Country editors cannot delete sites: ${name} stays. Ask a global editor.`;
  if (write.code === null || !actor.sites.includes(write.code)) {
    return `${name} is not one of your sites (${list(actor.sites)}); you cannot change its settings${write.changedFields.length > 0 ? ` (${list(write.changedFields)})` : ''}.`;
  }
  if (write.action === 'unpublish') return `Country editors cannot take ${name} offline; ask a global editor.`;
  if (write.changedFields.includes('code')) return `The code of ${name} names it everywhere; only a global editor changes it.`;
  if (write.changedFields.includes('locales')) {
    return `The languages ${name} serves decide which translations its editors write; only a global editor adds or removes one.`;
  }
  return null;
}

export type ContentManagerVerb = 'read' | 'create' | 'update' | 'delete' | 'publish' | 'unpublish' | 'discard the draft of';

/**
 * What a scoped user is told when their role lacks a content-manager permission (Strapi
 * itself answers a bare "Forbidden"): which role they hold and who does it instead.
 */
export function permissionRefusal(actor: Actor, verb: ContentManagerVerb, kind: 'site' | 'editor scope' | 'content', siteCode: string | null = null): string {
  if (kind === 'editor scope') return 'Only super admins see and change editor scopes: who edits which sites and locales.';
  if (kind === 'site' && actor.isCountryEditor && verb === 'create') return 'Only a global editor creates sites; launching a country is theirs to do.';
  if (kind === 'site' && actor.isCountryEditor && verb === 'delete') {
    return `Country editors cannot delete sites${siteCode === null ? '' : `: ${siteCode} stays`}. Ask a global editor.`;
  }
  if (kind === 'site' && actor.isCountryEditor && siteCode !== null && !actor.sites.includes(siteCode)) {
    return `${siteCode} is not one of your sites (${list(actor.sites)}); you cannot ${verb} its settings.`;
  }
  if (!actor.isCountryEditor && actor.isTranslator) {
    if (verb === 'publish' || verb === 'unpublish') {
      return `Translators do not ${verb}: your translations into ${list(actor.locales)} wait as drafts until a country or global editor ${verb}es them, or a super admin gives you a role that can ${verb}.`;
    }
    if (kind === 'site') return 'Translators do not change site settings; ask your country editor.';
    return `Translators do not ${verb} content; they translate it into ${list(actor.locales)}. Ask an editor.`;
  }
  const role = actor.isCountryEditor ? 'Country editor' : 'Translator';
  return `Your role (${role}) does not let you ${verb} ${kind === 'site' ? 'sites' : 'this content'}; ask a global editor.`;
}
