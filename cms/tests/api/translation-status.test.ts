// Translation status over the admin's HTTP API: the Translations list filtered by site and
// locale (strict queries, 400s that say what to send), statuses that follow saves of the
// source and its translations, "mark as up to date", the refusal of a locale no carrying site
// serves, and shared fields reaching every published locale without a republish.
import { adminCall, adminLogin, cmsUrl, createArticle, paragraph, rest, uniqueSlug, type Json } from '../support/client';

const ARTICLE = 'api::article.article';

interface Answer {
  readonly status: number;
  readonly body: Json;
}

let token = '';

const admin = (method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown, auth: string | null = token): Promise<Answer> => adminCall(method, route, body, auth);

beforeAll(async () => {
  token = await adminLogin();
});

const list = (query: string) => admin('GET', `/baobab-translations${query}`);
const statusIn = async (site: string, locale: string, documentId: string): Promise<string | undefined> => {
  const answer = await list(`?site=${site}&locale=${locale}`);
  expect(answer.status).toBe(200);
  return answer.body.data.rows.find((row: Json) => row.documentId === documentId && row.type === 'article')?.status;
};
const saveTranslation = (documentId: string, locale: string, data: Record<string, unknown>) => rest('PUT', `/articles/${documentId}?locale=${locale}&status=draft`, { data });

describe('the translation list', () => {
  it('lists what thrive-za carries that lacks zu-ZA, and nothing it does not carry', async () => {
    const carried = await createArticle({ slug: uniqueSlug('tz-carried'), title: 'Carried by Thrive', sites: ['thrive-za'] });
    const elsewhere = await createArticle({ slug: uniqueSlug('tz-not'), title: 'Only in Kenya', sites: ['kijana-ke'] });
    const answer = await list('?site=thrive-za&locale=zu-ZA&status=missing');
    expect(answer.status).toBe(200);
    const rows: Json[] = answer.body.data.rows;
    const row = rows.find((candidate) => candidate.documentId === carried);
    expect(row).toMatchObject({ type: 'article', title: 'Carried by Thrive', locale: 'zu-ZA', status: 'missing' });
    expect(row.editPath).toBe(`/content-manager/collection-types/${ARTICLE}/${carried}?plugins[i18n][locale]=zu-ZA`);
    expect(rows.some((candidate) => candidate.documentId === elsewhere)).toBe(false);
    expect(rows.every((candidate) => candidate.status === 'missing')).toBe(true);
    // Seeded demo translations start up to date: none of thrive-za's is outdated.
    const outdated = await list('?site=thrive-za&locale=zu-ZA&status=outdated');
    expect(outdated.body.data.rows.filter((candidate: Json) => candidate.documentId !== carried)).toEqual([]);
    const seeded = await list('?site=thrive-za&locale=zu-ZA&status=up-to-date');
    expect(seeded.body.data.rows.length).toBeGreaterThan(0);
  });

  it.each([
    ['', 'Give site.'],
    ['?site=atlantis&locale=zu-ZA', 'No site "atlantis". Choose one of'],
    ['?site=thrive-za&locale=xx-YY', '"xx-YY" is not a locale in the registry'],
    ['?site=thrive-za&locale=sw-KE', 'thrive-za does not serve sw-KE: it serves en-ZA, zu-ZA.'],
    ['?site=thrive-za&site=kijana-ke', 'Give site once'],
    ['?site=thrive-za&status=stale', 'status must be one of missing, up-to-date, outdated, source.'],
    ['?site=thrive-za&sort=title', 'Unknown parameter "sort"'],
    [`?site=${'x'.repeat(500)}`, 'site is too long'],
  ])('answers a bad query (%#) with a 400 that says what to send', async (query, message) => {
    const answer = await list(query);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(message);
  });

  it('is for admin users only', async () => {
    expect((await admin('GET', '/baobab-translations?site=thrive-za', undefined, null)).status).toBe(401);
    const asApiToken = await admin('GET', '/baobab-translations?site=thrive-za', undefined, process.env.BAOBAB_TEST_API_TOKEN ?? '');
    expect(asApiToken.status).toBe(401);
  });
});

describe('the stamps', () => {
  it('are in neither REST nor the generated GraphQL schema', async () => {
    expect((await rest('GET', '/translation-stamps')).status).toBe(404);
    const response = await fetch(`${cmsUrl()}/strapi-graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_API_TOKEN ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stamp: __type(name: "TranslationStamp") { name } article: __type(name: "Article") { name } }' }),
    });
    const answer: Json = await response.json();
    expect(answer.data).toEqual({ stamp: null, article: { name: 'Article' } });
  });
});

describe('statuses as the source and its translations are saved', () => {
  let documentId = '';
  beforeAll(async () => {
    documentId = await createArticle({ slug: uniqueSlug('status'), title: 'Source one', lead: 'Lead one', sites: ['thrive-za'] });
  });

  it('goes missing → up to date → outdated → up to date, and a no-op source save changes nothing', async () => {
    expect(await statusIn('thrive-za', 'zu-ZA', documentId)).toBe('missing');
    expect((await saveTranslation(documentId, 'zu-ZA', { title: 'Umthombo owodwa', lead: 'Isingeniso' })).status).toBe(200);
    expect(await statusIn('thrive-za', 'zu-ZA', documentId)).toBe('up-to-date');

    // Saving the source with the same text, or changing only a shared field, leaves the translation up to date.
    expect((await saveTranslation(documentId, 'en', { title: 'Source one', lead: 'Lead one', tags: ['new-tag'] })).status).toBe(200);
    expect(await statusIn('thrive-za', 'zu-ZA', documentId)).toBe('up-to-date');

    const before = Date.now();
    expect((await saveTranslation(documentId, 'en', { title: 'Source two' })).status).toBe(200);
    const answer = await list('?site=thrive-za&locale=zu-ZA&status=outdated');
    const row = answer.body.data.rows.find((candidate: Json) => candidate.documentId === documentId);
    expect(row).toMatchObject({ status: 'outdated', title: 'Source two' });
    expect(new Date(row.since).getTime()).toBeGreaterThanOrEqual(before - 1000);

    expect((await saveTranslation(documentId, 'zu-ZA', { title: 'Umthombo wesibili' })).status).toBe(200);
    expect(await statusIn('thrive-za', 'zu-ZA', documentId)).toBe('up-to-date');
    expect(await statusIn('thrive-za', 'en-ZA', documentId)).toBe('missing');
  });

  it('marks an outdated translation up to date without changing its text', async () => {
    expect((await saveTranslation(documentId, 'en', { lead: 'A small fix to the lead' })).status).toBe(200);
    expect(await statusIn('thrive-za', 'zu-ZA', documentId)).toBe('outdated');
    const badge = await admin('GET', `/baobab-translations/document?type=article&documentId=${documentId}&locale=zu-ZA`);
    expect(badge.body.data).toMatchObject({ status: 'outdated', sourceLocale: 'en', sites: [{ code: 'thrive-za', locales: ['en-ZA', 'zu-ZA'] }] });
    expect(badge.body.data.locales.map((entry: Json) => [entry.locale, entry.status])).toEqual([
      ['en', 'source'],
      ['en-ZA', 'missing'],
      ['zu-ZA', 'outdated'],
    ]);

    const marked = await admin('POST', '/baobab-translations/up-to-date', { type: 'article', documentId, locale: 'zu-ZA' });
    expect(marked.status).toBe(200);
    expect(marked.body.data.status).toBe('up-to-date');
    expect(await statusIn('thrive-za', 'zu-ZA', documentId)).toBe('up-to-date');
    const translation = await rest('GET', `/articles/${documentId}?locale=zu-ZA&status=draft`);
    expect(translation.body.data.title).toBe('Umthombo wesibili');
  });

  it('refuses marking the source, a missing version or a malformed request', async () => {
    const source = await admin('POST', '/baobab-translations/up-to-date', { type: 'article', documentId, locale: 'en' });
    expect(source.status).toBe(400);
    expect(source.body.error.message).toContain('en is the source language');
    const missing = await admin('POST', '/baobab-translations/up-to-date', { type: 'article', documentId, locale: 'en-ZA' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('has no en-ZA version yet');
    const extra = await admin('POST', '/baobab-translations/up-to-date', { type: 'article', documentId, locale: 'zu-ZA', title: 'x' });
    expect(extra.status).toBe(400);
    const kind = await admin('POST', '/baobab-translations/up-to-date', { type: 'site', documentId, locale: 'zu-ZA' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.message).toContain('type must be one of article, page, banner, section');
  });
});

describe('locales no carrying site serves', () => {
  it('refuses a translation into a locale none of the carrying sites serves, naming the sites and their languages', async () => {
    const documentId = await createArticle({ slug: uniqueSlug('refuse'), title: 'Thrive only', sites: ['thrive-za'] });
    const answer = await saveTranslation(documentId, 'sw-KE', { title: 'Kiswahili' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('no site that carries it serves sw-KE. It is carried by thrive-za (en-ZA, zu-ZA).');
    const viaAdmin = await admin('PUT', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=ha-NG`, { title: 'Hausa' });
    expect(viaAdmin.status).toBe(400);
    expect(viaAdmin.body.error.message).toContain('serves ha-NG');
    expect((await rest('GET', `/articles/${documentId}?locale=sw-KE&status=draft`)).status).toBe(404);
    expect((await saveTranslation(documentId, 'zu-ZA', { title: 'IsiZulu' })).status).toBe(200);
  });
});

describe('shared fields', () => {
  it('reach the published sw-KE version when en is published, and sw-KE stays published, not modified', async () => {
    const files = await rest('GET', '/upload/files');
    expect(files.status).toBe(200);
    const [first, second] = files.body as Json[];
    const documentId = await createArticle({ slug: uniqueSlug('shared'), title: 'Shared image', section: 'periods', image: first.id, sites: ['kijana-ke'] });
    const sw = await rest('PUT', `/articles/${documentId}?locale=sw-KE&status=published`, { data: { title: 'Picha', body: [paragraph('Kiswahili.')] } });
    expect(sw.status).toBe(200);

    const changed = await admin('PUT', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=en`, { image: second.id, section: 'contraception' });
    expect(changed.status).toBe(200);
    const published = await admin('POST', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish?locale=en`, {});
    expect(published.status).toBe(200);

    const delivered = await rest('GET', `/articles/${documentId}?locale=sw-KE&populate=image`);
    expect(delivered.body.data).toMatchObject({ title: 'Picha', section: 'contraception', image: { id: second.id } });
    const inAdmin = await admin('GET', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=sw-KE`);
    expect(inAdmin.body.data.status).toBe('published');
  });

  it('reach a modified locale’s published version while its unpublished text stays a draft', async () => {
    const documentId = await createArticle({ slug: uniqueSlug('shared-mod'), title: 'Shared section', section: 'periods', sites: ['kijana-ke'] });
    expect((await rest('PUT', `/articles/${documentId}?locale=sw-KE&status=published`, { data: { title: 'Imechapishwa' } })).status).toBe(200);
    expect((await saveTranslation(documentId, 'sw-KE', { title: 'Rasimu' })).status).toBe(200);
    expect((await admin('PUT', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=en`, { section: 'contraception' })).status).toBe(200);
    expect((await admin('POST', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish?locale=en`, {})).status).toBe(200);
    const delivered = await rest('GET', `/articles/${documentId}?locale=sw-KE`);
    expect(delivered.body.data).toMatchObject({ title: 'Imechapishwa', section: 'contraception' });
    const inAdmin = await admin('GET', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=sw-KE`);
    expect(inAdmin.body.data).toMatchObject({ status: 'modified', title: 'Rasimu', section: 'contraception' });
  });
});
