// `npm run bench:transfer`: issue 12's speed targets, measured as an operator meets them.
// Boots a CMS with the demo content (a temporary SQLite file, or a database of its own on the
// PostgreSQL server DATABASE_URL names), then:
//  1. `content:export` of the whole demo through the real CLI, per format, against reading the
//     same content through Strapi's REST API (every type, every locale, page by page);
//  2. `content:import` of a generated file of 5,000 rows (2,500 kijana-ke articles in en and
//     sw-KE) through the real CLI: a dry run, the default (drafts) and `--publish`, each round on
//     fresh slugs, against creating the same rows one by one through Strapi's REST API (a sample,
//     extrapolated);
//  3. the CMS process's CPU seconds (utime + stime of /proc/<pid>/stat) behind every figure, so
//     a wall time on a loaded machine can be read against the work the CMS did.
// Medians of several rounds, a table, and a verdict per target.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPostgresDatabase, startCms, type RunningCms, type TestDatabase } from '@baobab/testkit';
import { writeRows, type Format } from '../../cms/src/transfer/files';
import { blocksToMarkdown } from '../../cms/src/transfer/markdown';
import { median, positiveInt, ratio } from './lib';

const TARGETS = { exportSeconds: 5, importSeconds: 60, importRows: 5000 } as const;
const EXPORT_ROUNDS = positiveInt('BENCH_EXPORT_ROUNDS', 5, 25);
const IMPORT_ROUNDS = positiveInt('BENCH_IMPORT_ROUNDS', 3, 25);
/** Articles in the generated file; each is two rows (en and sw-KE). */
const ARTICLES = positiveInt('BENCH_IMPORT_ARTICLES', TARGETS.importRows / 2, 10_000);
/** Rows created one by one through REST for the baseline (half en, half sw-KE translations). */
const REST_ROWS = positiveInt('BENCH_REST_ROWS', 200, 5000);
const IMPORT_FORMAT = formatOf(process.env.BENCH_IMPORT_FORMAT ?? 'xlsx');
const EXPORT_FORMATS: readonly Format[] = ['xlsx', 'csv', 'json'];
/** Where the CMS writes a V8 CPU profile of the import phase (cpu-prof.cjs); off when unset. */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : undefined;
/** `BENCH_COUNT_QUERIES=1`: the CMS runs with DEBUG=knex:query and every figure counts its SQL statements (slower: for finding where time goes, not for the figures). */
const COUNT_QUERIES = process.env.BENCH_COUNT_QUERIES === '1';

const root = path.resolve(__dirname, '../..');
const SITE = 'kijana-ke';
const SECTION = 'hiv-and-stis';
const LOCALES = ['en', 'sw-KE'] as const;

function formatOf(value: string): Format {
  if (value === 'xlsx' || value === 'csv' || value === 'json') return value;
  console.error(`BENCH_IMPORT_FORMAT="${value}" must be xlsx, csv or json`);
  process.exit(2);
}

const seconds = (ms: number) => Math.round(ms) / 1000;
const fixed = (value: number, digits = 2) => value.toFixed(digits);
const loadAverage = () => os.loadavg().map((load) => load.toFixed(2)).join(' ');

// ---------------------------------------------------------------- the CMS's CPU time

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process in seconds (fields 14 and 15 of /proc/<pid>/stat, after the command's closing parenthesis). */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

interface Timed {
  readonly ms: number;
  readonly cpu: number;
  /** SQL statements the CMS ran (BENCH_COUNT_QUERIES=1), and the most frequent shapes. */
  readonly queries?: { count: number; top: string[] };
}

/** The statements knex logged (DEBUG=knex:query) in a stretch of the CMS's output: how many, and the most frequent shapes (values and ids dropped). */
function queriesIn(output: string): { count: number; top: string[] } {
  const shapes = new Map<string, number>();
  let count = 0;
  for (const line of output.split('\n')) {
    const at = line.indexOf('knex:query ');
    if (at === -1) continue;
    count += 1;
    const shape = line
      .slice(at + 'knex:query '.length)
      .replace(/ \+\d+m?s$/, '')
      .replace(/'(?:[^']|'')*'/g, '?')
      .replace(/\b\d+\b/g, '?')
      .replace(/\((?:\?, )+\?\)/g, '(?…)')
      .slice(0, 220);
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
  }
  const top = [...shapes].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_TOP_QUERIES ?? 12)).map(([shape, n]) => `${n}× ${shape}`);
  return { count, top };
}

/** Wall time of `work` and the CMS's CPU seconds during it. */
async function timed<T>(cms: RunningCms, work: () => Promise<T>): Promise<Timed & { value: T }> {
  const pid = cms.child.pid ?? 0;
  const cpuBefore = cpuSeconds(pid);
  const outputBefore = COUNT_QUERIES ? cms.output().length : 0;
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const queries = COUNT_QUERIES ? queriesIn(cms.output().slice(outputBefore)) : undefined;
  return { ms, cpu: cpuSeconds(pid) - cpuBefore, value, ...(queries ? { queries } : {}) };
}

// ---------------------------------------------------------------- the CLI, as an operator runs it

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node --import tsx scripts/content.ts …` from the repository's root, with the CMS's API token. */
function cli(cms: RunningCms, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/content.ts'), ...args, '--cms', cms.url], {
      cwd: root,
      env: { ...process.env, BAOBAB_API_TOKEN: cms.apiToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

async function cliOk(cms: RunningCms, args: readonly string[], expect: RegExp): Promise<CliRun> {
  const run = await cli(cms, args);
  if (run.code !== 0 || !expect.test(run.stdout)) {
    throw new Error(`content ${args.join(' ')} exited ${run.code}:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  }
  return run;
}

// ---------------------------------------------------------------- 1. export

/** Strapi REST collections the export reads, with whether they are translated. */
const COLLECTIONS = [
  { path: 'sites', localized: false },
  { path: 'sections', localized: true },
  { path: 'pages', localized: true },
  { path: 'banners', localized: true },
  { path: 'articles', localized: true },
] as const;

/** Every draft of every type and locale through Strapi's REST API, 100 a page (its maxLimit): how many entries. */
async function readThroughRest(cms: RunningCms): Promise<number> {
  let entries = 0;
  for (const collection of COLLECTIONS) {
    for (let page = 1, pageCount = 1; page <= pageCount; page += 1) {
      const locale = collection.localized ? 'locale=*&' : '';
      const response = await fetch(`${cms.url}/api/${collection.path}?${locale}status=draft&populate=*&pagination[page]=${page}&pagination[pageSize]=100`, {
        headers: { authorization: `Bearer ${cms.apiToken}` },
      });
      const body = (await response.json()) as { data?: unknown[]; meta?: { pagination?: { pageCount?: number } } };
      if (!response.ok || !Array.isArray(body.data)) throw new Error(`GET /api/${collection.path} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      entries += body.data.length;
      pageCount = body.meta?.pagination?.pageCount ?? 1;
    }
  }
  return entries;
}

interface ExportFigure {
  readonly format: Format;
  readonly wall: number;
  /** The request alone, as the CLI prints it ("in 0.12 s"): the wall time less Node's and tsx's start. */
  readonly request: number;
  readonly cpu: number;
  readonly bytes: number;
  readonly rows: number;
}

async function benchExport(cms: RunningCms, dir: string): Promise<{ figures: ExportFigure[]; rest: Timed & { entries: number } }> {
  const rounds = new Map<Format, Array<Timed & { request: number; bytes: number }>>(EXPORT_FORMATS.map((format) => [format, []]));
  const rest: Array<Timed & { entries: number }> = [];
  // One of each thrown away: the CMS's first export and first REST read carry start-up costs.
  for (const format of EXPORT_FORMATS) await cliOk(cms, ['export', '--format', format, '--out', path.join(dir, `warm.${format}`)], /Wrote /);
  await readThroughRest(cms);
  for (let round = 0; round < EXPORT_ROUNDS; round += 1) {
    for (const format of EXPORT_FORMATS) {
      const out = path.join(dir, `export-${round}.${format}`);
      const run = await timed(cms, () => cliOk(cms, ['export', '--format', format, '--out', out], /Wrote /));
      const request = Number(/ in ([\d.]+) s/.exec(run.value.stdout)?.[1] ?? NaN) * 1000;
      rounds.get(format)?.push({ ms: run.ms, cpu: run.cpu, request, bytes: fs.statSync(out).size });
    }
    const read = await timed(cms, () => readThroughRest(cms));
    rest.push({ ms: read.ms, cpu: read.cpu, entries: read.value });
  }
  const json = JSON.parse(fs.readFileSync(path.join(dir, `export-0.json`), 'utf8')) as { rows: unknown[] };
  const figures = EXPORT_FORMATS.map((format) => {
    const list = rounds.get(format) ?? [];
    return {
      format,
      wall: median(list.map((r) => r.ms)),
      request: median(list.map((r) => r.request)),
      cpu: median(list.map((r) => r.cpu)),
      bytes: list[0]?.bytes ?? 0,
      rows: json.rows.length,
    };
  });
  return { figures, rest: { ms: median(rest.map((r) => r.ms)), cpu: median(rest.map((r) => r.cpu)), entries: rest[0]?.entries ?? 0 } };
}

// ---------------------------------------------------------------- 2. import

/** Article n's body: three paragraphs and a list, as Strapi blocks (the REST baseline sends these; the file carries their Markdown). */
function bodyOf(n: number, locale: string): unknown[] {
  const text = (value: string) => [{ type: 'text', text: value }];
  const sw = locale === 'sw-KE';
  const paragraphs = sw
    ? [
        `Makala ya majaribio nambari ${n}. Kupima VVU ni bure katika kliniki nyingi za serikali, na matokeo ni siri yako.`,
        'Unaweza kwenda na rafiki unayemwamini. Mshauri atakueleza kila hatua kabla ya kipimo na baada yake.',
        'Ukipata matokeo chanya, matibabu yanapatikana na yanakusaidia kuishi maisha marefu na yenye afya.',
      ]
    : [
        `Bench article number ${n}. An HIV test is free at most public clinics, and your result is yours alone.`,
        'You can bring a friend you trust. A counsellor explains every step before the test and after it.',
        'If the result is positive, treatment is there for you and helps you live a long and healthy life.',
      ];
  const items = sw ? ['Kliniki ya karibu', 'Kituo cha vijana', 'Kipimo cha nyumbani'] : ['A nearby clinic', 'A youth centre', 'A self-test kit'];
  return [
    ...paragraphs.map((paragraph) => ({ type: 'paragraph', children: text(paragraph) })),
    { type: 'list', format: 'unordered', children: items.map((item) => ({ type: 'list-item', children: text(item) })) },
  ];
}

interface Article {
  readonly slug: string;
  readonly locale: string;
  readonly title: string;
  readonly lead: string;
  readonly body: unknown[];
  readonly sms: string;
}

function articleOf(prefix: string, n: number, locale: string): Article {
  const slug = `${prefix}-${String(n).padStart(5, '0')}`;
  return locale === 'sw-KE'
    ? { slug, locale, title: `Kupima VVU ${n}: unachohitaji kujua`, lead: 'Kipimo ni haraka, ni siri, na mara nyingi ni bure.', body: bodyOf(n, locale), sms: `Pima VVU bure. Tuma KLINIKI kwa 21393. (${n})` }
    : { slug, locale, title: `HIV testing ${n}: what to know`, lead: 'The test is quick, private and often free.', body: bodyOf(n, locale), sms: `Free HIV tests. Text CLINIC to 21393. (${n})` };
}

const TAGS = ['hiv', 'testing', 'bench'];
const IMPORT_COLUMNS = ['type', 'slug', 'locale', 'title', 'lead', 'body', 'override:sms', 'section', 'tags', 'allSites', 'sites'];

/** The file of `articles` articles × 2 locales under slugs `<prefix>-00000`…, in `format`. */
async function importFile(dir: string, prefix: string, articles: number): Promise<string> {
  const rows: Array<Record<string, string>> = [];
  for (let n = 0; n < articles; n += 1) {
    for (const locale of LOCALES) {
      const article = articleOf(prefix, n, locale);
      rows.push({
        type: 'article',
        slug: article.slug,
        locale,
        title: article.title,
        lead: article.lead,
        body: blocksToMarkdown(article.body),
        'override:sms': article.sms,
        section: SECTION,
        tags: TAGS.join(', '),
        allSites: 'no',
        sites: SITE,
      });
    }
  }
  const file = path.join(dir, `${prefix}.${IMPORT_FORMAT}`);
  fs.writeFileSync(file, await writeRows(rows, IMPORT_COLUMNS, IMPORT_FORMAT));
  return file;
}

type Mode = 'dry run' | 'drafts' | 'publish';
const ALL_MODES: ReadonlyArray<{ mode: Mode; flags: string[]; expect: (rows: number) => RegExp }> = [
  { mode: 'dry run', flags: ['--dry-run'], expect: (rows) => new RegExp(`^${rows} to create, 0 to update`, 'm') },
  { mode: 'drafts', flags: [], expect: (rows) => new RegExp(`^created ${rows}, updated 0`, 'm') },
  { mode: 'publish', flags: ['--publish'], expect: (rows) => new RegExp(`^created ${rows}, updated 0`, 'm') },
];
/** `BENCH_IMPORT_MODES=drafts,publish`: the import modes measured (all three by default). */
const MODES = (() => {
  const names = (process.env.BENCH_IMPORT_MODES ?? 'dry run,drafts,publish').split(',').map((name) => name.trim().replace('dryrun', 'dry run').replace('dry-run', 'dry run'));
  const chosen = ALL_MODES.filter(({ mode }) => names.includes(mode));
  if (chosen.length !== names.length || chosen.length === 0) {
    console.error(`BENCH_IMPORT_MODES="${process.env.BENCH_IMPORT_MODES}" must list dry-run, drafts and/or publish, comma-separated`);
    process.exit(2);
  }
  return chosen;
})();

/** The same rows one by one through Strapi's REST API: POST the en version, then PUT the sw-KE translation. */
async function createThroughRest(cms: RunningCms, prefix: string, articles: number): Promise<void> {
  const headers = { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' };
  for (let n = 0; n < articles; n += 1) {
    let documentId = '';
    for (const locale of LOCALES) {
      const article = articleOf(prefix, n, locale);
      const data = {
        ...(documentId === '' ? { slug: article.slug, section: SECTION, tags: TAGS, allSites: false, sites: [SITE] } : {}),
        title: article.title,
        lead: article.lead,
        body: article.body,
        channelOverrides: [{ channel: 'sms', text: article.sms }],
      };
      const route = documentId === '' ? `/api/articles?locale=${locale}` : `/api/articles/${documentId}?locale=${encodeURIComponent(locale)}`;
      const response = await fetch(`${cms.url}${route}`, { method: documentId === '' ? 'POST' : 'PUT', headers, body: JSON.stringify({ data }) });
      const body = (await response.json()) as { data?: { documentId?: string } };
      if (!response.ok || typeof body.data?.documentId !== 'string') throw new Error(`${documentId === '' ? 'POST' : 'PUT'} ${route} answered ${response.status}: ${JSON.stringify(body).slice(0, 400)}`);
      documentId = body.data.documentId;
    }
  }
}

function printQueries(queries: { count: number; top: string[] }, rows: number): void {
  console.log(`    ${queries.count} SQL statements, ${fixed(queries.count / rows, 1)} a row; the most frequent:`);
  for (const line of queries.top) console.log(`      ${line}`);
}

interface ImportFigure {
  readonly mode: Mode;
  readonly wall: number;
  readonly cpu: number;
  readonly rounds: number[];
}

async function benchImport(cms: RunningCms, dir: string): Promise<{ figures: ImportFigure[]; rest: Timed & { rows: number; rounds: number[] } }> {
  const rows = ARTICLES * LOCALES.length;
  const results = new Map<Mode, Timed[]>(MODES.map(({ mode }) => [mode, []]));
  const rest: Timed[] = [];
  // A small import and a few REST writes thrown away: first-write costs (JIT, prepared statements) out of the figures.
  await cliOk(cms, ['import', await importFile(dir, 'bench-warm', 10)], /^created 20,/m);
  await createThroughRest(cms, 'bench-rest-warm', 5);
  for (let round = 0; round < IMPORT_ROUNDS; round += 1) {
    for (const { mode, flags, expect } of MODES) {
      // Fresh slugs every round: each import creates every row, as a first import does.
      const file = await importFile(dir, `bench-${mode.replace(' ', '')}-${round}`, ARTICLES);
      process.stdout.write(`  round ${round + 1}/${IMPORT_ROUNDS}: import ${mode} of ${rows} rows (${IMPORT_FORMAT}, ${(fs.statSync(file).size / 1024).toFixed(0)} KiB)… `);
      const run = await timed(cms, () => cliOk(cms, ['import', file, ...flags], expect(rows)));
      console.log(`${fixed(run.ms / 1000)} s, CMS CPU ${fixed(run.cpu)} s, load ${loadAverage()}`);
      if (run.queries) printQueries(run.queries, rows);
      results.get(mode)?.push(run);
      fs.rmSync(file);
    }
    const restArticles = Math.max(1, Math.round(REST_ROWS / LOCALES.length));
    process.stdout.write(`  round ${round + 1}/${IMPORT_ROUNDS}: REST one by one, ${restArticles * LOCALES.length} rows… `);
    const run = await timed(cms, () => createThroughRest(cms, `bench-rest-${round}`, restArticles));
    // Extrapolated to the file's rows.
    const scale = rows / (restArticles * LOCALES.length);
    rest.push({ ms: run.ms * scale, cpu: run.cpu * scale });
    console.log(`${fixed(run.ms / 1000)} s (${fixed(run.ms / (restArticles * LOCALES.length))} ms a row), CMS CPU ${fixed(run.cpu)} s, load ${loadAverage()}`);
    if (run.queries) printQueries(run.queries, restArticles * LOCALES.length);
  }
  const figures = MODES.map(({ mode }) => {
    const list = results.get(mode) ?? [];
    return { mode, wall: median(list.map((r) => r.ms)), cpu: median(list.map((r) => r.cpu)), rounds: list.map((r) => seconds(r.ms)) };
  });
  return { figures, rest: { ms: median(rest.map((r) => r.ms)), cpu: median(rest.map((r) => r.cpu)), rows, rounds: rest.map((r) => seconds(r.ms)) } };
}

// ---------------------------------------------------------------- the run

/** Stops the CMS's profiler (cpu-prof.cjs) and waits until it has written the profile. */
async function writeProfile(cms: RunningCms, dir: string): Promise<void> {
  const marker = path.join(dir, `cms-${cms.child.pid}-1.done`);
  cms.child.kill('SIGTTOU');
  for (let waited = 0; waited < 60_000 && !fs.existsSync(marker); waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
  console.log(fs.existsSync(marker) ? `CPU profile of the import phase: ${marker.replace(/\.done$/, '.cpuprofile')} (open it in Chrome DevTools or speedscope)` : 'The CMS wrote no CPU profile within 60 s.');
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

async function main(): Promise<number> {
  const serverUrl = process.env.DATABASE_URL;
  let database: TestDatabase | undefined;
  let cms: RunningCms | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-bench-transfer-'));
  const began = Date.now();
  try {
    if (serverUrl) database = await createPostgresDatabase(serverUrl, 'bench_transfer');
    console.log(
      `bench:transfer: export ${EXPORT_ROUNDS} rounds per format; import of ${ARTICLES * LOCALES.length} rows (${IMPORT_FORMAT}) ${IMPORT_ROUNDS} rounds per mode; REST baseline ${REST_ROWS} rows a round. ` +
        `Database: ${database ? `PostgreSQL (${database.name}, its own)` : 'SQLite (temporary file)'}. Load average at the start: ${loadAverage()} on ${os.cpus().length} cores.`,
    );
    console.log('Starting a CMS with the demo content…');
    cms = await startCms({
      env: {
        DATABASE_URL: database?.url,
        LOG_LEVEL: 'warn',
        ...(CPU_PROFILE_DIR
          ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require "${path.join(__dirname, 'cpu-prof.cjs')}"`.trim(), BENCH_CPU_PROF_DIR: CPU_PROFILE_DIR }
          : {}),
        ...(COUNT_QUERIES ? { DEBUG: 'knex:query' } : {}),
      },
    });
    const pid = cms.child.pid ?? 0;

    console.log(`\n1. Export of the whole demo (${EXPORT_ROUNDS} rounds per format, interleaved with the REST read)…`);
    const exported = await benchExport(cms, dir);
    console.log(`\n2. Import of ${ARTICLES * LOCALES.length} rows (${IMPORT_ROUNDS} rounds per mode, fresh slugs each round)…`);
    if (CPU_PROFILE_DIR) {
      fs.mkdirSync(CPU_PROFILE_DIR, { recursive: true });
      cms.child.kill('SIGTTIN');
    }
    const imported = await benchImport(cms, dir);
    if (CPU_PROFILE_DIR) await writeProfile(cms, CPU_PROFILE_DIR);
    const cmsCpu = cpuSeconds(pid);

    console.log(`\n=== bench:transfer (${database ? 'PostgreSQL' : 'SQLite'}) ===`);
    console.log(
      'Wall time of the CLI as an operator sees it (node + tsx start included); "request" = the time the CLI itself reports for the HTTP call. ' +
        'CMS CPU = utime + stime of the CMS process during the figure. Medians.',
    );
    const { rest: restRead } = exported;
    console.table([
      ...exported.figures.map((figure) => ({
        figure: `export whole demo (${figure.format})`,
        'wall s': seconds(figure.wall),
        'request s': seconds(figure.request),
        'CMS CPU s': Number(fixed(figure.cpu)),
        rows: figure.rows,
        size: `${(figure.bytes / 1024).toFixed(1)} KiB`,
        'baseline s': seconds(restRead.ms),
        'wall ÷ baseline': ratio(figure.wall, restRead.ms),
        'request ÷ baseline': ratio(figure.request, restRead.ms),
      })),
      {
        figure: `baseline: REST read, ${COLLECTIONS.length} types × every locale, drafts, populate=*`,
        'wall s': seconds(restRead.ms),
        'CMS CPU s': Number(fixed(restRead.cpu)),
        rows: restRead.entries,
      },
    ]);
    const { rest: restWrite } = imported;
    console.table([
      ...imported.figures.map((figure) => ({
        figure: `import ${imported.rest.rows} rows (${figure.mode})`,
        'wall s': seconds(figure.wall),
        'rows/s': Math.round(imported.rest.rows / (figure.wall / 1000)),
        'CMS CPU s': Number(fixed(figure.cpu)),
        'CPU ms/row': Number(fixed((figure.cpu * 1000) / imported.rest.rows, 1)),
        rounds: figure.rounds.join(', '),
        'baseline s': seconds(restWrite.ms),
        'wall ÷ baseline': ratio(figure.wall, restWrite.ms),
      })),
      {
        figure: `baseline: REST one by one, ${REST_ROWS} rows ×${restWrite.rows / REST_ROWS}`,
        'wall s': seconds(restWrite.ms),
        'rows/s': Math.round(restWrite.rows / (restWrite.ms / 1000)),
        'CMS CPU s': Number(fixed(restWrite.cpu)),
        'CPU ms/row': Number(fixed((restWrite.cpu * 1000) / restWrite.rows, 1)),
        rounds: restWrite.rounds.join(', '),
      },
    ]);
    for (const figure of exported.figures) {
      console.log(`export whole demo (${figure.format}) ${fixed(figure.wall / 1000)} s < ${TARGETS.exportSeconds} s: ${verdict(figure.wall < TARGETS.exportSeconds * 1000)}`);
    }
    for (const figure of imported.figures) {
      const scaled = imported.rest.rows === TARGETS.importRows ? '' : ` (${imported.rest.rows} rows here, not ${TARGETS.importRows}: not the target's figure)`;
      console.log(`import ${imported.rest.rows} rows (${figure.mode}) ${fixed(figure.wall / 1000, 1)} s < ${TARGETS.importSeconds} s: ${verdict(figure.wall < TARGETS.importSeconds * 1000)}${scaled}`);
    }
    console.log(`CMS CPU over the whole run: ${fixed(cmsCpu)} s. Took ${fixed((Date.now() - began) / 1000, 0)} s. Load average at the end: ${loadAverage()} on ${os.cpus().length} cores.`);
    return 0;
  } finally {
    await cms?.stop();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:transfer failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
