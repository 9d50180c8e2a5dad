// The site and article forms' own controls in the real admin: web addresses as rows checked
// as you type, languages, colour overrides with their contrast shown live (and a too-low one
// refused beside the field), the theme select, an article's section and tags, the "carried
// by" list filter, and images without alternative text refused. kijana-ke is restored after.
import type { Browser, Page } from 'playwright-core';
import { cmsUrl, documentIdOf, launchBrowser, loggedIn, openEdit, rest, type RestBody, screenshot, submit, UI_TIMEOUT } from './support/admin';

jest.setTimeout(240_000);

const SITE = 'api::site.site';
const ARTICLE = 'api::article.article';
const RESTORED = ['hostnames', 'locales', 'defaultLocale', 'theme', 'themeTokens', 'channels', 'plugins'] as const;

let browser: Browser;
let page: Page;
let kenya: string;
let original: Record<string, unknown>;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await loggedIn(browser);
  kenya = await documentIdOf('sites', 'code', 'kijana-ke');
  // The published values: restoring them (REST publishes) leaves draft and published as readers had them.
  const stored: RestBody = (await rest('GET', `/sites/${kenya}`)).body.data;
  original = Object.fromEntries(RESTORED.map((field) => [field, stored[field]]));
}, 300_000);

afterAll(async () => {
  if (original) await rest('PUT', `/sites/${kenya}`, { data: original });
  await browser?.close();
});

const contrastLine = (pair: string) => page.locator(`[data-baobab-contrast-pair="${pair}"]`);

describe("kijana-ke's site form", () => {
  it('adds a web address through the list, checked as typed; picks a language and a colour, sees the contrast change, and saves', async () => {
    await openEdit(page, SITE, kenya);
    const hostnames = page.locator('[data-baobab-field="hostnames"]');
    const rows = await hostnames.locator('input[type="text"]').count();
    await hostnames.getByRole('button', { name: 'Add a web address' }).click();
    const added = hostnames.locator(`input[name="hostnames.${rows}"]`);
    await added.fill('https://news.kijana-ke.localhost');
    const rowError = hostnames.locator(`[data-baobab-row-error="hostnames.${rows}"]`);
    expect(await rowError.textContent()).toContain('is not a hostname; write it without scheme, port or path');
    await added.fill('news.kijana-ke.localhost');
    await rowError.waitFor({ state: 'detached' });

    await page.locator('input[name="locales:en"]').check();

    const before = await contrastLine('text-background').textContent();
    expect(before).toMatch(/^✓ Text on background: [\d.]+:1, passes AA$/);
    await page.locator('input[name="themeTokens.colors.text:picker"]').fill('#3a3a3a');
    await contrastLine('text-background').filter({ hasNotText: before ?? '' }).waitFor();
    expect(await contrastLine('text-background').textContent()).toMatch(/^✓ Text on background: 1\d(\.\d)?:1, passes AA$/);
    expect(await page.locator('input[name="themeTokens.colors.text"]').inputValue()).toBe('#3a3a3a');
    await page.locator('[data-baobab-field="hostnames"]').evaluate('(field) => field.scrollIntoView({ block: "start" })');
    await screenshot(page, 'site-form', { docs: true });
    const saved = await submit(page, 'Save');
    expect(saved.status).toBe(200);

    const stored = (await rest('GET', `/sites/${kenya}?status=draft`)).body.data;
    const hostnamesBefore: unknown[] = Array.isArray(original.hostnames) ? original.hostnames : [];
    expect(stored.hostnames).toEqual([...hostnamesBefore, 'news.kijana-ke.localhost']);
    expect(stored.locales).toContain('en');
    expect(stored.themeTokens.colors).toMatchObject({ text: '#3a3a3a' });

    await page.reload();
    await page.getByRole('button', { name: 'Save' }).waitFor();
    expect(await page.locator(`input[name="hostnames.${rows}"]`).inputValue()).toBe('news.kijana-ke.localhost');
    expect(await page.locator('input[name="themeTokens.colors.text"]').inputValue()).toBe('#3a3a3a');
    expect(await page.locator('input[name="locales:en"]').isChecked()).toBe(true);
  });

  it('shows a too-low contrast as failing while typing, and the save refuses it beside the colour, writing nothing', async () => {
    await openEdit(page, SITE, kenya);
    const textColour = page.locator('input[name="themeTokens.colors.text"]');
    await textColour.fill('#eeeeee');
    expect(await contrastLine('text-background').textContent()).toMatch(/^✗ Text on background: 1(\.\d)?:1, fails AA, which needs 4.5:1$/);
    const refused = await submit(page, 'Save');
    expect(refused.status).toBe(400);
    const message = page.locator('[data-baobab-token-error="colors.text"]');
    await message.filter({ hasText: 'WCAG AA needs 4.5:1' }).waitFor();
    await page.locator('[data-baobab-field="themeTokens"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'site-form-low-contrast');

    const stored = (await rest('GET', `/sites/${kenya}?status=draft`)).body.data;
    expect(stored.themeTokens.colors.text).toBe('#3a3a3a');
  });

  it('offers only installed themes, in the registry order, and saves the one picked; ticks the installed plugins the site enables', async () => {
    await openEdit(page, SITE, kenya);
    const theme = page.locator('select[name="theme"]');
    await theme.locator('option[value="pulse"]').waitFor({ state: 'attached' });
    expect(await theme.locator('option').allInnerTexts()).toEqual(['Choose a theme', 'Base (base)', 'Sunrise (sunrise)', 'Pulse (pulse)']);
    await theme.selectOption('pulse');
    const polls = page.locator('input[name="plugins:polls"]');
    expect(await polls.isChecked()).toBe(true);
    expect(await page.locator('label', { has: polls }).innerText()).toMatch(/^Polls — /);
    expect(await page.locator('[data-baobab-no-plugins]').count()).toBe(0);
    const saved = await submit(page, 'Save');
    expect(saved.status).toBe(200);
    expect((await rest('GET', `/sites/${kenya}?status=draft`)).body.data.theme).toBe('pulse');
  });

  it('lists the installed themes to admin users only', async () => {
    for (const list of ['themes', 'plugins']) expect((await fetch(`${cmsUrl()}/baobab/${list}`)).status).toBe(401);
    // The admin keeps its token in localStorage ("remember me") or in a cookie, and sends it as a bearer token.
    const token: unknown = await page.evaluate(
      "localStorage.getItem('jwtToken') ? JSON.parse(localStorage.getItem('jwtToken')) : decodeURIComponent((document.cookie.match(/(?:^|; )jwtToken=([^;]*)/) || [])[1] || '')",
    );
    if (typeof token !== 'string' || token === '') throw new Error('the admin keeps no token');
    const response = await fetch(`${cmsUrl()}/baobab/themes`, { headers: { authorization: `Bearer ${token}` } });
    const listed: { status: number; body: RestBody } = { status: response.status, body: await response.json() };
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((theme: { name: string }) => theme.name)).toEqual(['base', 'sunrise', 'pulse']);
    expect(listed.body.data[1]).toMatchObject({ label: 'Sunrise', tokens: { colors: { background: '#fffaf3' } } });
  });

  it('refuses a theme that is not installed when it comes another way', async () => {
    const refused = await rest('PUT', `/sites/${kenya}`, { data: { theme: 'sunrsie' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('"sunrsie" is not an installed theme; choose one of base, sunrise, pulse.');
  });
});

describe('an article form', () => {
  it('picks a section from the list and adds a tag as a chip', async () => {
    const slug = `admin-section-${Date.now().toString(36)}`;
    const created = await rest('POST', '/articles?locale=en&status=draft', { data: { slug, title: 'Section and tags', allSites: true, tags: ['hiv'] } });
    expect(created.status).toBe(201);
    await openEdit(page, ARTICLE, created.body.data.documentId, 'en');
    const section = page.locator('select[name="section"]');
    await section.locator('option').nth(1).waitFor({ state: 'attached' });
    const firstSection = await section.locator('option').nth(1).getAttribute('value');
    if (firstSection === null) throw new Error('no section offered');
    await section.selectOption(firstSection);
    const tagText = page.locator('input[name="tags:new"]');
    await tagText.fill('testing');
    await tagText.press('Enter');
    await page.locator('[data-baobab-tag="testing"]').waitFor();
    await page.locator('[data-baobab-tag="hiv"]').getByRole('button', { name: 'Remove tag hiv' }).click();
    await page.locator('[data-baobab-tag="hiv"]').waitFor({ state: 'detached' });
    await section.evaluate('(select) => select.scrollIntoView({ block: "center" })');
    await screenshot(page, 'article-form', { docs: true });
    const saved = await submit(page, 'Save');
    expect(saved.status).toBe(200);

    const stored = (await rest('GET', `/articles/${created.body.data.documentId}?locale=en&status=draft`)).body.data;
    expect(stored).toMatchObject({ section: firstSection, tags: ['testing'] });
  });
});

describe('the article list', () => {
  it('narrows to what mama-ng carries: its own article, not a kijana-ke one', async () => {
    const stamp = Date.now().toString(36);
    for (const [site, title] of [
      ['mama-ng', `Carried ${stamp} Nigeria`],
      ['kijana-ke', `Carried ${stamp} Kenya`],
    ] as const) {
      const created = await rest('POST', '/articles?locale=en&status=draft', { data: { slug: `carried-${site}-${stamp}`, title, allSites: false, sites: [site] } });
      expect(created.status).toBe(201);
    }
    await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${ARTICLE}?page=1&pageSize=10&sort=title:ASC&plugins[i18n][locale]=en&_q=${stamp}`);
    await page.getByRole('gridcell', { name: `Carried ${stamp} Kenya` }).waitFor();
    const [listed] = await Promise.all([
      page.waitForResponse((answer) => answer.url().includes(`/content-manager/collection-types/${ARTICLE}`) && answer.url().includes('carriedBy=mama-ng')),
      page.locator('select[name="carriedBy"]').selectOption('mama-ng'),
    ]);
    expect(listed.status()).toBe(200);
    await page.getByRole('gridcell', { name: `Carried ${stamp} Nigeria` }).waitFor();
    await page.getByRole('gridcell', { name: `Carried ${stamp} Kenya` }).waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await screenshot(page, 'article-list-carried-by');
  });
});

describe('images content shows', () => {
  it('refuses an article image without alternative text, saying how to add it', async () => {
    const form = new FormData();
    // A 1×1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    form.append('files', new Blob([png], { type: 'image/png' }), 'no-alt.png');
    form.append('fileInfo', JSON.stringify({ name: 'no-alt.png', alternativeText: '' }));
    const uploaded = await fetch(`${cmsUrl()}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_ADMIN_API_TOKEN}` }, body: form });
    expect(uploaded.status).toBe(201);
    const [file]: RestBody = await uploaded.json();
    const refused = await rest('POST', '/articles?locale=en&status=draft', { data: { slug: `no-alt-${Date.now().toString(36)}`, title: 'No alt', allSites: true, image: file.id } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('"no-alt.png" has no alternative text');
    expect(refused.body.error.message).toContain('Media Library');
  });
});
