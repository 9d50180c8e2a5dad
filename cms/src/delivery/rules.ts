// The delivery API's decisions, one function each: which site a host means, which locale
// a request gets, what a site carries, what is live, which translation is served, how
// variables are filled in and how lists are paged. Pure functions over parsed records.
import { channels, isChannel, type Channel } from '@baobab/channels/limits';
import { isSafeUrl, normalizeHost } from '@baobab/kit';

export { normalizeHost };
import { contentChain, fallbackChain } from '@baobab/locales';
import { badInput } from './errors';
import type { LocalizedRow, SiteRecord } from './records';

/** Host → site: the one place a hostname is matched. */
export function siteForHost(sitesByHost: ReadonlyMap<string, SiteRecord>, host: string): SiteRecord | null {
  const normalized = normalizeHost(host);
  return normalized === null ? null : (sitesByHost.get(normalized) ?? null);
}

/** The locale a request is served in: the asked one if the site has it, else the default. */
export function resolveLocale(site: { readonly code: string; readonly defaultLocale: string; readonly locales: readonly string[] }, requested: string | null | undefined): string {
  if (requested === null || requested === undefined) return site.defaultLocale;
  if (site.locales.includes(requested)) return requested;
  throw badInput(
    `locale "${requested}" is not served by site ${site.code}; use one of: ${site.locales.join(', ')}`,
  );
}

export function carries(site: Pick<SiteRecord, 'code'>, row: Pick<LocalizedRow, 'allSites' | 'sites'>): boolean {
  return row.allSites || row.sites.includes(site.code);
}

export interface Window {
  readonly goLiveAt: number | null;
  readonly expireAt: number | null;
}

/** Inside its publish window: live from goLiveAt (inclusive) until expireAt (exclusive). */
export function isLive(row: Window, now: number): boolean {
  return (row.goLiveAt === null || row.goLiveAt <= now) && (row.expireAt === null || now < row.expireAt);
}

export function isFeatured(row: { featuredFrom: number | null; featuredUntil: number | null }, now: number): boolean {
  if (row.featuredFrom === null && row.featuredUntil === null) return false;
  return (row.featuredFrom === null || row.featuredFrom <= now) && (row.featuredUntil === null || now < row.featuredUntil);
}

/** All published rows of one content type, grouped by document and by slug. */
export class DocumentSet<Row extends LocalizedRow> {
  private readonly byDocument = new Map<string, Map<string, Row>>();
  private readonly bySlug = new Map<string, string>();

  constructor(rows: readonly Row[]) {
    for (const row of rows) {
      let locales = this.byDocument.get(row.documentId);
      if (!locales) {
        locales = new Map();
        this.byDocument.set(row.documentId, locales);
      }
      locales.set(row.locale, row);
      this.bySlug.set(row.slug, row.documentId);
    }
  }

  documentIds(): IterableIterator<string> {
    return this.byDocument.keys();
  }

  documentIdForSlug(slug: string): string | undefined {
    return this.bySlug.get(slug);
  }

  /** The first translation along the chain, or undefined when the document has none of them. */
  pick(documentId: string, chain: readonly string[]): Row | undefined {
    const locales = this.byDocument.get(documentId);
    if (!locales) return undefined;
    for (const code of chain) {
      const row = locales.get(code);
      if (row) return row;
    }
    return undefined;
  }

  /** Every translation of one document. */
  rowsOf(documentId: string): Row[] {
    return [...(this.byDocument.get(documentId)?.values() ?? [])];
  }

  /** Every row. */
  rows(): Row[] {
    return [...this.byDocument.values()].flatMap((locales) => [...locales.values()]);
  }

  has(documentId: string, locale: string): boolean {
    return this.byDocument.get(documentId)?.has(locale) ?? false;
  }

  /** Every document carried by the site, in the best translation along the chain. */
  pickAll(site: SiteRecord, chain: readonly string[]): Row[] {
    const picked: Row[] = [];
    for (const documentId of this.byDocument.keys()) {
      const row = this.pick(documentId, chain);
      if (row && carries(site, row)) picked.push(row);
    }
    return picked;
  }
}

/** The lookup order for a request: requested locale, its registry chain, the site default. */
export function chainFor(site: Pick<SiteRecord, 'defaultLocale'>, locale: string): string[] {
  return contentChain(locale, site.defaultLocale);
}

const language = (code: string) => code.split('-')[0];

/**
 * The site's locales in which a reader gets this document in their own language: a
 * translation in that locale or in a same-language parent (`en-KE` is served by `en`).
 */
export function availableLocales(site: SiteRecord, set: DocumentSet<LocalizedRow>, documentId: string): string[] {
  return site.locales.filter((locale) =>
    fallbackChain(locale).some((code) => language(code) === language(locale) && set.has(documentId, code)),
  );
}

const variableCache = new WeakMap<SiteRecord, Map<string, ReadonlyMap<string, string>>>();

/**
 * A site's variables for a locale: the value for that locale, then along its chain, then
 * the shared one. Memoised per site record (records are rebuilt on every content change).
 */
export function variablesFor(site: SiteRecord, locale: string): ReadonlyMap<string, string> {
  let byLocale = variableCache.get(site);
  if (!byLocale) {
    byLocale = new Map();
    variableCache.set(site, byLocale);
  }
  const known = byLocale.get(locale);
  if (known) return known;
  const chain = fallbackChain(locale);
  const rank = (variableLocale: string | null) => {
    if (variableLocale === null || variableLocale === '') return chain.length;
    const index = chain.indexOf(variableLocale);
    return index === -1 ? Number.POSITIVE_INFINITY : index;
  };
  const best = new Map<string, { value: string; rank: number }>();
  for (const variable of site.variables) {
    const score = rank(variable.locale);
    const current = best.get(variable.key);
    if (score !== Number.POSITIVE_INFINITY && (!current || score < current.rank)) {
      best.set(variable.key, { value: variable.value, rank: score });
    }
  }
  const variables: ReadonlyMap<string, string> = new Map([...best].map(([key, { value }]) => [key, value]));
  byLocale.set(locale, variables);
  return variables;
}

const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** `{{helpline}}` → the site's value; unknown names stay as written. */
export function substitute(text: string, variables: ReadonlyMap<string, string>): string {
  if (!text.includes('{{')) return text;
  return text.replace(VARIABLE, (whole, name: string) => variables.get(name) ?? whole);
}

/** The variable names a text mentions, in order, each once: `{{helpline}}` → helpline. */
export function variablesIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(VARIABLE), (match) => match[1] ?? ''))].filter((name) => name !== '');
}

/** A chat channel named by a client; anything else is the client's mistake. */
export function chatChannel(value: string): Channel {
  if (isChannel(value)) return value;
  throw badInput(`channel "${value}" is not a chat channel; use one of: ${channels.join(', ')}`);
}

/** A link target with variables filled in, or null when the result is not a safe link (the one link rule, checked after substitution). */
export function safeLink(url: string, variables: ReadonlyMap<string, string>): string | null {
  const filled = substitute(url, variables);
  return isSafeUrl(filled) ? filled : null;
}

/**
 * Blocks with variables substituted in every text leaf and unsafe link targets removed
 * (the link keeps its text). Returns new objects; never mutates the stored blocks.
 */
export function prepareBlocks(blocks: readonly unknown[], variables: ReadonlyMap<string, string>): unknown[] {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'text' && typeof value === 'string') copy[key] = substitute(value, variables);
      else if (key === 'url' && typeof value === 'string') copy[key] = safeLink(value, variables) ?? '';
      else copy[key] = visit(value);
    }
    return copy;
  };
  return blocks.map(visit);
}

/** Plain text of blocks, for search and previews. */
export function blocksText(blocks: unknown): string {
  const parts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') parts.push(value);
        else if (key === 'children') visit(value);
      }
    }
  };
  visit(blocks);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export const PAGE_SIZE = { default: 10, max: 50 } as const;

export interface Connection<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw badInput(`after "${cursor}" is not a cursor from this API; pass a pageInfo.endCursor`);
  return Number(match[1]);
}

/** Cursor paging over an already ordered list. `first` defaults to 10, at most 50. */
export function paginate<T>(items: readonly T[], first: number | null | undefined, after: string | null | undefined): Connection<T> {
  const size = first ?? PAGE_SIZE.default;
  if (!Number.isInteger(size) || size < 0 || size > PAGE_SIZE.max) {
    throw badInput(`first must be between 0 and ${PAGE_SIZE.max} (got ${size})`);
  }
  const offset = after === null || after === undefined ? 0 : decodeCursor(after);
  const nodes = items.slice(offset, offset + size);
  const end = offset + nodes.length;
  return {
    nodes,
    pageInfo: { endCursor: nodes.length > 0 ? encodeCursor(end) : (after ?? null), hasNextPage: end < items.length },
    totalCount: items.length,
  };
}
