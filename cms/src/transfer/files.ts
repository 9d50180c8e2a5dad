// Content files in and out: CSV, XLSX and JSON rows of string cells, read as a stream with
// every limit counted on the way, so a bad file stops early with one sentence a person can act on.
//
// Reading: CSV is decoded as strict UTF-8 (a BOM is skipped; UTF-16 and Latin-1 are refused)
// and parsed record by record; JSON and XLSX are collected up to the byte limit first (JSON.parse
// needs the whole text; a ZIP's directory is at its end, which is how a cut XLSX is told from a
// whole one) and their rows then streamed, the XLSX sheet by exceljs's streaming reader. Row
// numbers are the spreadsheet's: the header is row 1, and an empty row is skipped but counted.
import { PassThrough, Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { TRANSFER_LIMITS } from './limits';
import { TransferFileError, type Problem, type ProblemCode } from './problems';

export { TransferFileError } from './problems';

export const FORMATS = ['xlsx', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];
export type ColumnKind = 'text' | 'date' | 'integer' | 'yesno';

export interface ReadOptions {
  readonly format: Format;
  /** The file's name, for problems. */
  readonly file: string;
  /** Canonical column names → kind; header cells are matched case-insensitively, trimmed. */
  readonly columns: Readonly<Record<string, ColumnKind>>;
  /** Columns accepted in the header and ignored (status, source:*). */
  readonly exportOnly: readonly string[];
  /** Called with the count of data rows read, every 1,000 rows. */
  readonly onProgress?: (rows: number) => void;
}

/** One non-empty data row: a cell under its canonical name for every column the file has ('' when empty). */
export interface ReadRow {
  readonly row: number;
  readonly cells: Record<string, string>;
  readonly problems: Problem[];
}

export { TRANSFER_LIMITS };

/** What an XLSX may unpack to (its ZIP directory's sizes): 20 MiB of ZIP can hide gigabytes. */
const XLSX_UNPACKED_BYTES = 256 * 1024 * 1024;
const PROGRESS_EVERY = 1000;

const number = (value: number) => value.toLocaleString('en-US');
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

function fail(file: string, code: ProblemCode, message: string, column: string | null = null): never {
  throw new TransferFileError({ file, row: null, column, code, message });
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
function columnLetter(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

// ── input bytes ───────────────────────────────────────────────────────────────────────────

/** The input's chunks, stopping with TRANSFER_FILE_TOO_LARGE as soon as the count passes the limit. */
async function* counted(input: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of input) {
    bytes += chunk.byteLength;
    if (bytes > TRANSFER_LIMITS.fileBytes) {
      fail(file, 'TRANSFER_FILE_TOO_LARGE', `The file is larger than ${mib(TRANSFER_LIMITS.fileBytes)}, the most one import takes: split it into smaller files (by site, locale or type) and import them one by one.`);
    }
    yield chunk;
  }
}

/** The same bytes, the first chunk at least `size` long (or the whole input), so a file's kind can be told from it. */
async function* headFirst(input: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of input) {
    if (head === null) yield chunk;
    else {
      head = Buffer.concat([head, chunk]);
      if (head.length >= size) {
        yield head;
        head = null;
      }
    }
  }
  if (head !== null && head.length > 0) yield head;
}

/** Where the first byte that is not UTF-8 is, or -1 (a sequence cut at the end counts as valid). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const byte = bytes[at] ?? 0;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) return at;
    for (let next = 1; next < length && at + next < bytes.length; next += 1) {
      if (((bytes[at + next] ?? 0) & 0xc0) !== 0x80) return at;
    }
    at += length;
  }
  return -1;
}

async function collect(input: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return Buffer.concat(chunks);
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
const isZip = (bytes: Uint8Array) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06);
const isOleDocument = (bytes: Uint8Array) => startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0);

/** Refuses bytes that are plainly another format than the one named, saying which and what to do. */
function checkKind(head: Uint8Array, format: Format, file: string): void {
  const choose = 'choose the format that matches the file, or save it again in the format you chose';
  if (format !== 'xlsx' && isZip(head)) fail(file, 'TRANSFER_BAD_FORMAT', `This file is a workbook (XLSX or another ZIP file), not ${format.toUpperCase()}: ${choose}.`);
  if (isOleDocument(head)) fail(file, 'TRANSFER_BAD_FORMAT', 'This file is an old Excel workbook (.xls): open it and save it as "Excel Workbook (.xlsx)" or "CSV UTF-8", then import that.');
  if (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff)) {
    fail(file, 'TRANSFER_NOT_UTF8', format === 'csv'
      ? 'This CSV is saved as UTF-16 ("Unicode Text"), not UTF-8: in Excel choose File → Save As → "CSV UTF-8 (Comma delimited) (*.csv)" (in LibreOffice, character set "Unicode (UTF-8)"), then import that file.'
      : `This file is saved as UTF-16, not UTF-8: save it again as UTF-8${format === 'xlsx' ? ' or as an Excel workbook' : ''} and import that.`);
  }
  if (format === 'xlsx' && !isZip(head)) {
    const text = Buffer.from(head.subarray(0, 512)).toString('latin1').trimStart();
    const what = text.startsWith('{') || text.startsWith('[') ? 'JSON' : /^[^\0-\x08]*$/.test(text) ? 'text (CSV?)' : 'not an XLSX workbook';
    fail(file, 'TRANSFER_BAD_FORMAT', `This file is ${what === 'not an XLSX workbook' ? what : what + ', not an XLSX workbook'}: ${choose}.`);
  }
}

/** `line` is the file's line (1-based) holding the first byte that is not UTF-8. */
function notUtf8(file: string, format: Format, line: number): never {
  fail(file, 'TRANSFER_NOT_UTF8', format === 'csv'
    ? `This CSV is not saved as UTF-8 (line ${number(line)} is the first with a letter that is not), so accented letters would come out garbled: in Excel choose File → Save As → "CSV UTF-8 (Comma delimited) (*.csv)" (in LibreOffice, character set "Unicode (UTF-8)"), then import that file.`
    : `This file is not UTF-8 text (line ${number(line)} is the first with a letter that is not): save it again as UTF-8 and import that.`);
}

const newlines = (bytes: Uint8Array, end = bytes.length) => {
  let count = 0;
  for (let at = 0; at < end; at += 1) if (bytes[at] === 0x0a) count += 1;
  return count;
};

// ── the header and the cells ──────────────────────────────────────────────────────────────

interface Header {
  /** For each position: the canonical column, `null` to ignore (export-only or nameless). */
  readonly slots: ReadonlyArray<string | null>;
  /** Positions whose header cell is empty: a value under one is a problem. */
  readonly nameless: ReadonlySet<number>;
}

function readHeader(names: readonly string[], options: ReadOptions, label: (index: number) => string): Header {
  const { file } = options;
  const canonical = new Map(Object.keys(options.columns).map((name) => [name.toLowerCase(), name]));
  const ignored = new Set(options.exportOnly.map((name) => name.toLowerCase()));
  let last = names.length;
  while (last > 0 && (names[last - 1] ?? '').trim() === '') last -= 1;
  const used = names.slice(0, last);
  if (used.length === 0) fail(file, 'TRANSFER_NO_HEADER', `Row 1 is empty: it must name the columns (${Object.keys(options.columns).slice(0, 4).join(', ')}, …), as an export does.`);
  if (used.length > TRANSFER_LIMITS.columns) {
    fail(file, 'TRANSFER_BAD_FORMAT', `The file has ${number(used.length)} columns, ${number(used.length - TRANSFER_LIMITS.columns)} more than the ${TRANSFER_LIMITS.columns} allowed: remove the columns an import does not use.`);
  }
  const slots: Array<string | null> = [];
  const nameless = new Set<number>();
  const seen = new Map<string, number>();
  const unknown: number[] = [];
  used.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === '') {
      nameless.add(index);
      slots.push(null);
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      fail(file, 'TRANSFER_DUPLICATE_COLUMN', `Column "${raw.trim()}" appears twice in row 1 (${label(first)} and ${label(index)}): keep one and delete the other.`, canonical.get(name) ?? raw.trim());
    }
    seen.set(name, index);
    if (ignored.has(name)) slots.push(null);
    else if (canonical.has(name)) slots.push(canonical.get(name) ?? null);
    else {
      unknown.push(index);
      slots.push(null);
    }
  });
  if (!slots.some((slot) => slot !== null)) {
    fail(file, 'TRANSFER_NO_HEADER', `Row 1 must name the columns (${Object.keys(options.columns).slice(0, 4).join(', ')}, …), as an export does; none of its cells is a column name.`);
  }
  const firstUnknown = unknown[0];
  if (firstUnknown !== undefined) {
    const names = unknown.map((index) => `"${(used[index] ?? '').trim()}" (${label(index)})`).join(', ');
    fail(file, 'TRANSFER_UNKNOWN_COLUMN', `Unknown column${unknown.length > 1 ? 's' : ''} ${names} in row 1: rename ${unknown.length > 1 ? 'them' : 'it'} to one of ${Object.keys(options.columns).join(', ')}, or delete ${unknown.length > 1 ? 'them' : 'it'}.`, (used[firstUnknown] ?? '').trim());
  }
  return { slots, nameless };
}

/** A cell's text as the model keeps it: trimmed, line ends LF (XLSX cannot keep a CR, so no format does). */
const clean = (text: string) => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).trim();

/** Text or a problem, for one cell (a raw value already turned into text). */
type Cell = { readonly text: string } | { readonly problem: { code: ProblemCode; message: string } };

function characters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** A row's cells under their columns; null when the row is empty. */
function buildRow(row: number, values: ReadonlyArray<Cell | undefined>, header: Header, options: ReadOptions, label: (index: number) => string): ReadRow | null {
  // Every column of the header is in the row, '' when its cell is empty: an empty cell is not a missing column.
  const cells: Record<string, string> = {};
  for (const slot of header.slots) if (slot !== null) cells[slot] = '';
  const problems: Problem[] = [];
  let isEmpty = true;
  values.forEach((value, index) => {
    if (value === undefined) return;
    if ('text' in value && value.text === '') return;
    isEmpty = false;
    const column = header.slots[index] ?? null;
    const problem = (code: ProblemCode, message: string) => problems.push({ file: options.file, row, column: column ?? label(index), code, message });
    if ('problem' in value) {
      if (column !== null) problem(value.problem.code, value.problem.message);
      return;
    }
    if (column === null) {
      if (index >= header.slots.length || header.nameless.has(index)) problem('TRANSFER_BAD_CELL', `${label(index)} has a value but no column name in row 1: name the column or clear the cell.`);
      return;
    }
    if (value.text.length > TRANSFER_LIMITS.cellChars) {
      const count = characters(value.text);
      if (count > TRANSFER_LIMITS.cellChars) {
        problem('TRANSFER_CELL_TOO_LONG', `This cell has ${number(count)} characters, ${number(count - TRANSFER_LIMITS.cellChars)} more than the ${number(TRANSFER_LIMITS.cellChars)} allowed: shorten it.`);
        return;
      }
    }
    cells[column] = value.text;
  });
  return isEmpty ? null : { row, cells, problems };
}

/** Counts data rows, stops past the limit and reports progress. */
function rowCounter(options: ReadOptions) {
  let rows = 0;
  return (row: number) => {
    rows += 1;
    if (rows > TRANSFER_LIMITS.rows) {
      fail(options.file, 'TRANSFER_TOO_MANY_ROWS', `The file has more than ${number(TRANSFER_LIMITS.rows)} rows of content (reading stopped at row ${number(row)}): split it into files of at most ${number(TRANSFER_LIMITS.rows)} rows and import them one by one.`);
    }
    if (rows % PROGRESS_EVERY === 0) options.onProgress?.(rows);
  };
}

// ── CSV ───────────────────────────────────────────────────────────────────────────────────

/** A CSV cell as written: one leading `'` (the formula guard) removed, then trimmed. */
const csvCell = (raw: string): Cell => ({ text: clean(raw.startsWith("'") ? raw.slice(1) : raw) });

async function* readCsv(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<ReadRow> {
  const { file } = options;
  const parser = parseCsv({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // The bytes go in from here; a file-level problem on the way stops the parser with it.
  const pump = (async () => {
    let lines = 1;
    let first = true;
    for await (const chunk of headFirst(counted(input, file), 512)) {
      if (first && chunk.byteLength > 0) {
        checkKind(chunk, 'csv', file);
        const text = Buffer.from(chunk.subarray(0, 64)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
        if (text.startsWith('{') || text.startsWith('[')) fail(file, 'TRANSFER_BAD_FORMAT', 'This file is JSON, not CSV: choose the format that matches the file, or save it again in the format you chose.');
        first = false;
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        notUtf8(file, 'csv', lines + newlines(chunk, Math.max(0, firstInvalidUtf8(chunk))));
      }
      lines += newlines(chunk);
      if (parser.destroyed) return;
      if (text !== '' && !parser.write(text)) {
        // Wait for the reader, or stop when it has stopped (a limit, a problem, the caller gone).
        await new Promise<void>((resolve) => {
          const done = () => {
            parser.off('drain', done).off('close', done);
            resolve();
          };
          parser.on('drain', done).on('close', done);
        });
      }
    }
    if (parser.destroyed) return;
    try {
      const rest = decoder.decode();
      if (rest !== '') parser.write(rest);
    } catch {
      notUtf8(file, 'csv', lines);
    }
    parser.end();
  })().catch((error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error))));

  let header: Header | null = null;
  let row = 0;
  const count = rowCounter(options);
  try {
    for await (const parsed of parser) {
      const record: string[] = Array.isArray(parsed) ? parsed.map((cell: unknown) => (typeof cell === 'string' ? cell : '')) : [];
      row += 1;
      if (header === null) {
        const only = record.length === 1 ? (record[0] ?? '') : '';
        const separator = only.includes(';') ? '";"' : only.includes('\t') ? 'tabs' : null;
        if (separator !== null) fail(file, 'TRANSFER_BAD_FORMAT', `This CSV separates its cells with ${separator}, not commas: in Excel choose File → Save As → "CSV UTF-8 (Comma delimited) (*.csv)" (in LibreOffice, field delimiter ","), then import that file.`);
        header = readHeader(record, options, columnLetter);
        continue;
      }
      const built = buildRow(row, record.map(csvCell), header, options, columnLetter);
      if (built === null) continue;
      count(row);
      yield built;
    }
  } catch (error) {
    if (error instanceof TransferFileError) throw error;
    const code = error instanceof Error && 'code' in error ? error.code : null;
    const lines = error instanceof Error && 'lines' in error ? error.lines : null;
    const line = typeof lines === 'number' ? ` (line ${number(lines)})` : '';
    if (code === 'CSV_QUOTE_NOT_CLOSED') fail(file, 'TRANSFER_TRUNCATED', `A quoted cell is never closed${line}, so the file looks cut short: export or save it again and import the whole file.`);
    fail(file, 'TRANSFER_BAD_FORMAT', `This is not a CSV file that can be read${line}: save it again as "CSV UTF-8 (Comma delimited)" and import that.`);
  } finally {
    // The pump stops at its next chunk; waiting for it could wait on a stalled upload.
    parser.destroy();
    void pump;
  }
  if (header === null) fail(file, 'TRANSFER_NO_HEADER', 'The file is empty: row 1 must name the columns, and the rows below hold the content.');
}

// ── JSON ──────────────────────────────────────────────────────────────────────────────────

function jsonCell(value: unknown): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: clean(value) };
  if (typeof value === 'number' && Number.isFinite(value)) return { text: numberText(value) };
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no' };
  return { problem: { code: 'TRANSFER_BAD_CELL', message: 'This value is a list or an object; a cell must be text in quotes.' } };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

async function* readJson(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<ReadRow> {
  const { file } = options;
  const bytes = await collect(counted(input, file));
  checkKind(bytes, 'json', file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    notUtf8(file, 'json', 1 + newlines(bytes, Math.max(0, firstInvalidUtf8(bytes))));
  }
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') fail(file, 'TRANSFER_BAD_FORMAT', 'This file is not JSON (an export\'s JSON starts with {"format":"baobab-content"): choose the format that matches the file.');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    fail(file, 'TRANSFER_TRUNCATED', 'This JSON file is damaged or cut short, so it cannot be read: export it again, or fix it in a text editor, and import the whole file.');
  }
  const shape = isRecord(document) ? document : null;
  if (shape === null || shape.format !== 'baobab-content' || shape.version !== 1 || !Array.isArray(shape.rows)) {
    fail(file, 'TRANSFER_BAD_FORMAT', 'This JSON is not a Baobab content file: it must be {"format":"baobab-content","version":1,"rows":[…]}, as an export writes it.');
  }
  const rows: unknown[] = shape.rows;
  // JSON has no header row: the keys, in the order first seen, are the columns.
  const keys: string[] = [];
  const known = new Set<string>();
  for (const item of rows) {
    if (!isRecord(item)) continue;
    for (const key of Object.keys(item)) {
      if (!known.has(key)) {
        known.add(key);
        keys.push(key);
      }
    }
  }
  if (keys.length === 0) return;
  const label = (index: number) => `key "${keys[index] ?? ''}"`;
  const header = readHeader(keys, options, label);
  const count = rowCounter(options);
  for (const [index, item] of rows.entries()) {
    const row = index + 2;
    if (!isRecord(item)) {
      count(row);
      const cells = Object.fromEntries(header.slots.filter((slot) => slot !== null).map((slot) => [slot, '']));
      yield { row, cells, problems: [{ file, row, column: null, code: 'TRANSFER_BAD_CELL', message: 'This row is not an object of "column": "text" pairs.' }] };
      continue;
    }
    const built = buildRow(row, keys.map((key) => (Object.hasOwn(item, key) ? jsonCell(item[key]) : undefined)), header, options, label);
    if (built === null) continue;
    count(row);
    yield built;
  }
}

// ── XLSX ──────────────────────────────────────────────────────────────────────────────────

/** The ZIP's total unpacked size from its central directory, or null when the directory is missing (a cut file). */
function unpackedSize(zip: Buffer): number | null {
  const from = Math.max(0, zip.length - 65_557);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), zip.length - 22);
  if (end < from || end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let entry = 0; entry < entries; entry += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    const size = zip.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/** Excel keeps 15 significant digits: 0.1+0.2 shows as 0.3, 1.0 as 1. */
function numberText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

function xlsxCell(value: ExcelJS.CellValue, kind: ColumnKind | undefined): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: clean(value) };
  if (typeof value === 'number') return { text: numberText(value) };
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: { code: 'TRANSFER_BAD_CELL', message: 'This date cell holds no valid date: type the date as text, like 2026-03-01T08:00:00.000Z.' } };
    const iso = value.toISOString();
    if (kind === 'date') return { text: iso };
    return { problem: { code: 'TRANSFER_SPREADSHEET_DATE', message: `The spreadsheet turned this cell into a date (${iso.slice(0, 10)}): format the column as Text, type the value again and save.` } };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value && typeof value.formula === 'string' && value.formula !== '' ? ` (=${value.formula.slice(0, 40)})` : '';
    return { problem: { code: 'TRANSFER_FORMULA', message: `This cell holds a formula${formula}, which an import does not run: copy the cells and paste them back as values (Paste Special → Values).` } };
  }
  if ('error' in value) return { problem: { code: 'TRANSFER_BAD_CELL', message: `This cell shows a spreadsheet error (${String(value.error)}): type its value instead.` } };
  if ('richText' in value && Array.isArray(value.richText)) return { text: clean(value.richText.map((part) => part.text ?? '').join('')) };
  if ('text' in value && typeof value.text === 'string') return { text: clean(value.text) };
  return { problem: { code: 'TRANSFER_BAD_CELL', message: 'This cell holds something other than text, a number, a date or yes/no: type its value as text.' } };
}

/**
 * The parts of exceljs's streaming WorkbookReader that read one part of the ZIP each. Fed here
 * from JSZip in the order they depend on each other (rels, workbook, styles, shared strings,
 * then the sheet), so the reader never parks a sheet in a temporary file and always knows the
 * date formats; `xlsxPartsReader` checks they are there, so an exceljs upgrade that renames them
 * fails the tests rather than an import.
 */
interface XlsxParts {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(entry: NodeJS.ReadableStream, sheetNo: string): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
  workbookRels?: Array<{ Id?: string; Target?: string }>;
  model?: { sheets?: Array<{ name?: string; rId?: string }> };
}

function xlsxPartsReader(): XlsxParts {
  const reader: unknown = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  const methods = ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet'];
  if (typeof reader !== 'object' || reader === null || !methods.every((name) => typeof (reader as Record<string, unknown>)[name] === 'function')) {
    throw new Error('exceljs no longer has the WorkbookReader methods files.ts drives; check its version');
  }
  return reader as XlsxParts;
}

/** The worksheet to read: the one named "content" (any case), else the first. */
function contentSheetPath(parts: XlsxParts): string | null {
  const sheets = parts.model?.sheets ?? [];
  const sheet = sheets.find((entry) => entry.name?.toLowerCase() === 'content') ?? sheets[0];
  const target = (parts.workbookRels ?? []).find((rel) => rel.Id === sheet?.rId)?.Target;
  if (target === undefined) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield decoder.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, { stream: true });
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

async function* readXlsx(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<ReadRow> {
  const { file } = options;
  const zip = await collect(counted(input, file));
  if (zip.length === 0) fail(file, 'TRANSFER_NO_HEADER', 'The file is empty: row 1 must name the columns, and the rows below hold the content.');
  checkKind(zip, 'xlsx', file);
  const size = unpackedSize(zip);
  const truncated = 'This XLSX file is damaged or cut short (did the upload or download finish?): open it in your spreadsheet, save it again as "Excel Workbook (.xlsx)" and import that.';
  if (size === null) fail(file, 'TRANSFER_TRUNCATED', truncated);
  if (size > XLSX_UNPACKED_BYTES) fail(file, 'TRANSFER_FILE_TOO_LARGE', `This workbook unpacks to more than ${mib(XLSX_UNPACKED_BYTES)}: split it into smaller files and import them one by one.`);

  let header: Header | null = null;
  let kinds: Array<ColumnKind | undefined> = [];
  const count = rowCounter(options);
  try {
    const archive = await JSZip.loadAsync(zip, { checkCRC32: false });
    // exceljs decodes each chunk on its own, which splits a character cut between two chunks
    // (Arabic, Amharic, emoji): the parts reach it as text decoded across chunks.
    const part = (path: string) => {
      const entry = archive.file(path);
      return entry === null ? null : Readable.from(decodeUtf8(entry.nodeStream().pipe(new PassThrough())));
    };
    const rels = part('xl/_rels/workbook.xml.rels');
    const book = part('xl/workbook.xml');
    if (rels === null || book === null) fail(file, 'TRANSFER_BAD_FORMAT', 'This file is a ZIP archive but not an Excel workbook (an OpenDocument .ods?): save it as "Excel Workbook (.xlsx)" and import that.');
    const parts = xlsxPartsReader();
    await parts._parseRels(rels);
    await parts._parseWorkbook(book);
    const styles = part('xl/styles.xml');
    if (styles !== null) await parts._parseStyles(styles);
    const strings = part('xl/sharedStrings.xml');
    if (strings !== null) for await (const _ of parts._parseSharedStrings(strings));
    const path = contentSheetPath(parts);
    const entry = path === null ? null : part(path);
    if (entry === null) fail(file, 'TRANSFER_TRUNCATED', truncated);
    const sheet = [...parts._parseWorksheet(entry, '1')][0]?.value;
    if (sheet === undefined) fail(file, 'TRANSFER_TRUNCATED', truncated);
    for await (const row of sheet) {
      const values: ExcelJS.CellValue[] = Array.isArray(row.values) ? row.values : [];
      if (header === null) {
        if (row.number !== 1) fail(file, 'TRANSFER_NO_HEADER', 'Row 1 is empty: it must name the columns, as an export does.');
        const titles = values.slice(1).map((value) => {
          const cell = xlsxCell(value, 'text');
          return 'text' in cell ? cell.text : '';
        });
        header = readHeader(titles, options, columnLetter);
        kinds = header.slots.map((slot) => (slot === null ? undefined : options.columns[slot]));
        continue;
      }
      const cells: Array<Cell | undefined> = [];
      for (let index = 1; index < values.length; index += 1) cells.push(values[index] === undefined ? undefined : xlsxCell(values[index], kinds[index - 1]));
      const built = buildRow(row.number, cells, header, options, columnLetter);
      if (built === null) continue;
      count(row.number);
      yield built;
    }
  } catch (error) {
    if (error instanceof TransferFileError) throw error;
    fail(file, 'TRANSFER_TRUNCATED', truncated);
  }
  if (header === null) fail(file, 'TRANSFER_NO_HEADER', 'The workbook\'s sheet is empty: row 1 must name the columns, and the rows below hold the content.');
}

/** Streams a file's rows; throws TransferFileError for a file-level problem (limits, encoding, truncation, header). */
export function readRows(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<ReadRow> {
  switch (options.format) {
    case 'csv':
      return readCsv(input, options);
    case 'json':
      return readJson(input, options);
    case 'xlsx':
      return readXlsx(input, options);
  }
}

// ── writing ───────────────────────────────────────────────────────────────────────────────

/** A CSV cell a spreadsheet could run as a formula gets a leading `'`; so does one that starts with `'`. */
const guardCsv = (text: string) => (/^[=+\-@\t\r']/.test(text) ? `'${text}` : text);

/** XML cannot hold control characters (but tab and line ends) or lone surrogates: XLSX gets U+FFFD instead. */
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** The rows as a file: every cell a string, the columns in the order given. */
export async function writeRows(rows: readonly Record<string, string>[], columns: readonly string[], format: Format): Promise<Buffer> {
  const line = (row: Record<string, string>) => columns.map((column) => row[column] ?? '');
  switch (format) {
    case 'csv':
      return Buffer.from(
        stringifyCsv([columns.map(guardCsv), ...rows.map((row) => line(row).map(guardCsv))], { bom: true, record_delimiter: '\r\n', quoted_match: /[\r\n]/ }),
        'utf8',
      );
    case 'json': {
      const body = rows.map((row) => JSON.stringify(Object.fromEntries(columns.map((column) => [column, row[column] ?? ''])))).join(',\n');
      return Buffer.from(`{"format":"baobab-content","version":1,"rows":[\n${body}\n]}\n`, 'utf8');
    }
    case 'xlsx': {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('content');
      sheet.addRow(columns.map(xmlSafe));
      for (const row of rows) sheet.addRow(line(row).map(xmlSafe));
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }
  }
}
