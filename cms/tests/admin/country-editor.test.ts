// A Kenya country editor in the real admin: the Article list shows kijana-ke's local content
// and shared content, not mama-ng's local article; opening that article by its address says
// why; the sites they may not delete offer no delete. And a super admin assigns an editor
// scope by ticking sites and languages, not by typing JSON.
import type { Browser, Page } from 'playwright-core';
import { cmsUrl, documentIdOf, launchBrowser, rest, type RestBody, screenshot, UI_TIMEOUT } from './support/admin';

jest.setTimeout(180_000);

const ARTICLE = 'api::article.article';
const SITE = 'api::site.site';
const SCOPE = 'api::editor-scope.editor-scope';
const PASSWORD = 'Kenya-editor-1';

let browser: Browser;
let page: Page;
const prefix = `ce${Date.now().toString(36)}`;
const titles = { own: `${prefix} Kenya only`, everywhere: `${prefix} Every site`, shared: `${prefix} Shared by ZA and EG`, nigeria: `${prefix} Nigeria only` };
let nigeriaId = '';

/** The admin's own HTTP API, as the admin panel calls it. */
async function adminApi(method: 'GET' | 'POST' | 'PUT', route: string, token: string | null, body?: unknown): Promise<{ status: number; body: RestBody }> {
  const response = await fetch(`${cmsUrl()}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

let superToken = '';

/** Creates an active admin user holding the role; answers their id and email. */
async function createUser(name: string, roleCode: string): Promise<{ id: number; email: string }> {
  const roles = await adminApi('GET', '/admin/roles', superToken);
  const role = (roles.body.data as Array<{ id: number; code: string }>).find((candidate) => candidate.code === roleCode);
  if (!role) throw new Error(`no role ${roleCode}`);
  const email = `${prefix}-${name}@baobab.test`;
  const created = await adminApi('POST', '/admin/users', superToken, { firstname: name, lastname: 'Test', email, roles: [role.id] });
  await adminApi('PUT', `/admin/users/${created.body.data.id}`, superToken, { password: PASSWORD, isActive: true });
  return { id: created.body.data.id, email };
}

/** A Country editor with kijana-ke in their editor scope; answers their email. */
async function createKenyaEditor(): Promise<string> {
  const user = await createUser('kenya', 'baobab-country-editor');
  await adminApi('POST', `/content-manager/collection-types/${SCOPE}`, superToken, { user: { connect: [{ id: user.id }] }, sites: ['kijana-ke'], locales: [] });
  return user.email;
}

async function logIn(email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(UI_TIMEOUT);
  const tab = await context.newPage();
  await tab.goto(`${cmsUrl()}/admin/auth/login`);
  await tab.locator('input[name="email"]').fill(email);
  await tab.locator('input[name="password"]').fill(password);
  const [answer] = await Promise.all([
    tab.waitForResponse((response) => response.url().endsWith('/admin/login') && response.request().method() === 'POST'),
    tab.locator('button[type="submit"]').click(),
  ]);
  if (answer.status() !== 200) throw new Error(`login of ${email} answered ${answer.status()}: ${await answer.text()}`);
  await tab.getByRole('link', { name: 'Content Manager' }).first().waitFor();
  return tab;
}

async function createArticle(title: string, carriage: Record<string, unknown>): Promise<string> {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const answer = await rest('POST', '/articles?locale=en&status=published', {
    data: { slug, title, body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Test body.' }] }], ...carriage },
  });
  if (answer.status >= 300) throw new Error(`article ${title}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data.documentId;
}

/** The open menu's Delete items, each checked to be greyed out (Strapi shows actions the role lacks as disabled); answers how many. */
async function greyedDeletes(tab: Page): Promise<number> {
  await tab.getByRole('menuitem').first().waitFor();
  const deletes = await tab.getByRole('menuitem', { name: /delete/i }).all();
  for (const item of deletes) expect(await item.isDisabled()).toBe(true);
  return deletes.length;
}

beforeAll(async () => {
  await createArticle(titles.own, { sites: ['kijana-ke'] });
  await createArticle(titles.everywhere, { allSites: true });
  await createArticle(titles.shared, { sites: ['thrive-za', 'amal-eg'] });
  nigeriaId = await createArticle(titles.nigeria, { sites: ['mama-ng'] });
  const login = await adminApi('POST', '/admin/login', null, { email: process.env.BAOBAB_TEST_ADMIN_EMAIL, password: process.env.BAOBAB_TEST_ADMIN_PASSWORD });
  superToken = login.body.data.token;
  const email = await createKenyaEditor();
  browser = await launchBrowser();
  page = await logIn(email, PASSWORD);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('a Kenya country editor in the admin', () => {
  it('sees kijana-ke\u2019s and shared articles in the Article list, not mama-ng\u2019s local article', async () => {
    const [list] = await Promise.all([
      page.waitForResponse((response) => response.url().includes(`/content-manager/collection-types/${ARTICLE}?`) && response.request().method() === 'GET'),
      page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${ARTICLE}?page=1&pageSize=10&plugins[i18n][locale]=en&_q=${prefix}`),
    ]);
    expect(list.status()).toBe(200);
    for (const title of [titles.own, titles.everywhere, titles.shared]) await page.getByRole('gridcell', { name: title, exact: true }).waitFor();
    expect(await page.getByRole('gridcell', { name: titles.nigeria, exact: true }).count()).toBe(0);
    await screenshot(page, 'country-editor', { docs: true });
  });

  it('is told why when opening mama-ng\u2019s local article by its address', async () => {
    await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${ARTICLE}/${nigeriaId}?plugins[i18n][locale]=en`);
    const message = page.getByText(/You edit kijana-ke and its languages .*; article ".*" is not yours: it is local to mama-ng\./).first();
    await message.waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    await screenshot(page, 'country-editor-refused');
  });

  it('cannot delete a site: Strapi greys out Delete in the list and the edit view', async () => {
    await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${SITE}`);
    await page.getByRole('gridcell', { name: 'kijana-ke', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    let deletes = 0;
    await page.getByRole('button', { name: 'Row actions' }).first().click();
    deletes += await greyedDeletes(page);
    await page.keyboard.press('Escape');
    const kenya = await documentIdOf('sites', 'code', 'kijana-ke');
    await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${SITE}/${kenya}`);
    await page.getByRole('button', { name: 'Save' }).waitFor();
    // The header's "More actions" holds Delete; the side panel's "More document actions" holds Unpublish and Discard changes.
    for (const menu of await page.getByRole('button', { name: /^More (document )?actions$/ }).all()) {
      await menu.click();
      const found = await greyedDeletes(page);
      if (found > 0) await screenshot(page, 'country-editor-site-delete');
      deletes += found;
      await page.keyboard.press('Escape');
    }
    expect(deletes).toBeGreaterThanOrEqual(2);
  });
});

describe('a super admin giving someone an editor scope', () => {
  it('picks the user, ticks sites and languages, and saves them as lists of codes', async () => {
    const translator = await createUser('zulu', 'baobab-translator');
    const admin = await logIn(process.env.BAOBAB_TEST_ADMIN_EMAIL ?? '', process.env.BAOBAB_TEST_ADMIN_PASSWORD ?? '');
    await admin.goto(`${cmsUrl()}/admin/content-manager/collection-types/${SCOPE}/create`);
    const sites = admin.locator('[data-baobab-site-picker="sites"]');
    await sites.locator('input[name="sites:thrive-za"]').check();
    const languages = admin.locator('[data-baobab-field="locales"]');
    await languages.getByText('isiZulu', { exact: false }).first().waitFor();
    await languages.locator('input[name="locales:zu-ZA"]').check();
    await admin.getByRole('combobox', { name: /Admin user/ }).click();
    await admin.getByRole('option', { name: new RegExp(translator.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).click();
    await screenshot(admin, 'editor-scope-form', { docs: true });
    const [saved] = await Promise.all([
      admin.waitForResponse((answer) => answer.url().includes(`/content-manager/collection-types/${SCOPE}`) && answer.request().method() === 'POST'),
      admin.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    expect(saved.status()).toBe(201);
    const { documentId } = (await saved.json()).data;
    const stored = await adminApi('GET', `/content-manager/collection-types/${SCOPE}/${documentId}`, superToken);
    expect(stored.body.data).toMatchObject({ sites: ['thrive-za'], locales: ['zu-ZA'] });
    const user = await adminApi('GET', `/content-manager/relations/${SCOPE}/${documentId}/user`, superToken);
    expect(user.body.results.map((row: { id: number }) => row.id)).toEqual([translator.id]);
    await admin.context().close();
  });
});
