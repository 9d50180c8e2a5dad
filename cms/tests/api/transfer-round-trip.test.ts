// Issue 12's round trips, on two CMSs of this test's own (on the PostgreSQL run, each on a
// database of its own): the source has the demo content, the target starts empty
// (BAOBAB_SEED=false). An export imported back into its own CMS changes nothing, in every
// format; the whole demo exported as XLSX and imported into the empty CMS (its images put in
// its Media Library first, as content:copy does) gives back the same rows and the same
// delivery answers, byte for byte, for every demo article, site and locale.
import { ownDatabaseUrl, startCms, type RunningCms, type TestDatabase } from '@baobab/testkit';
import type { Json } from '../support/client';

let source: RunningCms;
let target: RunningCms;
const databases: TestDatabase[] = [];

type Row = Record<string, string>;

async function exported(cms: RunningCms, format: 'xlsx' | 'csv' | 'json', query = ''): Promise<Buffer> {
  const response = await fetch(`${cms.url}/api/baobab/content/export?format=${format}${query}`, { headers: { authorization: `Bearer ${cms.apiToken}` } });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const rowsOf = (json: Buffer): Row[] => (JSON.parse(json.toString('utf8')) as { rows: Row[] }).rows;

/** POSTs a file to the import; the result line of its NDJSON answer. */
async function imported(cms: RunningCms, file: Buffer, query: string): Promise<Json> {
  const response = await fetch(`${cms.url}/api/baobab/content/import?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(file),
  });
  expect(response.status).toBe(200);
  const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as Json);
  return lines.at(-1)?.result;
}

/** The delivery API's answer as the bytes it sent. */
async function answer(cms: RunningCms, query: string, variables: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  expect(response.status).toBe(200);
  return response.text();
}

// Everything a reader gets but what each CMS makes itself: ids, publish and update times, image URLs (named by a hash).
const ARTICLE = `slug title lead body locale requestedLocale isFallback availableLocales tags section { slug title description } image { alt width height }
  sms: channelText(channel: "sms") ussd: channelText(channel: "ussd") whatsapp: channelText(channel: "whatsapp") telegram: channelText(channel: "telegram") messenger: channelText(channel: "messenger")`;
const ARTICLE_QUERY = `query($host: String!, $slug: String!, $locale: String) { site(host: $host) { article(slug: $slug, locale: $locale) { ${ARTICLE} } } }`;
const SITE_QUERY = `query($host: String!, $locale: String) { site(host: $host) { code name defaultLocale locales { code }
  navigation(locale: $locale) { slug title description children { slug title } }
  pages(locale: $locale) { slug title body } banners(locale: $locale) { slug title text link image { alt width height } } } }`;

/** Puts every file of the source's Media Library into the target's, by name and alternative text (what content:copy does). */
async function copyMediaLibrary(): Promise<number> {
  const files = (await (await fetch(`${source.url}/api/upload/files`, { headers: { authorization: `Bearer ${source.apiToken}` } })).json()) as Json[];
  for (const file of files) {
    const bytes = await (await fetch(new URL(String(file.url), source.url))).arrayBuffer();
    const form = new FormData();
    form.append('files', new Blob([bytes], { type: String(file.mime) }), String(file.name));
    form.append('fileInfo', JSON.stringify({ name: file.name, alternativeText: file.alternativeText, caption: file.caption ?? '' }));
    const response = await fetch(`${target.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${target.apiToken}` }, body: form });
    expect(response.status).toBe(201);
  }
  return files.length;
}

beforeAll(async () => {
  const [sourceDatabase, targetDatabase] = [await ownDatabaseUrl('transfer_source', databases), await ownDatabaseUrl('transfer_target', databases)];
  [source, target] = await Promise.all([startCms({ env: { DATABASE_URL: sourceDatabase } }), startCms({ env: { DATABASE_URL: targetDatabase, BAOBAB_SEED: 'false' } })]);
}, 400_000);

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
  for (const database of databases) await database.drop();
});

it.each(['xlsx', 'csv', 'json'] as const)('an export in %s imported back into the CMS it came from changes nothing', async (format) => {
  const before = await exported(source, 'json');
  const rows = rowsOf(before).length;
  expect(rows).toBeGreaterThan(120);
  const file = await exported(source, format);

  const dryRun = await imported(source, file, `format=${format}&dryRun=true&publish=status`);
  expect(dryRun).toMatchObject({ ok: true, dryRun: true, created: 0, updated: 0, unchanged: rows, problemCount: 0 });
  expect(dryRun.summary).toBe(`0 to create, 0 to update, ${rows} unchanged`);

  const done = await imported(source, file, `format=${format}&publish=status`);
  expect(done.summary).toBe(`created 0, updated 0, ${rows} unchanged`);
  expect((await exported(source, 'json')).equals(before)).toBe(true);
}, 120_000);

it('the whole demo as XLSX, imported into an empty CMS, gives the same documents and the same delivery answers', async () => {
  expect(await copyMediaLibrary()).toBeGreaterThan(20);
  const sourceRows = rowsOf(await exported(source, 'json'));
  const file = await exported(source, 'xlsx');

  const dryRun = await imported(target, file, 'format=xlsx&dryRun=true&publish=status');
  // Sites, then sections, … are created inside the dry run too, so every row is judged as it would be written.
  expect(dryRun).toMatchObject({ ok: true, created: sourceRows.length, updated: 0, unchanged: 0 });
  expect(rowsOf(await exported(target, 'json'))).toEqual([]);

  const done = await imported(target, file, 'format=xlsx&publish=status');
  expect(done).toMatchObject({ ok: true, created: sourceRows.length, updated: 0, unchanged: 0, problemCount: 0 });
  // The same rows: every cell, the status (published, draft) included.
  expect(rowsOf(await exported(target, 'json'))).toEqual(sourceRows);
  // And imported again into the target, nothing to do.
  expect((await imported(target, file, 'format=xlsx&dryRun=true&publish=status')).summary).toBe(`0 to create, 0 to update, ${sourceRows.length} unchanged`);

  const sites = sourceRows.filter((row) => row.type === 'site');
  const articles = sourceRows.filter((row) => row.type === 'article');
  expect(sites.map((site) => site.slug).sort()).toEqual(['amal-eg', 'kijana-ke', 'mama-ng', 'thrive-za']);
  let compared = 0;
  for (const site of sites) {
    const host = site.hostnames?.split(',')[0]?.trim() ?? '';
    const locales = (site.locales ?? '').split(',').map((code) => code.trim());
    const carried = [...new Set(articles.filter((row) => row.allSites === 'yes' || row.sites?.split(',').map((code) => code.trim()).includes(site.slug ?? '')).map((row) => row.slug))];
    for (const locale of locales) {
      expect(await answer(target, SITE_QUERY, { host, locale })).toBe(await answer(source, SITE_QUERY, { host, locale }));
      for (const slug of carried) {
        const theirs = await answer(source, ARTICLE_QUERY, { host, slug, locale });
        expect(await answer(target, ARTICLE_QUERY, { host, slug, locale })).toBe(theirs);
        if (JSON.parse(theirs).data.site.article !== null) compared += 1;
      }
    }
  }
  // Every demo article in every locale of every site carrying it (fallbacks included).
  expect(compared).toBeGreaterThan(60);
}, 300_000);

// On PostgreSQL an import holds one pooled connection and readers use the others. SQLite has
// one connection (Strapi writes concurrently and relies on it), so there only what needs no
// query goes on: cached delivery answers and liveness.
const onPostgres = process.env.DATABASE_URL !== undefined;

it(`keeps answering readers while a long import holds its transaction (${onPostgres ? 'uncached answers too, on PostgreSQL' : 'cached answers, on SQLite'})`, async () => {
  const rows = Array.from({ length: 1500 }, (_, index) =>
    ['en', 'sw-KE'].map((locale) => ({ type: 'article', slug: `while-importing-${index}`, locale, title: `Bulk ${index} ${locale}`, body: `Paragraph ${index}.`, section: 'hiv-and-stis', sites: 'kijana-ke', allSites: 'no' })),
  ).flat();
  const cached = { host: 'kijana-ke.localhost', slug: 'hiv-testing-basics', locale: 'en-KE' };
  const expected = await answer(source, ARTICLE_QUERY, cached);
  let finished = false;
  const running = imported(source, Buffer.from(JSON.stringify({ format: 'baobab-content', version: 1, rows })), 'format=json&dryRun=true').then((result) => {
    finished = true;
    return result;
  });
  const latencies: number[] = [];
  let duringImport = 0;
  for (let probe = 0; probe < 6 && !finished; probe += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    expect(await answer(source, ARTICLE_QUERY, cached)).toBe(expected);
    expect((await fetch(`${source.url}/_health`)).status).toBe(204);
    // A slug no one has is never cached: the CMS reads the database to answer.
    if (onPostgres) expect(JSON.parse(await answer(source, ARTICLE_QUERY, { ...cached, slug: `not-there-${probe}` })).data.site.article).toBeNull();
    latencies.push(performance.now() - started);
    if (!finished) duringImport += 1;
  }
  expect((await running).summary).toBe(`${rows.length} to create, 0 to update, 0 unchanged`);
  expect(duringImport).toBeGreaterThan(0);
  // Before the import yielded to the event loop once per document, every request waited for the whole import.
  expect(Math.max(...latencies)).toBeLessThan(3_000);
}, 180_000);

describe("a translator's file (one site, one language)", () => {
  const query = 'site=kijana-ke&locale=sw-KE&type=article';

  it('lists what Kenyan Swahili readers get (sw-KE, else sw) and a row to translate for the rest, with the source text beside it', async () => {
    const rows = rowsOf(await exported(source, 'json', `&${query}`));
    const statuses = new Set(rows.map((row) => `${row.locale} ${row.status}`));
    expect(statuses).toEqual(new Set(['sw-KE published', 'sw published', 'sw-KE missing']));
    const missing = rows.find((row) => row.status === 'missing');
    expect(missing).toMatchObject({ locale: 'sw-KE', title: '', body: '', 'source:locale': 'en' });
    expect(missing?.['source:title']).not.toBe('');
    // Imported back as it is, the rows nobody translated create nothing.
    expect((await imported(source, await exported(source, 'xlsx', `&${query}`), 'format=xlsx&dryRun=true')).summary).toBe(`0 to create, 0 to update, ${rows.length} unchanged`);
  });

  it("a new translation with the shared cells left empty creates that language only; the other languages' shared fields stay", async () => {
    const before = rowsOf(await exported(source, 'json', '&type=article'));
    const rows = rowsOf(await exported(source, 'json', `&${query}`));
    const target = rows.find((row) => row.status === 'missing' && row.allSites === 'yes');
    if (target === undefined) throw new Error('no article for every site is left to translate into sw-KE');
    const shared = ['section', 'tags', 'allSites', 'sites', 'image', 'goLiveAt', 'expireAt', 'featuredFrom', 'featuredUntil'];
    const translated = { ...target, ...Object.fromEntries(shared.map((name) => [name, ''])), title: 'Tafsiri mpya', lead: 'Muhtasari', body: 'Maandishi **mapya**.' };
    const done = await imported(source, Buffer.from(JSON.stringify({ format: 'baobab-content', version: 1, rows: [translated] })), 'format=json');
    expect(done).toMatchObject({ ok: true, created: 1, updated: 0 });
    const after = rowsOf(await exported(source, 'json', '&type=article'));
    const added = after.find((row) => row.slug === target.slug && row.locale === 'sw-KE');
    expect(added).toMatchObject({ title: 'Tafsiri mpya', status: 'draft', allSites: 'yes', section: target.section, tags: target.tags });
    // Every other version, English included, exactly as it was (the trial found the English draft's sites and tags emptied).
    expect(after.filter((row) => row !== added)).toEqual(before);

    // A translation's shared cell that says something else is refused, naming the source row; nothing written.
    const stale = { ...translated, title: 'Tena', tags: 'old, tags' };
    const refused = await imported(source, Buffer.from(JSON.stringify({ format: 'baobab-content', version: 1, rows: [stale] })), 'format=json');
    expect(refused.ok).toBe(false);
    expect(refused.problems).toEqual([expect.objectContaining({ row: 2, column: 'tags', code: 'TRANSFER_SHARED_MISMATCH', message: expect.stringContaining('change it in the en row') })]);
    expect(rowsOf(await exported(source, 'json', '&type=article'))).toEqual(after);
  });

  it('prunes only in the languages the file holds: a Swahili file never deletes an English version', async () => {
    const before = rowsOf(await exported(source, 'json', '&type=article&site=kijana-ke'));
    const swahili = rowsOf(await exported(source, 'json', `&${query}`)).filter((row) => row.locale === 'sw-KE' && row.status !== 'missing');
    const dropped = swahili.find((row) => row.allSites === 'no' && row.sites === 'kijana-ke');
    if (dropped === undefined) throw new Error('no kijana-ke-only article has a sw-KE version');
    const kept = swahili.filter((row) => row !== dropped);
    const dryRun = await imported(source, Buffer.from(JSON.stringify({ format: 'baobab-content', version: 1, rows: kept })), 'format=json&dryRun=true&prune=true&site=kijana-ke');
    expect(dryRun.ok).toBe(true);
    // Only the sw-KE version the file leaves out, named; not the English versions of kijana-ke's own articles.
    expect(dryRun.deleted).toEqual([{ type: 'article', slug: dropped.slug, locale: 'sw-KE' }]);
    expect(dryRun.summary).toBe(`0 to create, 0 to update, ${kept.length} unchanged, 1 to delete`);
    expect(rowsOf(await exported(source, 'json', '&type=article&site=kijana-ke'))).toEqual(before);
  });
});
