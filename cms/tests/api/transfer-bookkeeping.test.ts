// An import does the bookkeeping an editor's save does (translation stamps, search text, the
// sites and sections it validates against), once per document at the end of its transaction
// (cms/src/batch.ts) rather than once per row: what readers and editors see afterwards must
// be what row-by-row saves would have left.
import { adminCall, adminLogin, gqlData, uniqueSlug, type Json } from '../support/client';

const token = () => process.env.BAOBAB_TEST_API_TOKEN ?? '';

async function importRows(rows: Array<Record<string, string>>, query: string): Promise<Json> {
  const response = await fetch(`${process.env.BAOBAB_TEST_CMS_URL}/api/baobab/content/import?format=json&${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/octet-stream' },
    body: JSON.stringify({ format: 'baobab-content', version: 1, rows }),
  });
  expect(response.status).toBe(200);
  return JSON.parse((await response.text()).trim().split('\n').at(-1) ?? '{}').result;
}

const article = (slug: string, locale: string, title: string, body: string, section: string) => ({
  type: 'article',
  slug,
  locale,
  title,
  lead: `${title}.`,
  body,
  section,
  sites: locale === 'en' ? 'kijana-ke' : '',
  allSites: locale === 'en' ? 'no' : '',
  status: 'published',
});

async function statusOf(auth: string, documentId: string, locale: string): Promise<string> {
  const answer = await adminCall('GET', `/baobab-translations/document?type=article&documentId=${documentId}&locale=${locale}`, undefined, auth);
  expect(answer.status).toBe(200);
  return String(answer.body.data.status);
}

it('an import leaves translation status, search text and new sections as row-by-row saves would', async () => {
  const auth = await adminLogin();
  const section = uniqueSlug('imported-section');
  const [first, second] = [uniqueSlug('batch-a'), uniqueSlug('batch-b')];
  const word = `kiwiword${Date.now().toString(36)}`;
  const rows = [
    // A section the file creates, and articles of the same file in it: validated against it.
    { type: 'section', slug: section, locale: 'en', title: 'Imported section', description: '', sites: 'kijana-ke', allSites: 'no', status: 'published' },
    article(first, 'en', 'Batch one', `About ${word} and more.`, section),
    article(first, 'sw-KE', 'Kundi moja', `Kuhusu ${word}.`, section),
    article(second, 'en', 'Batch two', 'Nothing to find here.', section),
  ];
  const done = await importRows(rows, 'publish=status');
  expect(done.problems).toEqual([]);
  expect(done).toMatchObject({ ok: true, created: 4, updated: 0 });

  // Search text: the body's words find the article, in each language it was written in.
  const found = await gqlData(`{ site(code: "kijana-ke") { en: search(query: "${word}", locale: "en-KE") { nodes { slug } } sw: search(query: "${word}", locale: "sw-KE") { nodes { slug locale } } } }`);
  expect(found.site.en.nodes.map((node: Json) => node.slug)).toEqual([first]);
  expect(found.site.sw.nodes).toEqual([{ slug: first, locale: 'sw-KE' }]);

  // Translation stamps: the translation imported with its source is up to date; the one never written is missing.
  const documents = await adminCall('GET', `/baobab-translations?site=kijana-ke&locale=sw-KE&type=article`, undefined, auth);
  expect(documents.status).toBe(200);
  const bySlug = new Map<string, Json>(documents.body.data.rows.map((row: Json) => [row.slug, row]));
  expect(bySlug.get(first)?.status).toBe('up-to-date');
  expect(bySlug.get(second)?.status).toBe('missing');

  // The source changed by a second import: the translation it leaves alone is outdated, as after an editor's save.
  const again = await importRows([{ ...article(first, 'en', 'Batch one, revised', `About ${word} and more.`, section) }], 'publish=status');
  expect(again).toMatchObject({ ok: true, updated: 1 });
  expect(await statusOf(auth, String(bySlug.get(first)?.documentId), 'sw-KE')).toBe('outdated');
});
