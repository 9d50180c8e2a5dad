// Import: a file of rows (one per document and locale) checked cell by cell, then written
// through Strapi's document service in ONE database transaction, so every rule an editor's
// save meets (content rules, channel limits, roles) judges each row. Any problem anywhere
// and the transaction is rolled back: nothing is written. A dry run always rolls back.
import { isKnownLocale } from '@baobab/locales';
import { channels, type Channel } from '@baobab/channels/limits';
import { isPlainObject as isRecord, isSlug } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { defaultLocaleOf, withBatch } from '../batch';
import { holdingChanges } from '../delivery/writes';
import { carries, chunks, draftsOf, populateOf, statusesOf, versionKey, type TransferScope } from './export';
import { readRows, type Format, type ReadRow } from './files';
import { BlocksError, markdownToBlocks, resolveImages } from './markdown';
import { TransferFileError, type Problem, type ProblemCode } from './problems';
import {
  canonicalCell,
  cellOf,
  COLUMNS,
  columnOf,
  EXPORT_ONLY,
  isLocalizedType,
  isTransferType,
  keyField,
  readerColumns,
  TYPE_ORDER,
  TYPES,
  valueOf,
  type Column,
  type RowStatus,
  type TransferType,
} from './rows';

export type PublishMode = 'none' | 'all' | 'status';

export interface ImportOptions {
  readonly format: Format;
  readonly file: string;
  readonly dryRun: boolean;
  readonly publish: PublishMode;
  /** Delete the versions in scope the file does not mention (needs scope.site or scope.locale). */
  readonly prune: boolean;
  readonly scope: Omit<TransferScope, 'type'>;
}

export interface ImportProgress {
  readonly phase: 'read' | 'write';
  readonly rows: number;
  /** The rows there are: known once the file is read. */
  readonly of?: number;
}

export interface ImportResult {
  readonly ok: boolean;
  readonly dryRun: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly pruned: number;
  readonly problems: Problem[];
  readonly problemCount: number;
  readonly summary: string;
  /** What prune deletes (a dry run: would delete), at most LISTED_PROBLEMS listed. */
  readonly deleted: Version[];
}

export interface Version {
  readonly type: TransferType;
  readonly slug: string;
  readonly locale: string;
}

/** Problems listed in a result; the count says how many there were. */
export const LISTED_PROBLEMS = 200;

type Stored = Record<string, unknown>;

interface Row {
  readonly row: number;
  readonly type: TransferType;
  readonly slug: string;
  readonly locale: string;
  readonly cells: Readonly<Record<string, string>>;
}

/** Thrown inside the transaction to roll it back: a dry run, or problems found. */
class RollBack extends Error {}

const summaryOf = (dryRun: boolean, counts: { created: number; updated: number; unchanged: number; pruned: number }) => {
  const pruned = counts.pruned > 0 ? (dryRun ? `, ${counts.pruned} to delete` : `, deleted ${counts.pruned}`) : '';
  return dryRun
    ? `${counts.created} to create, ${counts.updated} to update, ${counts.unchanged} unchanged${pruned}`
    : `created ${counts.created}, updated ${counts.updated}, ${counts.unchanged} unchanged${pruned}`;
};

export async function importFile(
  strapi: Core.Strapi,
  input: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<ImportResult> {
  const problems: Problem[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, pruned: 0 };
  const deleted: Version[] = [];
  const finish = (ok: boolean): ImportResult => ({
    ok,
    deleted: ok ? deleted : [],
    dryRun: options.dryRun,
    ...(ok ? counts : { created: 0, updated: 0, unchanged: 0, pruned: 0 }),
    problems: problems.slice(0, LISTED_PROBLEMS),
    problemCount: problems.length,
    summary: ok ? summaryOf(options.dryRun, counts) : `nothing was written: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`,
  });
  const problem = (row: number | null, column: string | null, code: ProblemCode, message: string) => problems.push({ file: options.file, row, column, code, message });

  const read: ReadRow[] = [];
  try {
    const reader = readRows(input, { format: options.format, file: options.file, columns: readerColumns(), exportOnly: [], onProgress: (rows) => onProgress({ phase: 'read', rows }) });
    for await (const row of reader) read.push(row);
  } catch (error) {
    if (!(error instanceof TransferFileError)) throw error;
    problems.push(error.problem);
    return finish(false);
  }
  onProgress({ phase: 'read', rows: read.length, of: read.length });
  for (const row of read) problems.push(...row.problems);
  const files = await mediaLibrary(strapi);
  const rows = checkRows(read, options, files, problem);
  const sourceLocale = await defaultLocaleOf(strapi);
  const documents = groupDocuments(rows, sourceLocale, problem);
  const failedRows = new Set(problems.map((found) => found.row));

  try {
    await holdingChanges(strapi, `import of ${options.file}`, () =>
      strapi.db.transaction(() =>
        withBatch(async () => {
          let written = 0;
          // What is stored of every document the file names, read once for the import rather than per document.
          const known = await storedVersions(strapi, documents.filter((document) => !document.rows.some((row) => failedRows.has(row.row))));
          for (const document of documents) {
            // A document with a problem in any row is not written: its other rows would only fail after it.
            if (document.rows.some((row) => failedRows.has(row.row))) continue;
            // better-sqlite3 answers synchronously, so a write loop never waits on I/O: without a
            // turn of the event loop per document, other requests would wait for the whole import.
            await new Promise((resolve) => setImmediate(resolve));
            const outcome = await writeDocument(strapi, document, known.get(documentKey(document)) ?? { drafts: [], statuses: new Map() }, options, files, sourceLocale, problem);
            if (outcome === 'fatal') throw new RollBack();
            for (const key of Object.keys(counts) as Array<keyof typeof counts>) counts[key] += outcome[key];
            written += document.rows.length;
            if (written % 250 < document.rows.length) onProgress({ phase: 'write', rows: written, of: rows.length });
          }
          if (options.prune && problems.length === 0) counts.pruned = await prune(strapi, rows, options.scope, deleted);
          if (problems.length > 0 || options.dryRun) throw new RollBack();
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  return finish(problems.length === 0);
}

// ---- Checking cells ---------------------------------------------------------------------

type ProblemSink = (row: number | null, column: string | null, code: ProblemCode, message: string) => void;

const media = z.array(z.looseObject({ id: z.number(), name: z.string(), url: z.string().nullish() }));
type MediaFile = z.infer<typeof media>[number];

/** Media Library files by name (the oldest when two share one) and by url. */
interface Media {
  readonly byName: ReadonlyMap<string, MediaFile>;
  readonly byUrl: ReadonlyMap<string, MediaFile>;
}

async function mediaLibrary(strapi: Core.Strapi): Promise<Media> {
  const files = media.parse(await strapi.db.query('plugin::upload.file').findMany({ orderBy: { id: 'asc' } }));
  const byName = new Map<string, MediaFile>();
  const byUrl = new Map<string, MediaFile>();
  for (const file of files) {
    if (!byName.has(file.name)) byName.set(file.name, file);
    if (typeof file.url === 'string') byUrl.set(file.url, file);
  }
  return { byName, byUrl };
}

/** A body's blocks with each image block's whole file put back (found by name, else url), and the images not found. */
function bodyBlocks(cell: string, files: Media) {
  return resolveImages(markdownToBlocks(cell), (image) => files.byName.get(image.name) ?? files.byUrl.get(image.url) ?? null);
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function checkRows(read: readonly ReadRow[], options: ImportOptions, files: Media, problem: ProblemSink): Row[] {
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells, problems: readProblems } of read) {
    const type = cells.type ?? '';
    const slug = cells.slug ?? '';
    const locale = cells.locale ?? '';
    // A cell the reader could not read (a formula, a spreadsheet date) is '' here and has its
    // problem already: judging the '' too would say a second, wrong thing about the same cell.
    const unread = new Set(readProblems.map((found) => found.column));
    let sound = true;
    const bad = (column: string, message: string, code: ProblemCode = 'TRANSFER_BAD_CELL') => {
      if (!unread.has(column)) problem(row, column, code, message);
      sound = false;
    };
    if (!isTransferType(type)) bad('type', type === '' ? 'Every row needs a type: site, section, page, banner or article.' : `"${type}" is not a type: write site, section, page, banner or article.`);
    if (!isSlug(slug)) bad('slug', slug === '' ? 'Every row needs the slug it is matched by (a site\'s code).' : `"${slug}" is not a slug: use lowercase letters, digits and single hyphens, like "hiv-testing".`);
    if (type === 'site') {
      if (locale !== '') bad('locale', 'A site is not translated: leave its locale empty (its languages are in locales).');
      else if (options.scope.locale !== undefined) bad('locale', `This import is limited to ${options.scope.locale}, and a site row has no locale.`);
      else if (options.scope.site !== undefined && slug !== options.scope.site) bad('slug', `This import is limited to the site ${options.scope.site}.`);
    } else if (!isKnownLocale(locale)) bad('locale', locale === '' ? 'Every row needs its locale, like en or sw-KE.' : `"${locale}" is not a locale this platform knows (locales/registry.json), like en or sw-KE.`);
    else if (options.scope.locale !== undefined && locale !== options.scope.locale) bad('locale', `This import is limited to ${options.scope.locale}; this row is in ${locale}.`);
    if (!isTransferType(type)) continue;
    const key = `${type}/${slug}/${locale}`;
    const first = unread.has('slug') || unread.has('locale') ? undefined : seen.get(key);
    if (first !== undefined) bad('slug', `The same ${type} and locale as row ${first}: keep one of the two rows.`, 'TRANSFER_DUPLICATE_ROW');
    else if (!unread.has('slug') && !unread.has('locale')) seen.set(key, row);
    for (const [name, cell] of Object.entries(cells)) {
      const column = columnOf(name);
      if (column === undefined) continue;
      if (!column.types.includes(type)) {
        if (cell !== '') bad(name, `${article(type)} has no ${name}: leave this cell empty.`);
        continue;
      }
      const value = valueOf(column, cell);
      if (!value.ok) bad(name, value.message);
      if (column.kind === 'media' && cell !== '' && !files.byName.has(cell)) bad(name, `No file named "${cell}" is in the Media Library: upload it there first, or leave the cell empty.`);
      if (column.kind === 'markdown' && value.ok) {
        const missing = bodyBlocks(cell, files).missing.map((image) => `"${image.name}"`);
        if (missing.length > 0) bad(name, `The text shows ${missing.length === 1 ? 'an image' : 'images'} not in the Media Library (${missing.join(', ')}): upload ${missing.length === 1 ? 'it' : 'them'} there first, or take ${missing.length === 1 ? 'it' : 'them'} out.`);
      }
    }
    // Empty in a translation's row: as the document has it (checked when written).
    if (options.scope.site !== undefined && type !== 'site' && ((cells.sites ?? '') !== '' || /^(yes|true|1|y)$/i.test(cells.allSites ?? ''))) {
      const carriage = { allSites: valueOf(columnOf('allSites')!, cells.allSites ?? '').ok && /^(yes|true|1|y)$/i.test(cells.allSites ?? ''), sites: (cells.sites ?? '').split(',').map((code) => code.trim()) };
      if (!carries(carriage, options.scope.site)) bad('sites', `This import is limited to ${options.scope.site}, and this row's sites do not include it.`);
    }
    if (sound) rows.push({ row, type, slug, locale, cells });
  }
  return rows;
}

interface DocumentRows {
  readonly type: TransferType;
  readonly slug: string;
  /** The source locale's row first. */
  readonly rows: Row[];
}

/** Rows grouped per document, in write order; a shared cell that differs between a document's rows is a problem. */
function groupDocuments(rows: readonly Row[], sourceLocale: string, problem: ProblemSink): DocumentRows[] {
  const documents = new Map<string, DocumentRows>();
  for (const row of rows) {
    const key = `${row.type}/${row.slug}`;
    const document = documents.get(key) ?? { type: row.type, slug: row.slug, rows: [] };
    documents.set(key, document);
    const first = document.rows[0];
    if (first !== undefined) {
      for (const column of COLUMNS) {
        // An empty shared cell in a translation's row means "as the document has it".
        if (column.localized || !(column.name in row.cells) || !(column.name in first.cells) || row.cells[column.name] === '') continue;
        const mine = canonicalCell(column, row.cells[column.name] ?? '');
        const theirs = canonicalCell(column, first.cells[column.name] ?? '');
        if (mine !== theirs) {
          problem(row.row, column.name, 'TRANSFER_SHARED_MISMATCH', `${column.name} is shared by every language of this ${row.type}, and row ${first.row} says "${theirs}": make them the same, or leave this column out.`);
        }
      }
    }
    document.rows.push(row);
  }
  const ordered = [...documents.values()];
  for (const document of ordered) document.rows.sort((a, b) => Number(b.locale === sourceLocale) - Number(a.locale === sourceLocale));
  const depth = (document: DocumentRows, seen = new Set<string>()): number => {
    const parent = document.type === 'section' ? (document.rows[0]?.cells.parent ?? '') : '';
    const parentDocument = parent === '' || seen.has(parent) ? undefined : documents.get(`section/${parent}`);
    return parentDocument === undefined ? 0 : 1 + depth(parentDocument, new Set([...seen, document.slug]));
  };
  const rank = (document: DocumentRows) => TYPE_ORDER.indexOf(document.type) * 1000 + depth(document);
  return ordered.sort((a, b) => rank(a) - rank(b));
}

// ---- Writing ----------------------------------------------------------------------------

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  pruned: number;
}

const wantsPublished = (mode: PublishMode, cells: Readonly<Record<string, string>>) =>
  mode === 'all' || (mode === 'status' && (cells.status === 'published' || cells.status === 'modified'));

/** The data a row writes: the cells that differ from the stored version (all of them for a new one). */
function dataOf(type: TransferType, row: Row, stored: Stored | undefined, files: Media, withShared: boolean): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  let overrides = false;
  for (const [name, cell] of Object.entries(row.cells)) {
    const column = columnOf(name);
    if (column === undefined || !column.types.includes(type) || (!column.localized && !withShared)) continue;
    if (stored !== undefined && sameCell(column, cell, stored)) continue;
    if (column.field === 'channelOverrides') overrides = true;
    else if (column.kind === 'media') data.image = cell === '' ? null : (files.byName.get(cell)?.id ?? null);
    else if (column.kind === 'markdown') data[column.field] = cell === '' ? [] : bodyBlocks(cell, files).blocks;
    else {
      const value = valueOf(column, cell);
      if (value.ok) data[column.field] = value.value;
    }
  }
  if (overrides) {
    data.channelOverrides = channels.flatMap((channel: Channel) => {
      const name = `override:${channel}`;
      const column = columnOf(name);
      const text = name in row.cells ? (row.cells[name] ?? '') : column !== undefined && stored !== undefined ? cellOf(column, stored) : '';
      return text === '' ? [] : [{ channel, text }];
    });
  }
  return data;
}

/** Whether a cell says what is stored; a stored body Markdown cannot carry (BlocksError) is never the same. */
function sameCell(column: Column, cell: string, stored: Stored): boolean {
  try {
    return canonicalCell(column, cell) === cellOf(column, stored);
  } catch (error) {
    if (error instanceof BlocksError) return false;
    throw error;
  }
}

/** The column a refusal's field path names (`channelOverrides[1].text` → the override column of that entry). */
function columnOfPath(type: TransferType, path: readonly string[], data: Record<string, unknown>): string | null {
  const [field, index] = path;
  if (field === 'channelOverrides') {
    const entry: unknown = Array.isArray(data.channelOverrides) ? data.channelOverrides[Number(index)] : undefined;
    return isRecord(entry) && typeof entry.channel === 'string' ? `override:${entry.channel}` : 'override:…';
  }
  return COLUMNS.find((column) => column.field === field && column.types.includes(type))?.name ?? field ?? null;
}

const pathSchema = z.array(z.object({ path: z.array(z.union([z.string(), z.number()]).transform(String)), message: z.string() }));

/** How the CMS's validation words a required field left empty on publish ("title must be a `string` type, but the final value was: `null`."). */
const EMPTY_REQUIRED = /must be a `\w+` type, but the final value was: `null`/;
const emptyRequired = (column: string, type: TransferType) =>
  `${article(type)[0]?.toUpperCase() ?? ''}${article(type).slice(1)} that is published must have a ${column}, and this row leaves it empty: fill it in, or import without publishing (a draft may be unfinished).`;

/** A refusal by the CMS's rules as row problems; anything else is not the row's fault. */
function refusalProblems(error: unknown, type: TransferType, row: Row, data: Record<string, unknown>, problem: ProblemSink): boolean {
  if (!(error instanceof errors.ApplicationError)) return false;
  const details = isRecord(error.details) ? pathSchema.safeParse(error.details.errors) : null;
  if (details?.success && details.data.length > 0) {
    for (const found of details.data) {
      const column = columnOfPath(type, found.path, data);
      problem(row.row, column, 'TRANSFER_INVALID', EMPTY_REQUIRED.test(found.message) ? emptyRequired(column ?? found.path.join('.'), type) : found.message);
    }
  } else {
    problem(row.row, null, 'TRANSFER_INVALID', error.message);
  }
  return true;
}

/**
 * Shared fields (sites, section, tags, dates…) are one value for every language: a document's
 * source-language row sets them (or its first row, for a new document). A translation's row
 * may leave them empty; filled, it must say what the document has, so a translator's file
 * never changes them for every language, nor puts back values an editor has since changed.
 */
function sharedMismatches(document: DocumentRows, row: Row, reference: (column: Column) => string | null, sourceLocale: string, problem: ProblemSink): boolean {
  let found = false;
  for (const [name, cell] of Object.entries(row.cells)) {
    const column = columnOf(name);
    if (column === undefined || column.localized || !column.types.includes(document.type) || cell === '') continue;
    const expected = reference(column);
    if (expected === null || canonicalCell(column, cell) === expected) continue;
    problem(
      row.row,
      name,
      'TRANSFER_SHARED_MISMATCH',
      `${name} is shared by every language of this ${document.type} and is set in its ${sourceLocale} row: it is "${expected}", and this ${row.locale} row says "${cell}". Leave the cell empty or as exported, or change it in the ${sourceLocale} row.`,
    );
    found = true;
  }
  return found;
}

/** A document's stored drafts (one per locale) and whether each is published, as the import found them. */
interface StoredDocument {
  readonly drafts: readonly Stored[];
  readonly statuses: ReadonlyMap<string, RowStatus>;
}

const documentKey = (document: { readonly type: TransferType; readonly slug: string }) => `${document.type}/${document.slug}`;

/**
 * The drafts and statuses of every document named, by `type/slug`: a query per type and
 * IN_CHUNK slugs (and one per chunk of their documents for the statuses), where one per
 * document made an import of thousands of rows wait on thousands of round trips. Read inside
 * the import's transaction; documents are written one slug at a time, so no write of the
 * import changes what another document found here.
 */
async function storedVersions(strapi: Core.Strapi, documents: readonly DocumentRows[]): Promise<Map<string, StoredDocument>> {
  const slugsByType = new Map<TransferType, string[]>();
  for (const document of documents) {
    const slugs = slugsByType.get(document.type) ?? [];
    slugs.push(document.slug);
    slugsByType.set(document.type, slugs);
  }
  const found = new Map<string, StoredDocument>();
  for (const [type, slugs] of slugsByType) {
    const drafts = new Map<string, Stored[]>();
    for (const slice of chunks(slugs)) {
      for (const draft of await draftsOfSlugs(strapi, type, slice)) {
        const key = documentKey({ type, slug: String(draft[keyField(type)]) });
        const list = drafts.get(key) ?? [];
        list.push(draft);
        drafts.set(key, list);
      }
    }
    const all = [...drafts.values()].flat();
    const documentIds = [...new Set(all.map((draft) => draft.documentId).filter((id): id is string => typeof id === 'string'))];
    const statuses = documentIds.length === 0 ? new Map<string, RowStatus>() : await statusesOf(strapi, type, all, documentIds);
    for (const [key, list] of drafts) found.set(key, { drafts: list, statuses });
  }
  return found;
}

async function writeDocument(
  strapi: Core.Strapi,
  document: DocumentRows,
  known: StoredDocument,
  options: ImportOptions,
  files: Media,
  sourceLocale: string,
  problem: ProblemSink,
): Promise<Counts | 'fatal'> {
  const uid = TYPES[document.type];
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, pruned: 0 };
  const service = strapi.documents(uid);
  const stored = known.drafts;
  let documentId = typeof stored[0]?.documentId === 'string' ? stored[0].documentId : undefined;
  const statuses = known.statuses;
  const localized = isLocalizedType(document.type);
  const first = document.rows[0];
  const firstSetsShared = first !== undefined && (!localized || first.locale === sourceLocale || documentId === undefined);
  const reference = (column: Column): string | null => {
    if (firstSetsShared && first !== undefined && column.name in first.cells && first.cells[column.name] !== '') return canonicalCell(column, first.cells[column.name] ?? '');
    return stored[0] === undefined ? null : cellOf(column, stored[0]);
  };
  for (const row of document.rows) {
    const version = localized ? stored.find((draft) => draft.locale === row.locale) : stored[0];
    const setsShared = row === first && firstSetsShared;
    if (!setsShared && sharedMismatches(document, row, reference, sourceLocale, problem)) continue;
    // A translation the file leaves empty (an exported "missing" row nobody filled in) is not created.
    if (version === undefined && !setsShared && isUntranslated(document.type, row)) {
      counts.unchanged += 1;
      continue;
    }
    const data = dataOf(document.type, row, version, files, setsShared);
    const status: RowStatus | undefined = documentId === undefined ? undefined : statuses.get(versionKey(documentId, localized ? row.locale : null));
    const locale = localized ? { locale: row.locale } : {};
    const publish = wantsPublished(options.publish, row.cells) && (Object.keys(data).length > 0 || status !== 'published');
    if (version !== undefined && Object.keys(data).length === 0 && !publish) {
      counts.unchanged += 1;
      continue;
    }
    try {
      if (Object.keys(data).length > 0 || version === undefined) {
        const sent = { ...data, [keyField(document.type)]: document.slug } as never;
        // Saved and published in one call when it is to be published, as the admin's "Publish" does.
        const status = publish ? { status: 'published' as const } : {};
        const written: unknown =
          documentId === undefined ? await service.create({ ...locale, ...status, data: sent }) : await service.update({ documentId, ...locale, ...status, data: sent });
        if (documentId === undefined && isRecord(written) && typeof written.documentId === 'string') documentId = written.documentId;
      } else if (publish && documentId !== undefined) await service.publish({ documentId, ...locale });
    } catch (error) {
      if (!refusalProblems(error, document.type, row, data, problem)) {
        strapi.log.error(`import: row ${row.row} of ${options.file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        problem(row.row, null, 'TRANSFER_INVALID', 'The CMS could not save this row (an internal error, in its log); nothing was written. Try again, or ask whoever runs the CMS.');
        return 'fatal';
      }
      continue;
    }
    if (version === undefined) counts.created += 1;
    else counts.updated += 1;
  }
  return counts;
}

/** Whether every per-language cell of a row is empty. */
const isUntranslated = (type: TransferType, row: Row) =>
  COLUMNS.every((column) => !column.localized || !column.types.includes(type) || (row.cells[column.name] ?? '') === '');

async function draftsOfSlugs(strapi: Core.Strapi, type: TransferType, slugs: readonly string[]): Promise<Stored[]> {
  const rows: unknown[] = await strapi.db.query(TYPES[type]).findMany({ where: { [keyField(type)]: { $in: slugs }, publishedAt: null }, populate: populateOf(type) });
  return rows.filter(isRecord);
}

/**
 * Deletes the versions in scope the file does not name: of the types the file holds, in the
 * locales it holds (or the given locale), of documents the given site carries alone (a
 * document other sites carry is never pruned from one site's file). A file of Swahili rows
 * never deletes an English version.
 */
async function prune(strapi: Core.Strapi, rows: readonly Row[], scope: ImportOptions['scope'], deleted: Version[]): Promise<number> {
  const named = new Set(rows.map((row) => `${row.type}/${row.slug}/${row.locale}`));
  const types = new Set(rows.map((row) => row.type));
  const locales = new Set(scope.locale !== undefined ? [scope.locale] : rows.map((row) => row.locale));
  let pruned = 0;
  for (const type of TYPE_ORDER) {
    // Sites are never pruned: closing a site is an editor's decision in the admin.
    if (!types.has(type) || type === 'site') continue;
    for (const draft of await draftsOf(strapi, type)) {
      if (!locales.has(String(draft.locale))) continue;
      if (scope.site !== undefined && !carriedAlone(draft, scope.site)) continue;
      if (named.has(`${type}/${String(draft.slug)}/${String(draft.locale)}`)) continue;
      await strapi.documents(TYPES[type]).delete({ documentId: String(draft.documentId), locale: String(draft.locale) });
      if (deleted.length < LISTED_PROBLEMS) deleted.push({ type, slug: String(draft.slug), locale: String(draft.locale) });
      pruned += 1;
    }
  }
  return pruned;
}

const carriedAlone = (stored: Stored, site: string) =>
  stored.allSites !== true && stored.allSites !== 1 && Array.isArray(stored.sites) && stored.sites.length === 1 && stored.sites[0] === site;
