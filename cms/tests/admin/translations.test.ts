// Translation status in the real admin: the Translations page lists, for thrive-za and zu-ZA,
// the articles thrive-za carries that lack zu-ZA (and not one it does not carry); an
// outdated translation's edit view shows the badge and "Mark as up to date" clears it; shared
// fields say on every locale that they change all languages.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loggedIn, openEdit, rest, screenshot } from './support/admin';

jest.setTimeout(180_000);

const ARTICLE = 'api::article.article';
const run = Date.now().toString(36);
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

let browser: Browser;
let page: Page;

async function article(slug: string, title: string, sites: string[]): Promise<string> {
  const created = await rest('POST', '/articles?locale=en&status=published', { data: { slug, title, section: 'periods', sites, body: [paragraph('Source text.')] } });
  if (created.status !== 201 && created.status !== 200) throw new Error(`article: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.data.documentId;
}

const missing = { slug: `tr-missing-${run}`, title: `Needs isiZulu ${run}` };
const outdated = { slug: `tr-outdated-${run}`, title: `Source moved on ${run}` };
const elsewhere = { slug: `tr-kenya-${run}`, title: `Kenya only ${run}` };
let outdatedId = '';

beforeAll(async () => {
  await article(missing.slug, missing.title, ['thrive-za']);
  await article(elsewhere.slug, elsewhere.title, ['kijana-ke']);
  outdatedId = await article(outdated.slug, outdated.title, ['thrive-za']);
  const zu = await rest('PUT', `/articles/${outdatedId}?locale=zu-ZA&status=published`, { data: { title: `Ngesizulu ${run}`, body: [paragraph('Umbhalo.')] } });
  if (zu.status !== 200) throw new Error(`zu-ZA: ${zu.status} ${JSON.stringify(zu.body)}`);
  const changed = await rest('PUT', `/articles/${outdatedId}?locale=en&status=published`, { data: { lead: 'A new lead in the source.' } });
  if (changed.status !== 200) throw new Error(`en: ${changed.status} ${JSON.stringify(changed.body)}`);
  browser = await launchBrowser();
  page = await loggedIn(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('the Translations page', () => {
  it('shows what thrive-za carries that is missing or outdated in zu-ZA, and not what it does not carry', async () => {
    await page.getByRole('link', { name: 'Translations' }).first().click();
    await page.getByRole('heading', { name: 'Translations' }).waitFor();
    await page.locator('select[name="site"] option[value="thrive-za"]').waitFor({ state: 'attached' });
    await page.locator('select[name="site"]').selectOption('thrive-za');
    await page.locator('select[name="locale"]').selectOption('zu-ZA');
    const missingRow = page.locator('tr', { hasText: missing.title });
    await missingRow.waitFor();
    expect(await missingRow.getAttribute('data-status')).toBe('missing');
    expect(await missingRow.textContent()).toContain('not translated yet');
    expect(await missingRow.getByRole('link', { name: 'Translate into zu-ZA' }).getAttribute('href')).toContain(`plugins[i18n][locale]=zu-ZA`);
    const outdatedRow = page.locator('tr', { hasText: outdated.title });
    expect(await outdatedRow.getAttribute('data-status')).toBe('outdated');
    expect(await outdatedRow.textContent()).toContain('outdated since');
    expect(await page.locator('tr', { hasText: elsewhere.title }).count()).toBe(0);
    // Seeded translations are up to date, so they are not left to translate.
    expect(await page.locator('tbody tr[data-status="up-to-date"]').count()).toBe(0);
    await screenshot(page, 'translations', { docs: true });
  });
});

describe('the edit view', () => {
  it('shows an outdated translation with its date, and "Mark as up to date" makes it up to date without changing its text', async () => {
    await openEdit(page, ARTICLE, outdatedId, 'zu-ZA');
    const badge = page.locator('[data-baobab-translation-badge]');
    await badge.waitFor();
    expect(await badge.getAttribute('data-baobab-translation-badge')).toBe('outdated');
    expect(await badge.textContent()).toMatch(/Translation:\s*outdated since \d/);
    expect(await badge.textContent()).toContain('thrive-za (en-ZA, zu-ZA)');
    await screenshot(page, 'translation-badge', { docs: true });
    await badge.getByRole('button', { name: 'Mark as up to date' }).click();
    await page.locator('[data-baobab-translation-badge="up-to-date"]').waitFor();
    const zu = await rest('GET', `/articles/${outdatedId}?locale=zu-ZA&status=draft`);
    expect(zu.body.data.title).toBe(`Ngesizulu ${run}`);
  });

  it('offers in the locale menu only the source and the languages of the sites that carry the article', async () => {
    await openEdit(page, ARTICLE, outdatedId, 'zu-ZA');
    await page.locator('[data-baobab-translation-badge]').waitFor();
    const picker = page.getByRole('combobox').filter({ hasText: '(zu-ZA)' }).first();
    // The menu is narrowed once the document's languages have loaded: open it until it is.
    let options: string[] = [];
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      await picker.click();
      await page.getByRole('option').first().waitFor();
      options = await page.getByRole('option').allTextContents();
      await page.keyboard.press('Escape');
      if (!options.some((option) => option.includes('(sw-KE)'))) break;
    }
    const codes = options.map((option) => [...option.matchAll(/\(([a-zA-Z-]+)\)/g)].pop()?.[1] ?? option).sort();
    expect(codes).toEqual(['en', 'en-ZA', 'zu-ZA']);
  });

  it('calls the source locale the source, and says on shared fields that they change every language', async () => {
    await openEdit(page, ARTICLE, outdatedId, 'en');
    await page.locator('[data-baobab-translation-badge="source"]').waitFor();
    expect(await page.locator('[data-baobab-translation-badge]').textContent()).toContain('this is the source');
    await page.getByText('Shared by every language: changing it here changes it in all languages.').first().waitFor();
    await openEdit(page, ARTICLE, outdatedId, 'zu-ZA');
    await page.getByText('Shared by every language: changing it here changes it in all languages.').first().waitFor();
  });
});
