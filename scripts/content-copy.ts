// `npm run content:copy -- --from <cms> --to <cms> [--site …] [--locale …] [--type …] [--dry-run]`:
// copies content between two running CMSs (staging → production) through their APIs with API
// tokens. It never deletes on the target: it creates or updates what differs, reports the rest,
// and brings over the sites and images the rows need. Nothing is written when a row would be
// refused: the target's import checks every row first (a dry run), then writes in one transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { problemLine } from '../cms/src/transfer/problems';
import { checkCms, CmsCheckError, siteIds, CmsRefusedError, CmsUnreachableError, contentFile, contentRows, exportContent, IMPORT_MAX_BYTES, importContent, knownProblem, type CmsTarget, type ContentRow, type ImportAnswer } from './cms-rest';
import { COPY_USAGE, CopyFlagsError, parseCopyFlags, type CopyFlags } from './content-copy-flags';
import { copyMedia, type MediaOutcome } from './content-copy-media';
import { copySites, type SiteOutcome } from './content-copy-sites';

/** Stops the copy with one line on stderr and exit 1 (the temporary folder is removed first). */
class CopyFailure extends Error {}

const say = (line: string) => console.log(line);
const isYes = (cell: string | undefined) => /^(yes|true|1|y)$/i.test((cell ?? '').trim());
const listOf = (cell: string | undefined) => (cell ?? '').split(',').map((code) => code.trim()).filter(Boolean);
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Runs a step against one CMS, turning its failures into one line that says which CMS and what. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CmsRefusedError) throw new CopyFailure(`${what}: ${error.status > 0 ? `${error.status}: ` : ''}${error.message || 'refused'}`);
    if (error instanceof CmsUnreachableError) throw new CopyFailure(`${what}: no answer (${error.message})`);
    throw error;
  }
}

function describeScope(flags: CopyFlags): string {
  const parts = [flags.site ? `site ${flags.site}` : 'every site', flags.locale ? `locale ${flags.locale}` : 'every locale', flags.type ? `${flags.type}s` : 'every type'];
  return parts.join(', ');
}

/** The site codes the rows name (and --site), in order. */
function siteCodes(rows: readonly ContentRow[], flags: CopyFlags): string[] {
  const codes = new Set<string>(flags.site ? [flags.site] : []);
  for (const row of rows) for (const code of listOf(row.sites)) codes.add(code);
  return [...codes].sort();
}

const imageNames = (rows: readonly ContentRow[]) => [...new Set(rows.map((row) => (row.image ?? '').trim()).filter(Boolean))].sort();

/**
 * The rows the target can check before the sites and images this copy brings exist there:
 * while a site is still to be created, the rows naming it or every site are left for the
 * import itself (its locales are only known to the target once the site exists); images
 * still to be uploaded are left out of their rows (a row whose only change is such an image
 * then counts as unchanged). The copy itself imports every row as it is, after both.
 */
function rowsToCheck(rows: readonly ContentRow[], pendingSites: ReadonlySet<string>, pendingImages: ReadonlySet<string>): { rows: ContentRow[]; deferred: number } {
  const waitsForSite = (row: ContentRow) => pendingSites.size > 0 && (isYes(row.allSites) || listOf(row.sites).some((code) => pendingSites.has(code)));
  const checked = rows.filter((row) => !waitsForSite(row)).map((row) => (pendingImages.has((row.image ?? '').trim()) ? { ...row, image: '' } : row));
  return { rows: checked, deferred: rows.length - checked.length };
}

/** Prints an import's summary and its problems, each with the row's type, slug and locale. */
function report(label: string, result: ImportAnswer, rows: readonly ContentRow[]): void {
  say(`${label}: ${result.summary}`);
  for (const problem of result.problems) {
    const row = problem.row === null ? undefined : rows[problem.row - 2];
    say(`  ${problemLine(knownProblem(problem))}${row ? ` (${row.type ?? '?'} ${row.slug ?? '?'}, ${row.locale ?? '?'})` : ''}`);
  }
  if (result.problemCount > result.problems.length) say(`  … and ${result.problemCount - result.problems.length} more`);
}

function printSites(outcomes: readonly SiteOutcome[]): void {
  if (outcomes.length === 0) return;
  say(`Sites (${outcomes.length}):`);
  for (const outcome of outcomes) say(`  ${outcome.code}: ${outcome.note}`);
}

function printMedia(outcomes: readonly MediaOutcome[]): void {
  if (outcomes.length === 0) return;
  const reused = outcomes.filter((outcome) => outcome.action === 'reused');
  say(`Images (${outcomes.length}): ${reused.length} already on the target`);
  for (const outcome of outcomes) if (outcome.action !== 'reused' || !outcome.note.startsWith('already')) say(`  ${outcome.name}: ${outcome.note}`);
}

async function copy(flags: CopyFlags, workDir: string): Promise<void> {
  const source: CmsTarget = { url: flags.from, token: flags.fromToken };
  const target: CmsTarget = { url: flags.to, token: flags.toToken };
  for (const [flag, cms] of [['--from', source], ['--to', target]] as const) {
    try {
      await checkCms(cms);
    } catch (error) {
      if (error instanceof CmsCheckError) throw new CopyFailure(`${flag}: ${error.message}`);
      throw error;
    }
  }

  const [fromIds, toIds] = await Promise.all([siteIds(source), siteIds(target)]);
  if (fromIds.length > 0 && fromIds.join() === toIds.join()) {
    throw new CopyFailure(`${source.url} and ${target.url} hold the same sites (the same document ids): they are one CMS (or a restored copy of it), and a copy would only publish its drafts; check --from and --to`);
  }
  const exported = await step(`reading content from ${source.url}`, () =>
    exportContent(source, { format: 'json', site: flags.site ?? undefined, locale: flags.locale ?? undefined, type: flags.type ?? undefined }),
  );
  if (exported.length > IMPORT_MAX_BYTES) throw new CopyFailure(`the export is ${(exported.length / 1048576).toFixed(1)} MiB, over the import's ${IMPORT_MAX_BYTES / 1048576} MiB limit: copy in parts with --site, --locale or --type`);
  // Site rows carry the source's hostnames and channels: sites are compared and created by copySites, never overwritten.
  const rows = (await step(`reading content from ${source.url}`, async () => contentRows(exported))).filter((row) => row.type !== 'site');
  const file = contentFile(rows);
  say(`Read ${plural(rows.length, 'row')} from ${source.url} (${describeScope(flags)}).`);
  if (rows.length === 0) {
    say('Nothing to copy.');
    return;
  }
  const modified = rows.filter((row) => row.status === 'modified');
  if (modified.length > 0) {
    const named = modified.slice(0, 5).map((row) => `${row.type ?? '?'} ${row.slug ?? '?'} (${row.locale ?? '?'})`);
    say(`Note: ${plural(modified.length, 'row has', 'rows have')} an unpublished draft on the source, and the target will publish it: ${named.join(', ')}${modified.length > 5 ? ', …' : ''}.`);
  }
  const fileName = `copy-from-${new URL(source.url).host.replace(/[^a-z0-9.-]/gi, '-')}.json`;

  // Plan: what the target lacks, changing nothing yet.
  const sitePlan = await step('comparing sites', () => copySites(source, target, siteCodes(rows, flags), { isDryRun: true, mayCreate: (code) => flags.site === null || code === flags.site }));
  printSites(sitePlan);
  const blocked = sitePlan.filter((outcome) => outcome.action === 'blocked');
  if (blocked.length > 0) throw new CopyFailure(`nothing was written: the rows name ${plural(blocked.length, 'site')} the target cannot carry yet (${blocked.map((outcome) => outcome.code).join(', ')})`);
  const mediaPlan = await step('comparing images', () => copyMedia(source, target, imageNames(rows), { isDryRun: true, workDir }));
  printMedia(mediaPlan);
  const pendingSites = new Set(sitePlan.filter((outcome) => outcome.action === 'would create').map((outcome) => outcome.code));
  const pendingImages = new Set(mediaPlan.filter((outcome) => outcome.action === 'would upload').map((outcome) => outcome.name));
  const isPending = pendingSites.size > 0 || pendingImages.size > 0;

  // Check the rows on the target (a dry run of its import) before anything is written.
  const checked = rowsToCheck(rows, pendingSites, pendingImages);
  const isWhole = !isPending;
  if (checked.rows.length > 0) {
    const check = await step(`checking the rows on ${target.url}`, () =>
      importContent(target, { format: 'json', name: fileName, dryRun: 'true', publish: 'status' }, isWhole ? file : contentFile(checked.rows)),
    );
    report(isWhole ? 'Check' : `Check of ${plural(checked.rows.length, 'row')}`, check, checked.rows);
    if (!check.ok) throw new CopyFailure('nothing was written: the target would refuse the rows above');
    if (isWhole && !flags.isDryRun && check.created === 0 && check.updated === 0) {
      say(`Nothing to write: the target already has all ${plural(check.unchanged, 'row')}.`);
      return;
    }
  }
  if (checked.deferred > 0) say(`  (${plural(checked.deferred, 'row')} name a site this copy creates first, or every site: the target checks them when the copy runs, and writes nothing if it refuses one)`);
  if (pendingImages.size > 0) say(`  (rows were checked without the ${plural(pendingImages.size, 'image')} this copy uploads first)`);
  if (flags.isDryRun) {
    say('Dry run: nothing was written.');
    return;
  }

  // Write: the sites and images first, then every row in one transaction.
  if (pendingSites.size > 0) printSites(await step('creating sites', () => copySites(source, target, [...pendingSites], { isDryRun: false, mayCreate: () => true })));
  if (pendingImages.size > 0) printMedia(await step('uploading images', () => copyMedia(source, target, [...pendingImages], { isDryRun: false, workDir })));
  const done = await step(`importing on ${target.url}`, () => importContent(target, { format: 'json', name: fileName, dryRun: 'false', publish: 'status' }, file));
  report('Copied', done, rows);
  if (!done.ok) throw new CopyFailure(`the target refused the rows above: no row was written${isPending ? ' (the sites and images above were)' : ''}`);
}

async function main(): Promise<void> {
  let flags: CopyFlags;
  try {
    flags = parseCopyFlags(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CopyFlagsError)) throw error;
    console.error(`content:copy: ${error.message}\n\n${COPY_USAGE}`);
    process.exit(2);
  }
  if (process.argv.some((arg) => arg.startsWith('--from-token') || arg.startsWith('--to-token'))) {
    console.error('content:copy: note: a token given as a flag shows in `ps` to other users of this machine; prefer BAOBAB_FROM_TOKEN and BAOBAB_TO_TOKEN.');
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-copy-'));
  let exitCode = 0;
  try {
    await copy(flags, workDir);
  } catch (error) {
    console.error(`content:copy: ${error instanceof CopyFailure ? error.message : `stopped: ${error instanceof Error ? error.message : String(error)}`}`);
    exitCode = 1;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

void main();
