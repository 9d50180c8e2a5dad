// Roles over the admin's own HTTP API: admin users with the shipped roles log in as the
// admin panel does and write through the content-manager endpoints; out-of-scope writes
// are refused with a sentence naming the site or locale, and change nothing.
import path from 'node:path';
import { readCredentialsFile } from '../../src/bootstrap/dev-access';
import { cmsUrl, createArticle, paragraph, rest, uniqueSlug, type Json } from '../support/client';

const ARTICLE = 'api::article.article';
const SITE = 'api::site.site';
const SCOPE = 'api::editor-scope.editor-scope';

interface Answer {
  readonly status: number;
  readonly body: Json;
}

async function admin(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, token: string | null, body?: unknown): Promise<Answer> {
  const response = await fetch(`${cmsUrl()}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** The super admin's credentials, from the data folder of the CMS the global setup started. */
function superAdminCredentials(): { email: string; password: string } {
  const dataDir = process.env.BAOBAB_TEST_CMS_DATA_DIR;
  const credentials = dataDir === undefined ? null : readCredentialsFile(path.join(dataDir, 'dev-credentials.env'));
  if (!credentials) throw new Error(`no development credentials for the test CMS (BAOBAB_TEST_CMS_DATA_DIR=${dataDir ?? 'unset'})`);
  return { email: credentials.BAOBAB_ADMIN_EMAIL, password: credentials.BAOBAB_ADMIN_PASSWORD };
}

async function login(email: string, password: string): Promise<string> {
  const answer = await admin('POST', '/admin/login', null, { email, password });
  if (answer.status !== 200) throw new Error(`login of ${email} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data.token;
}

let superToken = '';
let roleIds: Record<string, number> = {};

/** An admin user holding the given roles and editor scope, logged in; returns their token. */
async function editor(name: string, roleCodes: string[], scope: { sites?: string[]; locales?: string[] }): Promise<string> {
  const email = `${uniqueSlug(name)}@baobab.test`;
  const password = 'Scoped-editor-1';
  const created = await admin('POST', '/admin/users', superToken, {
    firstname: name,
    lastname: 'Test',
    email,
    roles: roleCodes.map((code) => roleIds[code]),
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  const user = created.body.data;
  const activated = await admin('PUT', `/admin/users/${user.id}`, superToken, { password, isActive: true });
  if (activated.status !== 200) throw new Error(`activate: ${activated.status} ${JSON.stringify(activated.body)}`);
  const scoped = await admin('POST', `/content-manager/collection-types/${SCOPE}`, superToken, {
    user: { connect: [{ id: user.id }] },
    sites: scope.sites ?? [],
    locales: scope.locales ?? [],
  });
  if (scoped.status !== 201 && scoped.status !== 200) throw new Error(`scope: ${scoped.status} ${JSON.stringify(scoped.body)}`);
  return login(email, password);
}

/** Strapi's generated GraphQL (moved off /graphql, which serves the delivery API). */
async function strapiGraphql(query: string, variables: Record<string, unknown>, token: string): Promise<{ status: number; errors?: Json[]; error?: Json; data?: Json }> {
  const response = await fetch(`${cmsUrl()}/strapi-graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body: Json = await response.json();
  return { status: response.status, errors: body.errors, error: body.error, data: body.data };
}

const UPDATE_TITLE = 'mutation ($id: ID!, $title: String) { updateArticle(documentId: $id, locale: "en", data: { title: $title }) { title } }';

const update = (token: string, documentId: string, locale: string, data: Record<string, unknown>) =>
  admin('PUT', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=${locale}`, token, data);

/** The article's draft in one locale, read back as the super admin sees it (null when that translation does not exist). */
async function draft(documentId: string, locale: string): Promise<Json> {
  const answer = await admin('GET', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=${locale}`, superToken);
  if (answer.status === 404) return null;
  const data = answer.body.data;
  return data && data.locale === locale ? data : null;
}

function expectRefused(answer: Answer, text: string) {
  expect(answer.status).toBe(403);
  expect(answer.body.error.message).toContain(text);
}

beforeAll(async () => {
  const { email, password } = superAdminCredentials();
  superToken = await login(email, password);
  const roles = await admin('GET', '/admin/roles', superToken);
  roleIds = Object.fromEntries((roles.body.data as Array<{ code: string; id: number }>).map((role) => [role.code, role.id]));
});

describe('roles', () => {
  it('ships Global editor, Country editor and Translator, and no longer Strapi\u2019s Editor or Author', () => {
    expect(Object.keys(roleIds)).toEqual(expect.arrayContaining(['baobab-global-editor', 'baobab-country-editor', 'baobab-translator']));
    expect(Object.keys(roleIds)).not.toContain('strapi-editor');
    expect(Object.keys(roleIds)).not.toContain('strapi-author');
  });

  it('refuses an editor scope naming a site or locale that does not exist', async () => {
    const answer = await admin('POST', `/content-manager/collection-types/${SCOPE}`, superToken, { sites: ['atlantis'], locales: ['xx-YY'] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('"atlantis"');
    expect(answer.body.error.message).toContain('"xx-YY"');
  });

  describe('an Egypt country editor, whose site also serves English', () => {
    it('translates shared content into ar-EG but cannot change its English source', async () => {
      const egypt = await editor('egypt', ['baobab-country-editor'], { sites: ['amal-eg'] });
      const documentId = await createArticle({ slug: uniqueSlug('shared-eg'), title: 'Shared with Egypt', sites: ['amal-eg', 'kijana-ke'] });
      expectRefused(await update(egypt, documentId, 'en', { title: 'Edited in Cairo' }), 'you translate it into ar-EG (the locales of amal-eg), and cannot change its en version');
      expect((await draft(documentId, 'en')).title).toBe('Shared with Egypt');
      const local = await createArticle({ slug: uniqueSlug('eg-local'), title: 'Cairo only', sites: ['amal-eg'] });
      expect((await update(egypt, local, 'en', { title: 'Cairo only, edited' })).status).toBe(200);
    });
  });

  describe('a Kenya country editor', () => {
    let kenya = '';
    beforeAll(async () => {
      kenya = await editor('kenya', ['baobab-country-editor'], { sites: ['kijana-ke'] });
    });

    it('edits an article local to kijana-ke', async () => {
      const documentId = await createArticle({ slug: uniqueSlug('ke-local'), title: 'Kenya only', sites: ['kijana-ke'] });
      const answer = await update(kenya, documentId, 'en', { title: 'Kenya only, edited' });
      expect(answer.status).toBe(200);
      expect((await draft(documentId, 'en')).title).toBe('Kenya only, edited');
    });

    it('cannot edit mama-ng\u2019s local article, and it stays as it was', async () => {
      const documentId = await createArticle({ slug: uniqueSlug('ng-local'), title: 'Nigeria only', sites: ['mama-ng'] });
      const answer = await update(kenya, documentId, 'en', { title: 'Changed from Kenya' });
      expectRefused(answer, 'local content of mama-ng');
      expect(answer.body.error.message).toContain('kijana-ke');
      expect((await draft(documentId, 'en')).title).toBe('Nigeria only');
    });

    it('includes and excludes kijana-ke on a shared article, but cannot add mama-ng', async () => {
      const documentId = await createArticle({ slug: uniqueSlug('shared'), title: 'Shared', sites: ['thrive-za', 'amal-eg'] });
      expect((await update(kenya, documentId, 'en', { sites: ['thrive-za', 'amal-eg', 'kijana-ke'] })).status).toBe(200);
      expect((await draft(documentId, 'en')).sites).toEqual(['thrive-za', 'amal-eg', 'kijana-ke']);
      expect((await update(kenya, documentId, 'en', { sites: ['thrive-za', 'amal-eg'] })).status).toBe(200);
      expect((await draft(documentId, 'en')).sites).toEqual(['thrive-za', 'amal-eg']);

      const refused = await update(kenya, documentId, 'en', { sites: ['thrive-za', 'amal-eg', 'kijana-ke', 'mama-ng'] });
      expectRefused(refused, 'you cannot add mama-ng');
      expect((await draft(documentId, 'en')).sites).toEqual(['thrive-za', 'amal-eg']);
    });

    it('translates shared content its site carries into sw-KE, but cannot change the en source', async () => {
      const slug = uniqueSlug('shared-src');
      const documentId = await createArticle({ slug, title: 'Source', sites: ['kijana-ke', 'thrive-za'] });
      const source = await update(kenya, documentId, 'en', { title: 'Source rewritten in Kenya' });
      expectRefused(source, 'you translate it into en-KE, sw-KE');
      expect((await draft(documentId, 'en')).title).toBe('Source');

      const translated = await update(kenya, documentId, 'sw-KE', { title: 'Chanzo', slug, sites: ['kijana-ke', 'thrive-za'], body: [paragraph('Maandishi.')] });
      expect(translated.status).toBe(200);
      expect((await draft(documentId, 'sw-KE')).title).toBe('Chanzo');
    });

    it('creates articles for kijana-ke, and none for mama-ng', async () => {
      const own = await admin('POST', `/content-manager/collection-types/${ARTICLE}?locale=en`, kenya, { slug: uniqueSlug('ke-new'), title: 'Made in Kenya', sites: ['kijana-ke'] });
      expect(own.status).toBe(201);
      const slug = uniqueSlug('ng-new');
      const other = await admin('POST', `/content-manager/collection-types/${ARTICLE}?locale=en`, kenya, { slug, title: 'For Nigeria', sites: ['mama-ng'] });
      expectRefused(other, 'mama-ng is not yours');
      const found = await rest('GET', `/articles?filters[slug][$eq]=${slug}&status=draft`);
      expect(found.body.data).toEqual([]);
    });

    it('publishes its sw-KE translation of shared content, but not the en source', async () => {
      const slug = uniqueSlug('shared-pub');
      const documentId = await createArticle({ slug, title: 'Shared', sites: ['kijana-ke', 'mama-ng'] });
      expect((await update(kenya, documentId, 'sw-KE', { title: 'Pamoja', slug, sites: ['kijana-ke', 'mama-ng'] })).status).toBe(200);
      const publishSw = await admin('POST', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish?locale=sw-KE`, kenya, {});
      expect(publishSw.status).toBe(200);
      expect((await rest('GET', `/articles/${documentId}?locale=sw-KE&status=published`)).body.data.title).toBe('Pamoja');
      const unpublishEn = await admin('POST', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/unpublish?locale=en`, kenya, {});
      expectRefused(unpublishEn, 'cannot unpublish its en version');
      expect((await rest('GET', `/articles/${documentId}?locale=en&status=published`)).status).toBe(200);

      await rest('PUT', `/articles/${documentId}?locale=en&status=draft`, { data: { title: 'Shared, draft change' } });
      const bulk = await admin('POST', `/content-manager/collection-types/${ARTICLE}/actions/bulkPublish?locale=en`, kenya, { documentIds: [documentId] });
      expectRefused(bulk, 'cannot publish its en version');
      expect((await rest('GET', `/articles/${documentId}?locale=en&status=published`)).body.data.title).toBe('Shared');
    });

    it('changes kijana-ke\u2019s settings but not mama-ng\u2019s hostnames, and cannot delete a site', async () => {
      const sites = await admin('GET', `/content-manager/collection-types/${SITE}?pageSize=100`, kenya);
      expect(sites.status).toBe(200);
      const byCode = new Map<string, Json>((sites.body.results as Json[]).map((site: Json) => [site.code, site]));
      const own = byCode.get('kijana-ke');
      const other = byCode.get('mama-ng');

      const renamed = await admin('PUT', `/content-manager/collection-types/${SITE}/${own.documentId}`, kenya, { name: `${own.name}` });
      expect(renamed.status).toBe(200);
      const published = await admin('POST', `/content-manager/collection-types/${SITE}/${own.documentId}/actions/publish`, kenya, {});
      expect(published.status).toBe(200);

      const hostnames = await admin('PUT', `/content-manager/collection-types/${SITE}/${other.documentId}`, kenya, { hostnames: ['mama.example.org'] });
      expectRefused(hostnames, 'mama-ng is not one of your sites (kijana-ke)');
      const readBack = await admin('GET', `/content-manager/collection-types/${SITE}/${other.documentId}`, superToken);
      expect(readBack.body.data.hostnames).toEqual(other.hostnames);

      const deleted = await admin('DELETE', `/content-manager/collection-types/${SITE}/${own.documentId}`, kenya);
      expectRefused(deleted, 'Country editors cannot delete sites: kijana-ke stays');
      expect((await admin('GET', `/content-manager/collection-types/${SITE}/${own.documentId}`, superToken)).status).toBe(200);
    });

    it('cannot add a language to kijana-ke and so take over the shared English source', async () => {
      const sites = await admin('GET', `/content-manager/collection-types/${SITE}?pageSize=100`, kenya);
      const own = (sites.body.results as Json[]).find((site: Json) => site.code === 'kijana-ke');
      const before = await admin('GET', `/content-manager/collection-types/${SITE}/${own.documentId}`, superToken);
      const widened = await admin('PUT', `/content-manager/collection-types/${SITE}/${own.documentId}`, kenya, { locales: [...before.body.data.locales, 'en'] });
      expectRefused(widened, 'only a global editor adds or removes one');
      const after = await admin('GET', `/content-manager/collection-types/${SITE}/${own.documentId}`, superToken);
      expect(after.body.data.locales).toEqual(before.body.data.locales);
      const documentId = await createArticle({ slug: uniqueSlug('shared-en'), title: 'Shared source', sites: ['kijana-ke', 'thrive-za'] });
      expectRefused(await update(kenya, documentId, 'en', { title: 'Kenya edit' }), 'cannot change its en version');
      expect((await draft(documentId, 'en')).title).toBe('Shared source');
    });

    it('cannot change who edits what', async () => {
      const answer = await admin('POST', `/content-manager/collection-types/${SCOPE}`, kenya, { sites: ['mama-ng'] });
      expectRefused(answer, 'Only super admins see and change editor scopes');
      const list = await admin('GET', `/content-manager/collection-types/${SCOPE}`, kenya);
      expectRefused(list, 'Only super admins');
    });

    it('lists kijana-ke\u2019s local content and shared content, not mama-ng\u2019s local articles', async () => {
      const prefix = uniqueSlug('listed');
      const own = await createArticle({ slug: `${prefix}-ke`, title: 'Kenya only', sites: ['kijana-ke'] });
      const everywhere = await createArticle({ slug: `${prefix}-all`, title: 'Everywhere', allSites: true });
      const sharedElsewhere = await createArticle({ slug: `${prefix}-shared`, title: 'Shared elsewhere', sites: ['thrive-za', 'amal-eg'] });
      const nigeria = await createArticle({ slug: `${prefix}-ng`, title: 'Nigeria only', sites: ['mama-ng'] });
      const listing = `/content-manager/collection-types/${ARTICLE}?page=1&pageSize=10&locale=en&filters[$and][0][slug][$startsWith]=${prefix}`;
      const seen = await admin('GET', listing, kenya);
      expect(seen.status).toBe(200);
      const ids = (seen.body.results as Json[]).map((row: Json) => row.documentId);
      expect(ids).toEqual(expect.arrayContaining([own, everywhere, sharedElsewhere]));
      expect(ids).not.toContain(nigeria);
      expect(seen.body.pagination.total).toBe(3);
      const all = await admin('GET', listing, superToken);
      expect(all.body.pagination.total).toBe(4);
    });

    it('is told why when opening mama-ng\u2019s local article, and reads its own', async () => {
      const slug = uniqueSlug('ng-open');
      const nigeria = await createArticle({ slug, title: 'Nigeria only', sites: ['mama-ng'] });
      const opened = await admin('GET', `/content-manager/collection-types/${ARTICLE}/${nigeria}?locale=en`, kenya);
      expectRefused(opened, `You edit kijana-ke and its languages en-KE, sw-KE; article "${slug}" is not yours: it is local to mama-ng.`);
      const own = await createArticle({ slug: uniqueSlug('ke-open'), title: 'Kenya only', sites: ['kijana-ke'] });
      const read = await admin('GET', `/content-manager/collection-types/${ARTICLE}/${own}?locale=en`, kenya);
      expect(read.status).toBe(200);
      expect(read.body.data.title).toBe('Kenya only');
    });

    it('cannot write through the REST content API or Strapi\u2019s GraphQL with its admin session', async () => {
      const documentId = await createArticle({ slug: uniqueSlug('ng-api'), title: 'Nigeria only', sites: ['mama-ng'] });
      const viaRest = await fetch(`${cmsUrl()}/api/articles/${documentId}?locale=en`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${kenya}` },
        body: JSON.stringify({ data: { title: 'Changed over REST' } }),
      });
      expect([401, 403]).toContain(viaRest.status);
      const viaGraphql = await strapiGraphql(UPDATE_TITLE, { id: documentId, title: 'Changed over GraphQL' }, kenya);
      // Strapi's content-API authentication turns the admin's token away before GraphQL runs.
      expect({ status: viaGraphql.status, data: viaGraphql.data ?? null }).toEqual({ status: 401, data: null });
      expect((await draft(documentId, 'en')).title).toBe('Nigeria only');
    });
  });

  it('leaves Strapi\u2019s generated GraphQL with an API token unscoped, as REST', async () => {
    const documentId = await createArticle({ slug: uniqueSlug('token-gql'), title: 'Nigeria only', sites: ['mama-ng'] });
    const answer = await strapiGraphql(UPDATE_TITLE, { id: documentId, title: 'Edited over GraphQL' }, process.env.BAOBAB_TEST_API_TOKEN ?? '');
    expect(answer.errors).toBeUndefined();
    expect((await draft(documentId, 'en')).title).toBe('Edited over GraphQL');
  });

  it('leaves API tokens unscoped: a script edits any country\u2019s content and shared source', async () => {
    const documentId = await createArticle({ slug: uniqueSlug('token'), title: 'Nigeria only', sites: ['mama-ng'] });
    const answer = await rest('PUT', `/articles/${documentId}?locale=en`, { data: { title: 'Edited by a script' } });
    expect(answer.status).toBe(200);
    expect((await draft(documentId, 'en')).title).toBe('Edited by a script');
  });

  describe('a zu-ZA translator', () => {
    let translator = '';
    let documentId = '';
    let slug = '';
    beforeAll(async () => {
      translator = await editor('zulu', ['baobab-translator'], { locales: ['zu-ZA'] });
      slug = uniqueSlug('to-translate');
      documentId = await createArticle({ slug, title: 'Condoms', sites: ['thrive-za', 'kijana-ke'] });
    });

    it('cannot edit the en source, and it stays as it was', async () => {
      const answer = await update(translator, documentId, 'en', { title: 'Changed by the translator' });
      expectRefused(answer, 'You translate into zu-ZA; the en version');
      expect((await draft(documentId, 'en')).title).toBe('Condoms');
    });

    it('translates into zu-ZA, but cannot change shared fields from there', async () => {
      const translated = await update(translator, documentId, 'zu-ZA', { title: 'Amakhondomu', slug, sites: ['thrive-za', 'kijana-ke'] });
      expect(translated.status).toBe(200);
      expect((await draft(documentId, 'zu-ZA')).title).toBe('Amakhondomu');

      const carriage = await update(translator, documentId, 'zu-ZA', { sites: ['thrive-za'] });
      expectRefused(carriage, 'Shared fields (sites)');
      expect((await draft(documentId, 'en')).sites).toEqual(['thrive-za', 'kijana-ke']);
    });

    it('cannot create articles, only translate existing ones', async () => {
      const slug2 = uniqueSlug('zu-new');
      const answer = await admin('POST', `/content-manager/collection-types/${ARTICLE}?locale=zu-ZA`, translator, { slug: slug2, title: 'Entsha', sites: ['thrive-za'] });
      expectRefused(answer, 'Translators add translations to existing content');
      expect((await rest('GET', `/articles?filters[slug][$eq]=${slug2}&status=draft&locale=zu-ZA`)).body.data).toEqual([]);
    });

    it('cannot delete a translation, and is told so', async () => {
      const answer = await admin('DELETE', `/content-manager/collection-types/${ARTICLE}/${documentId}?locale=zu-ZA`, translator);
      expectRefused(answer, 'Translators do not delete content');
      expect((await draft(documentId, 'en')).title).toBe('Condoms');
    });

    it('cannot publish its translation without a role that gives publish', async () => {
      const answer = await admin('POST', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish?locale=zu-ZA`, translator, {});
      expectRefused(answer, 'Translators do not publish: your translations into zu-ZA wait as drafts');
      const published = await rest('GET', `/articles/${documentId}?locale=zu-ZA&status=published`);
      expect(published.status).toBe(404);
    });

    it('publishes its zu-ZA translation once also given a role that can publish, and still not the en source', async () => {
      const both = await editor('zulu-publisher', ['baobab-translator', 'baobab-country-editor'], { sites: ['thrive-za'], locales: ['zu-ZA'] });
      const published = await admin('POST', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish?locale=zu-ZA`, both, {});
      expect(published.status).toBe(200);
      expect((await rest('GET', `/articles/${documentId}?locale=zu-ZA&status=published`)).body.data.title).toBe('Amakhondomu');
      const source = await admin('POST', `/content-manager/collection-types/${ARTICLE}/${documentId}/actions/publish?locale=en`, both, {});
      expect(source.status).toBe(403);
      expect(source.body.error.message).toContain('cannot publish its en version');
      expect((await rest('GET', `/articles/${documentId}?locale=en&status=published`)).body.data.title).toBe('Condoms');
    });
  });
});
