// The spreadsheet row: one per document and locale. The one table of columns (which types
// have them, shared or per translation, their cell grammar), how a stored version becomes
// a row, and how a row's cells become the data a write sends. Export and import both read it.
import { channels as CHANNELS, type Channel } from '@baobab/channels/limits';
import { isPlainObject as isRecord, isSlug } from '@baobab/kit';
import { UID } from '../delivery/content-index';
import type { ColumnKind } from './files';
import { blocksToMarkdown, markdownToBlocks } from './markdown';

export const TYPES = { site: UID.site, section: UID.section, page: UID.page, banner: UID.banner, article: UID.article } as const;
export type TransferType = keyof typeof TYPES;
/** Import order: sites before the content they carry, sections before the articles that name them. */
export const TYPE_ORDER: readonly TransferType[] = ['site', 'section', 'page', 'banner', 'article'];
/** Sites are not translated: their rows have no locale. */
export const isLocalizedType = (type: TransferType) => type !== 'site';
/** The attribute a type's `slug` column is: a site's code. */
export const keyField = (type: TransferType) => (type === 'site' ? 'code' : 'slug');
export const isTransferType = (value: string): value is TransferType => Object.hasOwn(TYPES, value);

type Kind = ColumnKind | 'markdown' | 'list' | 'slug' | 'media' | 'json';

export interface Column {
  readonly name: string;
  /** The attribute it reads and writes; override columns share `channelOverrides`. */
  readonly field: string;
  readonly kind: Kind;
  readonly types: readonly TransferType[];
  readonly localized: boolean;
}

const ALL: readonly TransferType[] = ['article', 'section', 'page', 'banner'];
const SITE: readonly TransferType[] = ['site'];
const overrideColumn = (channel: Channel): Column => ({ name: `override:${channel}`, field: 'channelOverrides', kind: 'text', types: ['article'], localized: true });

/** Every column an import writes, in export order (after type, slug, locale, status). */
export const COLUMNS: readonly Column[] = [
  { name: 'name', field: 'name', kind: 'text', types: SITE, localized: false },
  { name: 'hostnames', field: 'hostnames', kind: 'list', types: SITE, localized: false },
  { name: 'defaultLocale', field: 'defaultLocale', kind: 'text', types: SITE, localized: false },
  { name: 'locales', field: 'locales', kind: 'list', types: SITE, localized: false },
  { name: 'theme', field: 'theme', kind: 'text', types: SITE, localized: false },
  { name: 'themeTokens', field: 'themeTokens', kind: 'json', types: SITE, localized: false },
  { name: 'plugins', field: 'plugins', kind: 'list', types: SITE, localized: false },
  { name: 'variables', field: 'variables', kind: 'json', types: SITE, localized: false },
  { name: 'channels', field: 'channels', kind: 'json', types: SITE, localized: false },
  { name: 'title', field: 'title', kind: 'text', types: ALL, localized: true },
  { name: 'lead', field: 'lead', kind: 'text', types: ['article'], localized: true },
  { name: 'description', field: 'description', kind: 'text', types: ['section'], localized: true },
  { name: 'text', field: 'text', kind: 'text', types: ['banner'], localized: true },
  { name: 'body', field: 'body', kind: 'markdown', types: ['article', 'page'], localized: true },
  ...CHANNELS.map(overrideColumn),
  { name: 'section', field: 'section', kind: 'slug', types: ['article'], localized: false },
  { name: 'parent', field: 'parent', kind: 'slug', types: ['section'], localized: false },
  { name: 'position', field: 'position', kind: 'integer', types: ['section', 'page', 'banner'], localized: false },
  { name: 'link', field: 'link', kind: 'text', types: ['banner'], localized: false },
  { name: 'tags', field: 'tags', kind: 'list', types: ['article'], localized: false },
  { name: 'allSites', field: 'allSites', kind: 'yesno', types: ALL, localized: false },
  { name: 'sites', field: 'sites', kind: 'list', types: ALL, localized: false },
  { name: 'image', field: 'image', kind: 'media', types: ['article', 'banner'], localized: false },
  { name: 'goLiveAt', field: 'goLiveAt', kind: 'date', types: ['article', 'banner'], localized: false },
  { name: 'expireAt', field: 'expireAt', kind: 'date', types: ['article', 'banner'], localized: false },
  { name: 'featuredFrom', field: 'featuredFrom', kind: 'date', types: ['article'], localized: false },
  { name: 'featuredUntil', field: 'featuredUntil', kind: 'date', types: ['article'], localized: false },
];

export const KEY_COLUMNS = ['type', 'slug', 'locale'] as const;
/** Shown beside a translation for whoever translates it; ignored on import. */
export const SOURCE_COLUMNS = ['source:locale', 'source:title', 'source:lead', 'source:description', 'source:text', 'source:body'] as const;
export const EXPORT_ONLY: readonly string[] = ['status', ...SOURCE_COLUMNS];

const byName = new Map(COLUMNS.map((column) => [column.name, column]));
export const columnOf = (name: string): Column | undefined => byName.get(name);

/** The columns of a file holding `types`, in export order. */
export function exportColumns(types: readonly TransferType[]): string[] {
  const used = (column: { types: readonly TransferType[] }) => column.types.some((type) => types.includes(type));
  const sources = SOURCE_COLUMNS.filter((name) => name === 'source:locale' || used(byName.get(name.slice('source:'.length)) ?? { types: [] }));
  return [...KEY_COLUMNS, 'status', ...COLUMNS.filter(used).map((column) => column.name), ...sources];
}

/** What the file reader needs: every column's cell kind (key and export-only columns are text). */
export function readerColumns(): Record<string, ColumnKind> {
  const kinds: Record<string, ColumnKind> = Object.fromEntries([...KEY_COLUMNS, ...EXPORT_ONLY].map((name) => [name, 'text' as const]));
  for (const column of COLUMNS) kinds[column.name] = column.kind === 'date' || column.kind === 'integer' || column.kind === 'yesno' ? column.kind : 'text';
  return kinds;
}

// ---- Stored → cell ------------------------------------------------------------------------

const listCell = (value: unknown) => (Array.isArray(value) ? value.filter((item) => typeof item === 'string').join(', ') : '');

function dateCell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  const date = new Date(typeof value === 'number' || typeof value === 'string' || value instanceof Date ? value : NaN);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

function overrideText(value: unknown, channel: string): string {
  if (!Array.isArray(value)) return '';
  const found: unknown = value.find((item: unknown) => isRecord(item) && item.channel === channel);
  return isRecord(found) && typeof found.text === 'string' ? found.text : '';
}

/** One column's cell for a stored version (a draft or published row, `image` and `channelOverrides` populated). */
export function cellOf(column: Column, stored: Record<string, unknown>): string {
  const value = stored[column.field];
  switch (column.kind) {
    case 'markdown':
      return Array.isArray(value) ? blocksToMarkdown(value) : '';
    case 'list':
      return listCell(value);
    case 'yesno':
      return value === true || value === 1 ? 'yes' : 'no';
    case 'date':
      return dateCell(value);
    case 'integer':
      return typeof value === 'number' ? String(value) : '';
    case 'media':
      return isRecord(value) && typeof value.name === 'string' ? value.name : '';
    case 'json':
      return jsonCell(column.field, value);
    default:
      if (column.field === 'channelOverrides') return overrideText(value, column.name.slice('override:'.length));
      return typeof value === 'string' ? value : '';
  }
}

/** JSON as one line; a site's variables without their database ids. */
function jsonCell(field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field === 'variables' && Array.isArray(value)) {
    return JSON.stringify(value.filter(isRecord).map((variable) => ({ key: variable.key, value: variable.value, ...(typeof variable.locale === 'string' && variable.locale !== '' ? { locale: variable.locale } : {}) })));
  }
  return JSON.stringify(value);
}

/** `missing`: an export's row for a translation that does not exist yet (export with a site and a locale). */
export type RowStatus = 'published' | 'draft' | 'modified' | 'missing';

/** The exported row of one version: its own cells, and the source locale's text beside a translation. */
export function rowOf(type: TransferType, draft: Record<string, unknown>, status: RowStatus, source: Record<string, unknown> | null): Record<string, string> {
  const key = draft[keyField(type)];
  const row: Record<string, string> = {
    type,
    slug: typeof key === 'string' ? key : '',
    locale: isLocalizedType(type) && typeof draft.locale === 'string' ? draft.locale : '',
    status,
  };
  for (const column of COLUMNS) if (column.types.includes(type)) row[column.name] = cellOf(column, draft);
  if (source !== null) {
    row['source:locale'] = typeof source.locale === 'string' ? source.locale : '';
    for (const name of SOURCE_COLUMNS.slice(1)) {
      const column = byName.get(name.slice('source:'.length));
      if (column !== undefined && column.types.includes(type)) row[name] = cellOf(column, source);
    }
  }
  return row;
}

// ---- Cell → data ------------------------------------------------------------------------

/** What a cell must look like, as the message ends: "…: write it as …". */
export type CellResult = { ok: true; value: unknown } | { ok: false; message: string };

const LIST_EXAMPLES: Record<string, string> = { hostnames: 'kijana.example, www.kijana.example', locales: 'en-KE, sw-KE', plugins: 'polls' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?$/;
const YES = new Set(['yes', 'true', '1', 'y']);
const NO = new Set(['no', 'false', '0', 'n', '']);

function listValue(cell: string, what: string, isItem: (item: string) => boolean, example: string): CellResult {
  const items = cell.split(',').map((item) => item.trim()).filter((item) => item !== '');
  const bad = items.find((item) => !isItem(item));
  if (bad !== undefined) return { ok: false, message: `"${bad}" is not a ${what}: write ${what}s separated by commas, like "${example}".` };
  return { ok: true, value: [...new Set(items)] };
}

/**
 * One cell as the value written to its field (`image` names a file, resolved by the caller;
 * overrides are gathered by the caller). A cell in the wrong shape is refused with the form it
 * should take; the CMS's own rules judge the value after that.
 */
export function valueOf(column: Column, cell: string): CellResult {
  switch (column.kind) {
    case 'markdown':
      return { ok: true, value: cell === '' ? [] : markdownToBlocks(cell) };
    case 'list':
      if (column.name === 'sites') return listValue(cell, 'site code', isSlug, 'kijana-ke, mama-ng');
      if (column.name === 'tags') return listValue(cell, 'tag', (tag) => tag.length <= 40, 'hiv, testing');
      return listValue(cell, column.name.replace(/s$/, ''), (item) => item.length <= 253, LIST_EXAMPLES[column.name] ?? 'a, b');
    case 'json': {
      if (cell === '') return { ok: true, value: column.field === 'variables' ? [] : {} };
      try {
        return { ok: true, value: JSON.parse(cell) as unknown };
      } catch {
        return { ok: false, message: `This is not JSON: write it as the export does, like ${column.field === 'variables' ? '[{"key":"helpline","value":"116"}]' : '{}'}.` };
      }
    }
    case 'yesno': {
      const word = cell.toLowerCase();
      if (YES.has(word)) return { ok: true, value: true };
      if (NO.has(word)) return { ok: true, value: false };
      return { ok: false, message: `"${cell}" is not yes or no: write yes or no.` };
    }
    case 'date': {
      if (cell === '') return { ok: true, value: null };
      const date = new Date(cell);
      // A time with no zone would be a guess (the editor's? the server's?): say how to write it.
      if (ISO_LOCAL.test(cell)) {
        return { ok: false, message: `"${cell}" has no time zone: end it with Z for UTC (2026-05-01T06:00:00Z is 09:00 in Nairobi), or give its offset (2026-05-01T09:00+03:00).` };
      }
      if (!ISO_DATE.test(cell) || Number.isNaN(date.getTime())) {
        return { ok: false, message: `"${cell}" is not a date and time: write it as 2026-03-01T08:00:00Z (UTC), or leave it empty.` };
      }
      return { ok: true, value: date.toISOString() };
    }
    case 'integer': {
      if (cell === '') return { ok: true, value: null };
      if (!/^-?\d{1,9}$/.test(cell)) return { ok: false, message: `"${cell}" is not a whole number: write one like 3, or leave it empty.` };
      return { ok: true, value: Number(cell) };
    }
    case 'slug':
      if (cell === '') return { ok: true, value: null };
      return isSlug(cell) ? { ok: true, value: cell } : { ok: false, message: `"${cell}" is not a slug: use lowercase letters, digits and single hyphens, like "sexual-health".` };
    default:
      return { ok: true, value: cell === '' ? null : cell };
  }
}

/** A cell written the way export writes it, so a row read back compares equal to the stored one. */
export function canonicalCell(column: Column, cell: string): string {
  if (column.kind === 'media' || column.field === 'channelOverrides') return cell;
  const result = valueOf(column, cell);
  if (!result.ok) return cell;
  return cellOf(column, { [column.field]: result.value });
}
