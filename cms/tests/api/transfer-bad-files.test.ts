// Bad files against the real import endpoint (issue 12, point 5): each file is POSTed to
// /api/baobab/content/import with the API token, as the CLI sends it, and answers ok: false
// with the problem's code, row, column and a sentence a person can act on; the whole
// database (an export of everything, byte for byte) is the same after each as before.
// Then what is refused before the file is read (bad parameters, 413, 409, 403) and what is
// accepted as it is: HTML and scripts in cells, stored and served as plain text.
import http from 'node:http';
import ExcelJS from 'exceljs';
import { adminCall, adminLogin, cmsUrl, gqlData, uniqueSlug, type Json } from '../support/client';

const token = () => process.env.BAOBAB_TEST_API_TOKEN ?? '';
const MiB = 1024 * 1024;

interface ImportAnswer {
  readonly status: number;
  /** NDJSON lines in order (progress, then the result); empty for a refusal before reading. */
  readonly lines: Json[];
  readonly result: Json;
  /** The JSON body of a refusal before reading (400, 403, 409, 413). */
  readonly refusal: Json;
}

function answerOf(status: number, contentType: string, text: string): ImportAnswer {
  if (contentType.startsWith('application/x-ndjson')) {
    const lines: Json[] = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
    return { status, lines, result: lines.at(-1)?.result, refusal: null };
  }
  return { status, lines: [], result: undefined, refusal: text === '' ? null : JSON.parse(text) };
}

async function importBytes(body: Buffer, query: string, auth = token()): Promise<ImportAnswer> {
  const response = await fetch(`${cmsUrl()}/api/baobab/content/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/octet-stream' },
    body,
  });
  return answerOf(response.status, response.headers.get('content-type') ?? '', await response.text());
}

/**
 * An upload without Content-Length (chunked), as a client streaming a file sends it: `chunks`
 * are written as the connection takes them. Resolves with the answer and how many bytes had
 * been written when the whole answer had arrived; stops sending then.
 */
function importStreamed(chunks: Iterable<Buffer>, query: string, options: { onLine?: (line: Json) => void; hold?: Promise<void> } = {}): Promise<ImportAnswer & { sentWhenAnswered: number; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(`${cmsUrl()}/api/baobab/content/import?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.on('response', (response) => {
      let text = '';
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        pending += chunk;
        for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
          options.onLine?.(JSON.parse(pending.slice(0, end)));
          pending = pending.slice(end + 1);
        }
      });
      response.on('end', () => {
        answered = true;
        const answer = answerOf(response.statusCode ?? 0, String(response.headers['content-type'] ?? ''), text);
        resolve({ ...answer, sentWhenAnswered: sent, sent });
        request.destroy();
      });
    });
    const source = chunks[Symbol.iterator]();
    const pump = async (): Promise<void> => {
      for (let next = source.next(); !next.done; next = source.next()) {
        if (answered) return;
        sent += next.value.length;
        if (!request.write(next.value)) await new Promise((drained) => request.once('drain', drained));
      }
      await options.hold;
      if (!answered) request.end();
    };
    pump().catch(reject);
  });
}

/** Everything in the CMS, as an export answers it. */
async function everything(): Promise<Buffer> {
  const response = await fetch(`${cmsUrl()}/api/baobab/content/export?format=json`, { headers: { authorization: `Bearer ${token()}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

async function exported(query: string, auth = token()): Promise<{ status: number; bytes: Buffer }> {
  const response = await fetch(`${cmsUrl()}/api/baobab/content/export?${query}`, { headers: { authorization: `Bearer ${auth}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Every row of a JSON export. */
async function exportedRows(query: string): Promise<Array<Record<string, string>>> {
  const { status, bytes } = await exported(`${query}&format=json`);
  expect(status).toBe(200);
  return JSON.parse(bytes.toString('utf8')).rows;
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csvText = (rows: readonly (readonly string[])[]) => rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
const csv = (rows: readonly (readonly string[])[]) => Buffer.from(csvText(rows), 'utf8');

async function workbook(rows: readonly (readonly ExcelJS.CellValue[])[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('content');
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function deliveredArticle(slug: string, host = 'kijana-ke.localhost', locale = 'en-KE'): Promise<Json> {
  const data = await gqlData('query($host: String!, $slug: String!, $locale: String) { site(host: $host) { article(slug: $slug, locale: $locale) { slug title lead body locale } } }', { host, slug, locale });
  return data.site.article;
}

/** The text of a Blocks body, its text nodes joined. */
const textOf = (node: Json): string => (Array.isArray(node) ? node.map(textOf).join('') : typeof node?.text === 'string' ? node.text : node?.children ? textOf(node.children) : '');

const HEADER = ['type', 'slug', 'locale', 'title', 'sites', 'section'] as const;
/** An article row carried by kijana-ke, in the header's columns. */
const articleRow = (slug: string, title: string, locale = 'en', section = 'periods') => ['article', slug, locale, title, 'kijana-ke', section];

/** A published article of this test's own, carried by kijana-ke (imported: the import path works). */
const fixture = { slug: uniqueSlug('transfer-bad-fixture'), title: 'Bad files fixture: the title before' };

beforeAll(async () => {
  const created = await importBytes(csv([HEADER, articleRow(fixture.slug, fixture.title)]), 'format=csv&publish=true&name=fixture.csv');
  expect(created.result).toMatchObject({ ok: true, created: 1 });
  expect((await deliveredArticle(fixture.slug)).title).toBe(fixture.title);
});

interface BadFile {
  readonly name: string;
  readonly file: () => Promise<Buffer>;
  /** The import's query; `name` is the file's name in problems. */
  readonly query: string;
  readonly problem: { code: string; row: number | null; column: string | null; message: RegExp; file?: string };
}

const newSlug = (what: string) => uniqueSlug(`transfer-bad-${what}`);

const BAD_FILES: BadFile[] = [
  {
    name: 'a truncated XLSX (a real export cut in half)',
    file: async () => {
      const whole = await exported('format=xlsx');
      expect(whole.status).toBe(200);
      return whole.bytes.subarray(0, Math.floor(whole.bytes.length * 0.6));
    },
    query: 'name=cut.xlsx',
    problem: { file: 'cut.xlsx', code: 'TRANSFER_TRUNCATED', row: null, column: null, message: /damaged or cut short .*save it again as "Excel Workbook \(\.xlsx\)"/ },
  },
  {
    name: 'a truncated JSON export',
    file: async () => {
      const whole = await exported('format=json&type=section');
      return whole.bytes.subarray(0, Math.floor(whole.bytes.length / 2));
    },
    query: 'name=cut.json',
    problem: { code: 'TRANSFER_TRUNCATED', row: null, column: null, message: /damaged or cut short/ },
  },
  {
    name: 'a CSV saved in Latin-1 (Windows-1252 é and ñ)',
    file: async () => Buffer.from(csvText([HEADER, articleRow(newSlug('latin'), 'Plain title'), articleRow(newSlug('latin'), 'Café España niño')]), 'latin1'),
    query: 'name=latin1.csv',
    problem: { code: 'TRANSFER_NOT_UTF8', row: null, column: null, message: /not saved as UTF-8 \(line 3 is the first .*"CSV UTF-8 \(Comma delimited\)/ },
  },
  {
    name: 'a CSV saved as UTF-16 ("Unicode Text")',
    file: async () => Buffer.from(`\uFEFF${csvText([HEADER, articleRow(newSlug('utf16'), 'Habari')])}`, 'utf16le'),
    query: 'name=utf16.csv',
    problem: { code: 'TRANSFER_NOT_UTF8', row: null, column: null, message: /saved as UTF-16 .*not UTF-8/ },
  },
  {
    name: 'an XLSX with a formula cell',
    file: () => workbook([HEADER, articleRow(newSlug('formula-ok'), 'Fine'), ['article', newSlug('formula'), 'en', { formula: 'HYPERLINK("http://evil.example","Click")', result: 'Click' }, 'kijana-ke', 'periods']]),
    query: 'name=formula.xlsx',
    problem: { code: 'TRANSFER_FORMULA', row: 3, column: 'title', message: /formula \(=HYPERLINK.*Paste Special → Values/ },
  },
  {
    name: 'a spreadsheet that turned a slug into a date',
    file: () => workbook([HEADER, ['article', new Date(Date.UTC(2026, 2, 1)), 'en', 'A title', 'kijana-ke', 'periods']]),
    query: 'name=dates.xlsx',
    problem: { code: 'TRANSFER_SPREADSHEET_DATE', row: 2, column: 'slug', message: /turned this cell into a date \(2026-03-01\): format the column as Text/ },
  },
  {
    name: 'duplicate rows (same type, slug and locale)',
    file: async () => {
      const slug = newSlug('duplicate');
      return csv([HEADER, articleRow(slug, 'First'), articleRow(newSlug('other'), 'Between'), articleRow(slug, 'Second')]);
    },
    query: 'format=csv',
    problem: { code: 'TRANSFER_DUPLICATE_ROW', row: 4, column: 'slug', message: /same article and locale as row 2/ },
  },
  {
    name: 'an unknown column',
    file: async () => csv([[...HEADER, 'colour'], [...articleRow(newSlug('colour'), 'Red'), 'red']]),
    query: 'format=csv',
    problem: { code: 'TRANSFER_UNKNOWN_COLUMN', row: null, column: 'colour', message: /Unknown column "colour" \(G\) in row 1: rename it to one of type, slug/ },
  },
  {
    name: 'a shared field that differs between two locales of one article',
    file: async () => {
      const slug = newSlug('mismatch');
      return csv([HEADER, articleRow(slug, 'Periods', 'en', 'periods'), articleRow(slug, 'Hedhi', 'sw-KE', 'contraception')]);
    },
    query: 'format=csv',
    problem: { code: 'TRANSFER_SHARED_MISMATCH', row: 3, column: 'section', message: /section is shared by every language .*row 2 says "periods"/ },
  },
  {
    name: 'a channel override too long for SMS',
    file: async () => csv([[...HEADER, 'override:sms'], [...articleRow(newSlug('sms'), 'Short title'), 'Text CLINIC to 21393. '.repeat(30).trim()]]),
    query: 'format=csv',
    problem: { code: 'TRANSFER_INVALID', row: 2, column: 'override:sms', message: /SMS text needs \d+ parts .*Shorten it by \d+ characters/ },
  },
  {
    name: 'an unknown section',
    file: async () => csv([HEADER, articleRow(newSlug('section'), 'Lost', 'en', 'no-such-section')]),
    query: 'format=csv',
    problem: { code: 'TRANSFER_INVALID', row: 2, column: 'section', message: /no section with the slug "no-such-section"/ },
  },
  {
    name: 'a locale this platform does not know',
    file: async () => csv([HEADER, articleRow(newSlug('locale'), 'Bonjour', 'xx-YY')]),
    query: 'format=csv',
    problem: { code: 'TRANSFER_BAD_CELL', row: 2, column: 'locale', message: /"xx-YY" is not a locale this platform knows/ },
  },
  {
    name: 'a locale no carrying site serves',
    file: async () => csv([HEADER, articleRow(newSlug('french'), 'Bonjour', 'fr')]),
    query: 'format=csv',
    problem: { code: 'TRANSFER_INVALID', row: 2, column: 'locale', message: /cannot have a fr version: no site that carries it serves fr\. It is carried by kijana-ke/ },
  },
  {
    name: 'a row for a site the import is not limited to',
    file: async () => csv([HEADER, ['article', newSlug('thrive'), 'en', 'Thrive only', 'thrive-za', 'periods']]),
    query: 'format=csv&site=kijana-ke',
    problem: { code: 'TRANSFER_BAD_CELL', row: 2, column: 'sites', message: /limited to kijana-ke, and this row's sites do not include it/ },
  },
  {
    name: 'a published article with its title left empty',
    file: async () => csv([HEADER, articleRow(newSlug('untitled'), '')]),
    query: 'format=csv&publish=true',
    problem: { code: 'TRANSFER_INVALID', row: 2, column: 'title', message: /^An article that is published must have a title, and this row leaves it empty: fill it in, or import without publishing/ },
  },
  {
    name: 'a file that is not what its name says (CSV named .xlsx)',
    file: async () => csv([HEADER, articleRow(newSlug('named'), 'x')]),
    query: 'name=content.xlsx',
    problem: { code: 'TRANSFER_BAD_FORMAT', row: null, column: null, message: /text \(CSV\?\), not an XLSX workbook/ },
  },
  {
    name: 'a CSV separated by semicolons',
    file: async () => Buffer.from(`${HEADER.join(';')}\r\n${articleRow(newSlug('semi'), 'x').join(';')}\r\n`),
    query: 'format=csv',
    problem: { code: 'TRANSFER_BAD_FORMAT', row: null, column: null, message: /separates its cells with ";", not commas/ },
  },
];

describe('a bad file is refused with its problem and changes nothing', () => {
  it.each(BAD_FILES.map((bad) => [bad.name, bad] as const))('%s', async (_name, bad) => {
    const file = await bad.file();
    const before = await everything();
    const answer = await importBytes(file, bad.query);
    expect(answer.status).toBe(200);
    expect(answer.result).toMatchObject({ ok: false, created: 0, updated: 0, unchanged: 0, pruned: 0, problemCount: 1 });
    expect(answer.result.summary).toBe('nothing was written: 1 problem');
    // Exactly the one problem: nothing said twice, nothing a person cannot act on.
    expect(answer.result.problems).toEqual([
      {
        file: bad.problem.file ?? (bad.query.match(/name=([^&]+)/)?.[1] ?? 'upload.csv'),
        row: bad.problem.row,
        column: bad.problem.column,
        code: bad.problem.code,
        message: expect.stringMatching(bad.problem.message),
      },
    ]);
    expect((await everything()).toString('utf8')).toBe(before.toString('utf8'));
  });

  it('writes nothing at all when one row among good ones is bad (the good rows\' changes are not there after)', async () => {
    const fresh = newSlug('good');
    const before = await everything();
    const answer = await importBytes(
      csv([HEADER, articleRow(fixture.slug, 'Bad files fixture: the title after'), articleRow(fresh, 'A good new article'), articleRow(newSlug('long'), 'T'.repeat(161))]),
      'format=csv&publish=true&name=mixed.csv',
    );
    expect(answer.result).toMatchObject({ ok: false, dryRun: false, created: 0, updated: 0, problemCount: 1 });
    expect(answer.result.problems).toEqual([{ file: 'mixed.csv', row: 4, column: 'title', code: 'TRANSFER_INVALID', message: expect.stringMatching(/160/) }]);
    expect((await everything()).toString('utf8')).toBe(before.toString('utf8'));
    // Nor did the rolled-back writes reach readers.
    expect((await deliveredArticle(fixture.slug)).title).toBe(fixture.title);
    expect(await deliveredArticle(fresh)).toBeNull();
  });

  it('stops a 100,000-row CSV at row 20,002 while it streams in, with progress lines before the result', async () => {
    const title = 'A row of a very long file. '.repeat(6);
    const rows = 100_000;
    function* file(): Generator<Buffer> {
      yield Buffer.from(`${HEADER.join(',')}\r\n`);
      for (let start = 0; start < rows; start += 500) {
        yield Buffer.from(Array.from({ length: 500 }, (_, index) => `${articleRow(`row-${start + index}`, title).join(',')}\r\n`).join(''));
      }
    }
    const total = [...file()].reduce((sum, chunk) => sum + chunk.length, 0);
    expect(total).toBeLessThan(20 * MiB);
    const before = await everything();
    const answer = await importStreamed(file(), 'format=csv&name=rows.csv');
    expect(answer.status).toBe(200);
    const progress = answer.lines.slice(0, -1).map((line) => line.progress);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, index) => ({ phase: 'read', rows: (index + 1) * 1000 })));
    expect(answer.result).toMatchObject({ ok: false, problemCount: 1 });
    expect(answer.result.problems).toEqual([
      { file: 'rows.csv', row: null, column: null, code: 'TRANSFER_TOO_MANY_ROWS', message: expect.stringMatching(/more than 20,000 rows .*reading stopped at row 20,002.*split it/) },
    ]);
    // Counted as it arrived: the answer came before the client had sent the whole file.
    expect(answer.sentWhenAnswered).toBeLessThan(total);
    expect((await everything()).toString('utf8')).toBe(before.toString('utf8'));
  });
});

describe('a file over 20 MiB', () => {
  it('is refused with 413 from its Content-Length, before it is read', async () => {
    const before = await everything();
    const answer = await importBytes(Buffer.alloc(50 * MiB, 'a'), 'format=csv');
    expect(answer.status).toBe(413);
    expect(answer.refusal.error).toMatchObject({ status: 413, name: 'TRANSFER_FILE_TOO_LARGE', message: expect.stringMatching(/The file is 50\.0 MiB; the limit is 20 MiB\. Split it/) });
    expect((await everything()).toString('utf8')).toBe(before.toString('utf8'));
  });

  it.each(['csv', 'xlsx'])('is refused with 413 when sent without a Content-Length (%s, counted as it arrives)', async (format) => {
    const before = await everything();
    const row = Buffer.from(`${articleRow('big', 'y'.repeat(50_000)).join(',')}\r\n`);
    function* file(): Generator<Buffer> {
      yield Buffer.from(`${HEADER.join(',')}\r\n`);
      for (let sent = 0; sent < 60 * MiB; sent += row.length) yield row;
    }
    const answer = await importStreamed(file(), `format=${format}`);
    expect(answer.status).toBe(413);
    expect(answer.refusal.error).toMatchObject({ status: 413, name: 'TRANSFER_FILE_TOO_LARGE', message: expect.stringMatching(/larger than 20 MiB.*split it/) });
    expect(answer.sentWhenAnswered).toBeLessThan(60 * MiB);
    expect((await everything()).toString('utf8')).toBe(before.toString('utf8'));
  });
});

describe('refusals before the file is read', () => {
  it.each([
    ['an unknown parameter', 'format=csv&colour=red', /unknown parameter colour/],
    ['prune without a site or locale', 'format=csv&prune=true', /prune deletes what the file does not name: limit it to one site or one locale/],
    ['a format that is not one', 'format=xls', /format/],
    ['no format and a name that does not say one', 'name=content.txt', /Say the file's format: format=xlsx, csv or json/],
    ['a flag that is not true or false', 'format=csv&dryRun=maybe', /dryRun/],
    ['a site code that is not one', 'format=csv&site=Not%20A%20Site', /site must be a site code/],
  ])('400 for %s', async (_what, query, message) => {
    const answer = await importBytes(csv([HEADER, articleRow(newSlug('param'), 'x')]), query);
    expect(answer.status).toBe(400);
    expect(answer.refusal.error).toMatchObject({ status: 400, name: 'TRANSFER_BAD_REQUEST', message: expect.stringMatching(message) });
  });

  it('400 for an export with bad parameters, 404 for a site that does not exist', async () => {
    for (const query of ['format=pdf', 'type=articles', 'locale=xx-YY', 'colour=red']) {
      const answer = await exported(query);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.bytes.toString('utf8')).error.name).toBe('TRANSFER_BAD_REQUEST');
    }
    const missing = await importBytes(csv([HEADER]), 'format=csv&site=no-such-site');
    expect(missing.status).toBe(404);
    expect(missing.refusal.error).toMatchObject({ name: 'TRANSFER_NO_SUCH_SITE', message: 'There is no site with the code "no-such-site".' });
  });

  it('409 while another import is running, and imports again once it has finished', async () => {
    const before = await everything();
    let release: () => void = () => undefined;
    const hold = new Promise<void>((resolve) => (release = resolve));
    let reading: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (reading = resolve));
    // A slow upload: 1,500 rows sent (the CMS says it has read 1,000), then the end held back.
    // Every row is refused (a locale no one knows), so the first import writes nothing either.
    function* slow(): Generator<Buffer> {
      yield Buffer.from(`${HEADER.join(',')}\r\n`);
      yield Buffer.from(Array.from({ length: 1500 }, (_, index) => `${articleRow(`slow-${index}`, 'Slow', 'xx-YY').join(',')}\r\n`).join(''));
    }
    const first = importStreamed(slow(), 'format=csv&name=slow.csv', { hold, onLine: (line) => line.progress && reading() });
    await started;
    const second = await importBytes(csv([HEADER, articleRow(newSlug('second'), 'Second')]), 'format=csv&name=second.csv');
    expect(second.status).toBe(409);
    expect(second.refusal.error).toMatchObject({ status: 409, name: 'TRANSFER_BUSY', message: 'Another import is running; try again when it has finished.' });
    release();
    const done = await first;
    expect(done.status).toBe(200);
    expect(done.result).toMatchObject({ ok: false, created: 0, problemCount: 1500, summary: 'nothing was written: 1500 problems' });
    // At most 200 problems are listed; the count says how many there were.
    expect(done.result.problems).toHaveLength(200);
    expect(done.result.problems[199]).toMatchObject({ file: 'slow.csv', row: 201, column: 'locale', code: 'TRANSFER_BAD_CELL' });
    const again = await importBytes(csv([HEADER, articleRow(newSlug('again'), 'Again')]), 'format=csv&dryRun=true');
    expect(again.status).toBe(200);
    expect(again.result).toMatchObject({ ok: true, created: 1 });
    expect((await everything()).toString('utf8')).toBe(before.toString('utf8'));
  });

  describe('a read-only API token', () => {
    let admin = '';
    let readOnly = { id: 0, accessKey: '' };

    const call = (method: 'POST' | 'DELETE', route: string, body?: unknown) => adminCall(method, route, body, admin);

    beforeAll(async () => {
      admin = await adminLogin();
      const made = await call('POST', '/admin/api-tokens', { name: uniqueSlug('transfer-read-only'), description: 'transfer-bad-files.test.ts', type: 'read-only', lifespan: null });
      expect(made.status).toBe(201);
      readOnly = { id: made.body.data.id, accessKey: made.body.data.accessKey };
    });

    afterAll(async () => {
      if (readOnly.id !== 0) expect((await call('DELETE', `/admin/api-tokens/${readOnly.id}`)).status).toBe(200);
    });

    it('may export but not import (403), and the import changes nothing', async () => {
      const before = await everything();
      const refused = await importBytes(csv([HEADER, articleRow(newSlug('read-only'), 'Not allowed')]), 'format=csv', readOnly.accessKey);
      expect(refused.status).toBe(403);
      expect(refused.refusal.error.name).toBe('ForbiddenError');
      const allowed = await exported('format=csv&type=section', readOnly.accessKey);
      expect(allowed.status).toBe(200);
      expect(allowed.bytes.toString('utf8')).toMatch(/^\uFEFFtype,slug,locale,status,title/);
      expect((await everything()).toString('utf8')).toBe(before.toString('utf8'));
    });
  });
});

describe('HTML and scripts in cells', () => {
  it('are accepted and stored as the exact text: the delivery API and an export give them back unchanged', async () => {
    const slug = newSlug('html');
    const title = '<script>alert("title")</script> & <b>bold</b>';
    const lead = '<img src=x onerror=alert(1)> "quoted" \'single\' </td>';
    const body = 'Before <script>document.cookie</script> after & <a href="javascript:alert(1)">link</a>';
    const answer = await importBytes(csv([[...HEADER, 'lead', 'body'], [...articleRow(slug, title), lead, body]]), 'format=csv&publish=true&name=html.csv');
    expect(answer.result).toMatchObject({ ok: true, created: 1, problemCount: 0, summary: 'created 1, updated 0, 0 unchanged' });
    const delivered = await deliveredArticle(slug);
    expect(delivered).toMatchObject({ slug, title, lead });
    expect(textOf(delivered.body)).toBe(body);
    const [row] = (await exportedRows('type=article')).filter((candidate) => candidate.slug === slug);
    expect(row).toMatchObject({ slug, locale: 'en', status: 'published', title, lead });
    // The body cell is Markdown: a "<" that is text is written escaped, "\\<", so no Markdown reader takes it for HTML.
    expect(row?.body).toBe('Before \\<script>document.cookie\\</script> after & \\<a href="javascript:alert(1)">link\\</a>');
    // The file as written and the export's row both import back as unchanged.
    for (const cells of [[...articleRow(slug, title), lead, body], [...articleRow(slug, row?.title ?? ''), row?.lead ?? '', row?.body ?? '']]) {
      const back = await importBytes(csv([[...HEADER, 'lead', 'body'], cells]), 'format=csv&dryRun=true');
      expect(back.result).toMatchObject({ ok: true, summary: '0 to create, 0 to update, 1 unchanged' });
    }
  });
});
