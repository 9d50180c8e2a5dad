// Import and export in the real admin: the page in the left menu downloads kijana-ke's
// articles as JSON, XLSX and CSV; a file with an SMS version too long lists the row, column and
// message and writes nothing; the fixed file checks as "1 to update" and imports; a file over
// the size limit shows the CMS's refusal; and a Kenya country editor's row for a Nigerian
// article is refused with the role's own message.
import fs from 'node:fs';
import { overrideProblem } from '@baobab/channels/limits';
import type { Browser, Page } from 'playwright-core';
import { cmsUrl, launchBrowser, loggedIn, rest, type RestBody, screenshot, UI_TIMEOUT } from './support/admin';

jest.setTimeout(240_000);

const run = Date.now().toString(36);
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });
const slug = `ie-${run}`;
const titles = { en: `Clinic hours ${run}`, sw: `Saa za kliniki ${run}`, swNew: `Saa mpya za kliniki ${run}` };
const nigeria = { slug: `ie-ng-${run}`, title: `Nigeria clinic ${run}` };
const longSms = 'Free, private HIV tests at any clinic near you. '.repeat(10).trim();

let browser: Browser;
let page: Page;
let documentId = '';

async function article(data: Record<string, unknown>, locale = 'en'): Promise<string> {
  const created = await rest('POST', `/articles?locale=${locale}&status=published`, { data: { body: [paragraph('Body text.')], ...data } });
  if (created.status >= 300) throw new Error(`article ${String(data.slug)}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.data.documentId;
}

async function draftTitle(id: string, locale: string): Promise<string> {
  const found = await rest('GET', `/articles/${id}?locale=${locale}&status=draft`);
  return found.body.data.title;
}

async function openTransferPage(tab: Page): Promise<void> {
  await tab.getByRole('link', { name: 'Import and export' }).first().click();
  await tab.getByRole('heading', { name: 'Import and export' }).waitFor();
  await tab.locator('select[name="export-site"] option[value="kijana-ke"]').waitFor({ state: 'attached' });
}

/** Downloads through the Export card; answers the file's name and bytes. */
async function exportFile(tab: Page, format: 'json' | 'xlsx' | 'csv'): Promise<{ name: string; bytes: Buffer }> {
  await tab.locator('select[name="export-site"]').selectOption('kijana-ke');
  await tab.locator('select[name="export-locale"]').selectOption('');
  await tab.locator('select[name="export-type"]').selectOption('article');
  await tab.locator('select[name="export-format"]').selectOption(format);
  const refused = tab.locator('[data-baobab-export-note="error"]');
  const [download] = await Promise.all([
    // A refusal shows on the page instead of a download: fail with its words, not a time-out.
    Promise.race([tab.waitForEvent('download'), refused.waitFor().then(async () => Promise.reject(new Error(`export as ${format}: ${await refused.textContent()}`)))]),
    tab.getByRole('button', { name: 'Download' }).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** Chooses a JSON file of rows (as the export writes them) in the Import card. */
async function chooseFile(tab: Page, name: string, rows: Array<Record<string, string>>): Promise<void> {
  const buffer = Buffer.from(JSON.stringify({ format: 'baobab-content', version: 1, rows }));
  await tab.locator('input[name="import-file"]').setInputFiles({ name, mimeType: 'application/json', buffer });
  await tab.locator(`[data-baobab-import-file="${name}"]`).waitFor();
}

/** Presses Check or Import and waits for the CMS's streamed answer to finish. */
async function press(tab: Page, button: 'Check' | 'Import'): Promise<void> {
  const [answer] = await Promise.all([
    tab.waitForResponse((response) => response.url().includes('/baobab/content/import') && response.request().method() === 'POST'),
    tab.getByRole('button', { name: button, exact: true }).click(),
  ]);
  expect(answer.status()).toBe(200);
  await tab.locator('[data-baobab-import-progress]').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  documentId = await article({ slug, title: titles.en, section: 'periods', allSites: false, sites: ['kijana-ke'] });
  const sw = await rest('PUT', `/articles/${documentId}?locale=sw-KE&status=published`, { data: { title: titles.sw, body: [paragraph('Maandishi.')] } });
  if (sw.status !== 200) throw new Error(`sw-KE: ${sw.status} ${JSON.stringify(sw.body)}`);
  await article({ slug: nigeria.slug, title: nigeria.title, section: 'periods', allSites: false, sites: ['mama-ng'] });
  browser = await launchBrowser();
  page = await loggedIn(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('export from the Import and export page', () => {
  it('downloads kijana-ke’s articles as JSON with the source text beside each translation, and not another site’s', async () => {
    await openTransferPage(page);
    const { name, bytes } = await exportFile(page, 'json');
    expect(name).toBe('baobab-content-kijana-ke-all-article.json');
    const file: RestBody = JSON.parse(bytes.toString('utf8'));
    expect(file.format).toBe('baobab-content');
    const rows: Array<Record<string, string>> = file.rows;
    const translation = rows.find((row) => row.slug === slug && row.locale === 'sw-KE');
    expect(translation).toMatchObject({ type: 'article', title: titles.sw, status: 'published', 'source:locale': 'en', 'source:title': titles.en, section: 'periods', sites: 'kijana-ke' });
    expect(rows.some((row) => row.slug === nigeria.slug)).toBe(false);
    expect(await page.locator('[data-baobab-export-note="done"]').textContent()).toContain(name);
  });

  it('downloads them as an Excel workbook and as CSV', async () => {
    const xlsx = await exportFile(page, 'xlsx');
    expect(xlsx.name).toBe('baobab-content-kijana-ke-all-article.xlsx');
    // An .xlsx is a zip archive.
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const csv = await exportFile(page, 'csv');
    expect(csv.name).toBe('baobab-content-kijana-ke-all-article.csv');
    const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toMatch(/^type,slug,locale,status,title,/);
    expect(text).toContain(`article,${slug},sw-KE,published,${titles.sw},`);
  });
});

describe('import from the Import and export page', () => {
  const fileName = `kijana-ke-sw-${run}.json`;
  const row = { type: 'article', slug, locale: 'sw-KE', title: titles.swNew };

  it('lists the row, column and message of an SMS version too long, and writes nothing', async () => {
    const expected = overrideProblem('sms', longSms);
    expect(expected?.over).toBeGreaterThan(0);
    await chooseFile(page, fileName, [{ ...row, 'override:sms': longSms }]);
    await press(page, 'Check');
    const result = page.locator('[data-baobab-import-result="problems"]');
    await result.waitFor();
    expect(await result.getByRole('alert').textContent()).toContain('Nothing was written: the file has 1 problem.');
    const problem = result.locator('[data-baobab-problems] tbody tr');
    expect(await problem.count()).toBe(1);
    expect(await problem.getAttribute('data-row')).toBe('2');
    expect(await problem.getAttribute('data-column')).toBe('override:sms');
    expect(await problem.textContent()).toContain(expected?.message);
    expect(await problem.textContent()).toContain(`Shorten it by ${expected?.over} characters`);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-export', { docs: true });
    expect(await draftTitle(documentId, 'sw-KE')).toBe(titles.sw);
    // The choices stay for the next try.
    expect(await page.locator(`[data-baobab-import-file="${fileName}"]`).count()).toBe(1);
  });

  it('checks the fixed file as 1 to update, then imports it and the change is saved', async () => {
    await chooseFile(page, fileName, [row]);
    await press(page, 'Check');
    const checked = page.locator('[data-baobab-import-result="ok"][data-dry-run="true"]');
    await checked.waitFor();
    expect(await checked.textContent()).toContain('Check passed: 0 to create, 1 to update, 0 unchanged.');
    expect(await page.locator('[data-baobab-problems]').count()).toBe(0);
    expect(await draftTitle(documentId, 'sw-KE')).toBe(titles.sw);
    await press(page, 'Import');
    const imported = page.locator('[data-baobab-import-result="ok"][data-dry-run="false"]');
    await imported.waitFor();
    expect(await imported.textContent()).toContain('Imported: created 0, updated 1, 0 unchanged.');
    expect(await draftTitle(documentId, 'sw-KE')).toBe(titles.swNew);
    // Drafts only (the default): readers still get the published title.
    const published = await rest('GET', `/articles/${documentId}?locale=sw-KE&status=published`);
    expect(published.body.data.title).toBe(titles.sw);
  });

  it('offers deleting only with a site or language chosen, says what it deletes, and holds Import until a clean check', async () => {
    const prune = page.locator('input[name="import-prune"]');
    await page.locator('select[name="import-site"]').selectOption('');
    await page.locator('select[name="import-locale"]').selectOption('');
    expect(await prune.isDisabled()).toBe(true);
    await page.locator('select[name="import-site"]').selectOption('kijana-ke');
    await prune.check();
    expect(await page.locator('[data-baobab-prune-warning]').textContent()).toContain('Deletes, in the site kijana-ke, every section, page, banner or article version the file does not name');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await prune.uncheck();
    await page.locator('select[name="import-site"]').selectOption('');
  });
});

describe('files the CMS refuses', () => {
  it('refuses a file over 20 MiB as it is chosen, with the CMS’s message, without sending it', async () => {
    const posts: string[] = [];
    const listen = (request: { method(): string; url(): string }) => {
      if (request.method() === 'POST' && request.url().includes('/baobab/content/import')) posts.push(request.url());
    };
    page.on('request', listen);
    try {
      const buffer = Buffer.alloc(21 * 1024 * 1024, 'x');
      await page.locator('input[name="import-file"]').setInputFiles({ name: 'huge.json', mimeType: 'application/json', buffer });
      await page.locator('[data-baobab-import-file="huge.json"]').waitFor();
      const refusal = page.locator('[data-baobab-import-refusal]');
      await refusal.waitFor();
      // The CMS's own sentence (413 TRANSFER_FILE_TOO_LARGE, src/transfer/limits.ts), said before a byte is sent.
      expect(await refusal.textContent()).toMatch(/^The file is 21\.0 MiB; the limit is 20 MiB\./);
      expect(await page.getByRole('button', { name: 'Check', exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
      expect(await page.locator('[data-baobab-import-file="huge.json"]').count()).toBe(1);
      expect(posts).toEqual([]);
    } finally {
      page.off('request', listen);
    }
  });

  it('lists the first 200 of 2,000 problems and says how many there are', async () => {
    const rows = Array.from({ length: 2000 }, (_, index) => ({ type: 'poster', slug: `p-${index}`, locale: 'en', title: 'x' }));
    await chooseFile(page, 'many-problems.json', rows);
    await press(page, 'Check');
    const result = page.locator('[data-baobab-import-result="problems"]');
    await result.getByText('The first 200 of 2,000 problems:').waitFor();
    expect(await result.getByRole('alert').textContent()).toContain('Nothing was written: the file has 2,000 problems.');
    expect(await result.locator('[data-baobab-problems] tbody tr').count()).toBe(200);
    expect(await result.locator('[data-baobab-problems] tbody tr').first().textContent()).toContain('"poster" is not a type');
  });
});

describe('a country editor’s import', () => {
  it('refuses a row for another country’s article with the role’s message, and writes nothing', async () => {
    const login = await fetch(`${cmsUrl()}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: process.env.BAOBAB_TEST_ADMIN_EMAIL, password: process.env.BAOBAB_TEST_ADMIN_PASSWORD }),
    });
    const superToken: string = ((await login.json()) as RestBody).data.token;
    const admin = async (method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown): Promise<RestBody> => {
      const answer = await fetch(`${cmsUrl()}${route}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${superToken}` }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (answer.status >= 300) throw new Error(`${method} ${route}: ${answer.status} ${await answer.text()}`);
      return answer.json();
    };
    const roles: RestBody = await admin('GET', '/admin/roles');
    const role = (roles.data as Array<{ id: number; code: string }>).find((candidate) => candidate.code === 'baobab-country-editor');
    const email = `ie-${run}-kenya@baobab.test`;
    const password = 'Kenya-editor-1';
    const user: RestBody = await admin('POST', '/admin/users', { firstname: 'Kenya', lastname: 'Importer', email, roles: [role?.id] });
    await admin('PUT', `/admin/users/${user.data.id}`, { password, isActive: true });
    await admin('POST', '/content-manager/collection-types/api::editor-scope.editor-scope', { user: { connect: [{ id: user.data.id }] }, sites: ['kijana-ke'], locales: [] });

    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    context.setDefaultTimeout(UI_TIMEOUT);
    const tab = await context.newPage();
    await tab.goto(`${cmsUrl()}/admin/auth/login`);
    await tab.locator('input[name="email"]').fill(email);
    await tab.locator('input[name="password"]').fill(password);
    await tab.locator('button[type="submit"]').click();
    await tab.getByRole('link', { name: 'Content Manager' }).first().waitFor();
    await openTransferPage(tab);
    await chooseFile(tab, `nigeria-${run}.json`, [{ type: 'article', slug: nigeria.slug, locale: 'en', title: `Changed from Kenya ${run}` }]);
    await press(tab, 'Check');
    const problem = tab.locator('[data-baobab-import-result="problems"] [data-baobab-problems] tbody tr');
    await problem.first().waitFor();
    expect(await problem.getAttribute('data-row')).toBe('2');
    expect(await problem.getAttribute('data-code')).toBe('TRANSFER_INVALID');
    expect(await problem.textContent()).toMatch(/mama-ng[\s\S]*kijana-ke|kijana-ke[\s\S]*mama-ng/);
    const found = await rest('GET', `/articles?filters[slug][$eq]=${nigeria.slug}&locale=en&status=draft`);
    expect(found.body.data[0].title).toBe(nigeria.title);
    await context.close();
  });
});
