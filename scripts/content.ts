// `npm run content:export -- [--site kijana-ke] [--locale sw-KE] [--type article] [--format xlsx|csv|json] [--out file]`
// `npm run content:import -- <file> [--dry-run] [--publish | --publish=status] [--prune --site …|--locale …]`
// Content as spreadsheet rows, one per document and locale, through the running CMS's API
// (cms/src/transfer/): the same checks as an editor's save, all or nothing.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { isSlug } from '@baobab/kit';
import { isKnownLocale } from '@baobab/locales';
import { z } from 'zod';
import { TRANSFER_LIMITS } from '../cms/src/transfer/limits';
import { apiTokenFor, CmsRefusedError, exportContent, importContent, type CmsTarget, type ImportAnswer } from './cms-rest';

const root = path.resolve(__dirname, '..');
/**
 * Where the operator typed the command: `npm run content:…` runs this from the repository root
 * and says where it was typed in INIT_CWD (which any child of another npm script inherits too).
 */
const typedIn = process.env.npm_lifecycle_event?.startsWith('content:') === true ? process.env.INIT_CWD : undefined;
const here = (file: string) => path.resolve(typedIn ?? process.cwd(), file);
const FORMATS = ['xlsx', 'csv', 'json'] as const;

const USAGE = `Usage:
  npm run content:export -- [--site <code>] [--locale <code>] [--type site|section|page|banner|article] [--format xlsx|csv|json] [--out <file>] [--cms <url>]
  npm run content:import -- <file> [--dry-run] [--publish | --publish=status] [--prune] [--site <code>] [--locale <code>] [--format xlsx|csv|json] [--cms <url>]
Every export flag is optional (all sites, locales and types). An import writes drafts unless --publish
(every row) or --publish=status (the rows whose status column says published or modified); --prune
deletes what the file does not name, within --site (documents that site alone carries) or --locale.
The API token comes from BAOBAB_API_TOKEN or data/dev-credentials.env; the CMS from --cms (default http://127.0.0.1:1337).`;

function usage(message: string): never {
  console.error(`content: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function fail(message: string): never {
  console.error(`content: ${message}`);
  process.exit(1);
}

const common = {
  site: z.string().max(100).refine(isSlug, '--site must be a site code, like kijana-ke').optional(),
  locale: z.string().max(20).refine(isKnownLocale, '--locale must be a locale in locales/registry.json, like sw-KE').optional(),
  format: z.enum(FORMATS, { error: '--format must be xlsx, csv or json' }).optional(),
  // The CMS `npm start` runs: its PORT when that is set here too.
  cms: z.url({ error: '--cms must be a URL like http://127.0.0.1:1337' }).default(`http://127.0.0.1:${process.env.PORT ?? '1337'}`),
};
const exportFlags = z.strictObject({ ...common, type: z.enum(['site', 'article', 'section', 'page', 'banner'], { error: '--type must be site, article, section, page or banner' }).optional(), out: z.string().min(1).optional() });
const importFlags = z.strictObject({
  ...common,
  'dry-run': z.boolean().default(false),
  publish: z.enum(['all', 'status'], { error: '--publish takes no value, or =status' }).optional(),
  prune: z.boolean().default(false),
});

function parse<T extends z.ZodType>(schema: T, args: string[], options: NonNullable<Parameters<typeof parseArgs>[0]>['options']): { values: z.infer<T>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const values = schema.safeParse(parsed.values);
  if (!values.success) usage(values.error.issues.map((issue) => issue.message).join('\n  '));
  return { values: values.data, positionals: parsed.positionals };
}

function target(url: string): CmsTarget {
  const token = apiTokenFor(process.env.BAOBAB_DATA_DIR ?? path.join(root, 'data'));
  if (token === null) fail('no API token: set BAOBAB_API_TOKEN, or start the CMS once in development (npm start) so data/dev-credentials.env exists');
  return { url, token };
}

function cmsProblem(error: unknown, url: string): never {
  if (error instanceof CmsRefusedError) {
    if (error.status === 401) fail(`the CMS at ${url} refused the API token (401): ${error.message || 'check BAOBAB_API_TOKEN'}`);
    if (error.status === 403) fail(`the API token may not do this (403): a read-only token can export but not import; use a token that may create and update articles (BAOBAB_API_TOKEN)`);
    fail(`the CMS refused (${error.status}): ${error.message}`);
  }
  fail(`the CMS at ${url} did not answer (${error instanceof Error ? error.message : String(error)}); is it running (npm start), and on that address (--cms)?`);
}

const kib = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`);

async function runExport(args: string[]): Promise<void> {
  const { values, positionals } = parse(exportFlags, args, {
    site: { type: 'string' },
    locale: { type: 'string' },
    type: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    cms: { type: 'string' },
  });
  if (positionals.length > 0) usage(`unexpected ${positionals.join(' ')}`);
  const fromName = FORMATS.find((format) => values.out?.toLowerCase().endsWith(`.${format}`));
  const format = values.format ?? fromName ?? 'xlsx';
  const out = here(values.out ?? `baobab-content-${values.site ?? 'all'}-${values.locale ?? 'all'}-${values.type ?? 'all'}.${format}`);
  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = await exportContent(target(values.cms), { site: values.site, locale: values.locale, type: values.type, format });
  } catch (error) {
    cmsProblem(error, values.cms);
  }
  const temporary = `${out}.part`;
  fs.writeFileSync(temporary, bytes);
  fs.renameSync(temporary, out);
  console.log(`Wrote ${out} (${kib(bytes.length)}, ${format}) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

function printResult(result: ImportAnswer): void {
  for (const problem of result.problems) {
    const where = [problem.file, problem.row === null ? null : `row ${problem.row}`, problem.column === null ? null : `column ${problem.column}`].filter(Boolean).join(', ');
    console.error(`${where}: ${problem.message} [${problem.code}]`);
  }
  if (result.problemCount > result.problems.length) console.error(`…and ${result.problemCount - result.problems.length} more problems.`);
  for (const version of result.deleted) console.log(`${result.dryRun ? 'would delete' : 'deleted'}: ${version.type} ${version.slug} (${version.locale})`);
  console.log(result.ok ? result.summary : `Nothing was written: ${result.problemCount} ${result.problemCount === 1 ? 'problem' : 'problems'}.`);
}

async function runImport(args: string[]): Promise<void> {
  // `--publish` alone means every row; parseArgs wants a value, so it gets one.
  const given = args.map((arg) => (arg === '--publish' ? '--publish=all' : arg));
  const { values, positionals } = parse(importFlags, given, {
    site: { type: 'string' },
    locale: { type: 'string' },
    format: { type: 'string' },
    cms: { type: 'string' },
    'dry-run': { type: 'boolean' },
    publish: { type: 'string' },
    prune: { type: 'boolean' },
  });
  if (positionals.length !== 1) usage('name one file to import');
  const file = here(positionals[0] ?? '');
  const format = values.format ?? FORMATS.find((candidate) => file.toLowerCase().endsWith(`.${candidate}`));
  if (format === undefined) usage(`cannot tell the format of ${file}: name it .xlsx, .csv or .json, or pass --format`);
  if (values.prune && values.site === undefined && values.locale === undefined) usage('--prune deletes what the file does not name: limit it with --site or --locale');
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) fail(`${file} is not a file`);
    size = stat.size;
  } catch {
    fail(`cannot read ${file}: no such file`);
  }
  // Refused here before a byte is sent.
  if (size > TRANSFER_LIMITS.fileBytes) fail(`${file} is ${kib(size)}; the limit is ${kib(TRANSFER_LIMITS.fileBytes)} [TRANSFER_FILE_TOO_LARGE]. Split it by site, locale or type and import the parts.`);
  const cms = target(values.cms);
  const bar = new SingleBar({ format: '{phase} [{bar}] {value}/{total} rows', hideCursor: true, noTTYOutput: false }, Presets.shades_classic);
  let phase = '';
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  let result: ImportAnswer;
  try {
    result = await importContent(
      cms,
      { format, name: path.basename(file), dryRun: String(values['dry-run']), publish: values.publish ?? 'false', prune: String(values.prune), site: values.site, locale: values.locale },
      body,
      (progress) => {
        if (!process.stderr.isTTY) return;
        const label = progress.phase === 'read' ? 'Reading' : values['dry-run'] ? 'Checking' : 'Writing';
        if (label !== phase) {
          if (phase !== '') bar.stop();
          phase = label;
          bar.start(progress.of ?? progress.rows, progress.rows, { phase: label });
        }
        bar.setTotal(Math.max(progress.of ?? progress.rows, progress.rows));
        bar.update(progress.rows, { phase: label });
      },
    );
  } catch (error) {
    if (phase !== '') bar.stop();
    cmsProblem(error, values.cms);
  }
  if (phase !== '') bar.stop();
  printResult(result);
  if (!result.ok) process.exit(1);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'export') void runExport(rest);
else if (command === 'import') void runImport(rest);
else usage('say export or import');
