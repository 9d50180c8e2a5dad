// Issue 12's round trips, on two CMSs of this test's own (on the PostgreSQL run, each on a
// database of its own): the source has the demo content, the target starts empty
// (BAOBAB_SEED=false). An export imported back into its own CMS changes nothing, in every
// format; the whole demo exported as XLSX and imported into the empty CMS (its images put in
// its Media Library first, as content:copy does) gives back the same rows and the same
// delivery answers, byte for byte, for every demo article, site and locale.
import { createPostgresDatabase, startCms, type RunningCms, type TestDatabase } from '@baobab/testkit';
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
  const server = process.env.DATABASE_URL;
  const databaseUrl = async (prefix: string) => {
    if (!server) return undefined;
    const database = await createPostgresDatabase(server, prefix);
    databases.push(database);
    return database.url;
  };
  const [sourceDatabase, targetDatabase] = [await databaseUrl('transfer_source'), await databaseUrl('transfer_target')];
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
