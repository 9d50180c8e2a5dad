// `npm run content:export|import` as an operator runs them: the real CLI (scripts/content.ts)
// in a child process from the repository root, the API token in BAOBAB_API_TOKEN and the test
// CMS named with --cms. Files are written where --out says; what the CLI prints (the summary
// as the last line of stdout, problems as `file, row N, column X: message [CODE]` on stderr)
// and its exit codes (0 done, 1 refused, 2 a usage mistake) are what a script relies on.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { cmsUrl, createArticle, gqlData, uniqueSlug } from '../support/client';

const repoDir = path.resolve(__dirname, '../../..');
let dir = '';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node --import tsx scripts/content.ts <args>` from the repository root, as `npm run content:…` runs it. */
function content(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/content.ts', ...args],
      { cwd: repoDir, env: { ...process.env, BAOBAB_API_TOKEN: process.env.BAOBAB_TEST_API_TOKEN ?? '', ...env }, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const withCms = (args: readonly string[]) => [...args, '--cms', cmsUrl()];
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);
const linesOf = (text: string) => text.split('\n').filter((line) => line !== '');
const file = (name: string) => path.join(dir, name);

/** Everything in the CMS, as an export answers it (to compare before and after). */
async function everything(): Promise<string> {
  const response = await fetch(`${cmsUrl()}/api/baobab/content/export?format=json`, { headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_API_TOKEN ?? ''}` } });
  expect(response.status).toBe(200);
  return response.text();
}

async function deliveredTitle(slug: string): Promise<string | undefined> {
  const data = await gqlData('query($slug: String!) { site(host: "kijana-ke.localhost") { article(slug: $slug, locale: "en-KE") { title } } }', { slug });
  return data.site.article?.title;
}

/** The data rows of a CSV export (the header is row 1). */
const csvRows = (name: string): Array<Record<string, string>> => parse(fs.readFileSync(file(name)), { bom: true, columns: true });

const fixture = { slug: uniqueSlug('transfer-cli'), before: `CLI fixture ${Date.now().toString(36)}: before`, after: '' };
fixture.after = fixture.before.replace('before', 'after');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-content-cli-'));
  await createArticle({ slug: fixture.slug, title: fixture.before, sites: ['kijana-ke'], section: 'periods' }, { locale: 'en' });
  expect(await deliveredTitle(fixture.slug)).toBe(fixture.before);
});

afterAll(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

describe('content:export', () => {
  it.each(['xlsx', 'csv'])('writes the whole demo as %s and exits 0', async (format) => {
    const run = await content(withCms(['export', '--format', format, '--out', file(`all.${format}`)]));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Wrote ${file(`all.${format}`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d.]+ (KiB|MiB), ${format}\\) in [\\d.]+ s\\n$`));
    const bytes = fs.readFileSync(file(`all.${format}`));
    if (format === 'xlsx') expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    else expect(bytes.toString('utf8')).toMatch(/^\uFEFFtype,slug,locale,status,/);
    expect(fs.existsSync(file(`all.${format}.part`))).toBe(false);
  });

  it('names the file after what it holds when --out is not given', async () => {
    const run = await new Promise<Run>((resolve) =>
      execFile(
        process.execPath,
        // Run from another folder: tsx named by its file, as `--import tsx` finds it from the repository root.
        ['--import', pathToFileURL(require.resolve('tsx', { paths: [repoDir] })).href, path.join(repoDir, 'scripts/content.ts'), 'export', '--type', 'section', '--site', 'kijana-ke', '--format', 'json', '--cms', cmsUrl()],
        { cwd: dir, env: { ...process.env, BAOBAB_API_TOKEN: process.env.BAOBAB_TEST_API_TOKEN ?? '' } },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
      ),
    );
    expect(run.code).toBe(0);
    const rows = JSON.parse(fs.readFileSync(file('baobab-content-kijana-ke-all-section.json'), 'utf8')).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row: Record<string, string>) => row.type === 'section')).toBe(true);
  });
});

describe('content:import', () => {
  it.each(['csv', 'xlsx'])('imports an unedited %s export back as a dry run: every row unchanged, exit 0', async (format) => {
    const rows = csvRows('all.csv').length;
    expect(rows).toBeGreaterThan(100);
    const run = await content(withCms(['import', file(`all.${format}`), '--dry-run']));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lastLine(run.stdout)).toBe(`0 to create, 0 to update, ${rows} unchanged`);
  });

  it('reports one title changed in a CSV as one to update on a dry run, and writes nothing', async () => {
    const text = fs.readFileSync(file('all.csv'), 'utf8');
    expect(text.split(fixture.before)).toHaveLength(2);
    fs.writeFileSync(file('edited.csv'), text.replace(fixture.before, fixture.after));
    const rows = csvRows('edited.csv').length;
    const before = await everything();
    const run = await content(withCms(['import', file('edited.csv'), '--dry-run']));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lastLine(run.stdout)).toBe(`0 to create, 1 to update, ${rows - 1} unchanged`);
    expect(await everything()).toBe(before);
  });

  it('writes the change as a draft without --publish: readers see the old title until --publish', async () => {
    const rows = csvRows('edited.csv').length;
    const run = await content(withCms(['import', file('edited.csv')]));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lastLine(run.stdout)).toBe(`created 0, updated 1, ${rows - 1} unchanged`);
    expect(await deliveredTitle(fixture.slug)).toBe(fixture.before);
    const draft = JSON.parse(await everything()).rows.find((row: Record<string, string>) => row.type === 'article' && row.slug === fixture.slug);
    expect(draft).toMatchObject({ title: fixture.after, status: 'modified' });

    // An operator keeps the one row to publish (header and that row) and imports it with --publish.
    const header = fs.readFileSync(file('edited.csv'), 'utf8').split('\r\n')[0] ?? '';
    const line = fs.readFileSync(file('edited.csv'), 'utf8').split('\r\n').find((candidate) => candidate.includes(fixture.slug)) ?? '';
    fs.writeFileSync(file('publish.csv'), `${header}\r\n${line}\r\n`);
    const published = await content(withCms(['import', file('publish.csv'), '--publish']));
    expect(published).toMatchObject({ code: 0, stderr: '' });
    expect(lastLine(published.stdout)).toBe('created 0, updated 1, 0 unchanged');
    expect(await deliveredTitle(fixture.slug)).toBe(fixture.after);
    // Once published, the same file is unchanged.
    const again = await content(withCms(['import', file('publish.csv'), '--publish', '--dry-run']));
    expect(lastLine(again.stdout)).toBe('0 to create, 0 to update, 1 unchanged');
  });

  it('exits 1 on a bad file, one `file, row N, column X: message [CODE]` line per problem on stderr, and writes nothing', async () => {
    const slug = uniqueSlug('transfer-cli-bad');
    fs.writeFileSync(
      file('bad.csv'),
      ['type,slug,locale,title,sites,section', `article,${slug},en,First,kijana-ke,periods`, `article,${slug},en,Again,kijana-ke,periods`, `article,${slug}-2,xx-YY,Lost,kijana-ke,periods`, ''].join('\r\n'),
    );
    const before = await everything();
    const run = await content(withCms(['import', file('bad.csv')]));
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([
      'bad.csv, row 3, column slug: The same article and locale as row 2: keep one of the two rows. [TRANSFER_DUPLICATE_ROW]',
      'bad.csv, row 4, column locale: "xx-YY" is not a locale this platform knows (locales/registry.json), like en or sw-KE. [TRANSFER_BAD_CELL]',
    ]);
    expect(lastLine(run.stdout)).toBe('Nothing was written: 2 problems.');
    expect(await everything()).toBe(before);
  });

  it('exits 1 with one line for a file the CMS cannot read', async () => {
    fs.writeFileSync(file('latin1.csv'), Buffer.from('type,slug,locale,title\r\narticle,cafe,en,Café\r\n', 'latin1'));
    const run = await content(withCms(['import', file('latin1.csv'), '--dry-run']));
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([expect.stringMatching(/^latin1\.csv: This CSV is not saved as UTF-8 \(line 2 .* \[TRANSFER_NOT_UTF8\]$/)]);
  });
});

describe('mistakes an operator makes', () => {
  it.each([
    ['no command', []],
    ['an unknown command', ['copy']],
    ['import without a file', ['import']],
    ['an unknown flag', ['import', 'x.csv', '--bogus']],
    ['a format that is not one', ['export', '--format', 'pdf']],
    ['--prune without --site or --locale', ['import', 'x.csv', '--prune']],
    ['a file whose format cannot be told', ['import', 'notes.txt']],
    ['a locale that is not one', ['export', '--locale', 'xx-YY']],
  ])('exits 2 with the usage for %s', async (_what, args) => {
    const run = await content(withCms(args));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^content: .+\n[\s\S]*Usage:\n {2}npm run content:export/);
  });

  it('exits 1 with one line naming a file that is not there', async () => {
    const run = await content(withCms(['import', file('missing.csv')]));
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([`content: cannot read ${file('missing.csv')}: no such file`]);
  });

  it('exits 1 with one line for a file over 20 MiB, before sending it', async () => {
    fs.writeFileSync(file('huge.csv'), '');
    fs.truncateSync(file('huge.csv'), 21 * 1024 * 1024);
    const run = await content(withCms(['import', file('huge.csv')]));
    expect(run.code).toBe(1);
    expect(linesOf(run.stderr)).toEqual([`content: ${file('huge.csv')} is 21.0 MiB; the limit is 20.0 MiB [TRANSFER_FILE_TOO_LARGE]. Split it by site, locale or type and import the parts.`]);
  });

  it.each([
    ['export', ['export', '--out', 'never.xlsx']],
    ['import', ['import', 'all.csv', '--dry-run']],
  ])('exits 1 with one line about the token when the token is wrong (%s)', async (_what, args) => {
    const run = await content(withCms(args.map((arg) => (arg.includes('.') ? file(arg) : arg))), { BAOBAB_API_TOKEN: 'not-a-token' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([expect.stringMatching(new RegExp(`^content: the CMS at ${cmsUrl()} refused the API token \\(401\\)`))]);
    expect(fs.existsSync(file('never.xlsx'))).toBe(false);
  });
});
