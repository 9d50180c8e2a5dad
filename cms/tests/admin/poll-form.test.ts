// A poll as an editor makes it in the real admin: the article it follows is searched by
// title (in the language edited, then the source) and picked, its slug is what the delivery
// API serves, and its title shows again after a reload; a poll whose article is deleted is
// refused beside the field, keeping what was typed; the poll list names polls by question.
import type { Browser, Page } from 'playwright-core';
import { cmsUrl, launchBrowser, loggedIn, rest, screenshot, submit, UI_TIMEOUT } from './support/admin';

jest.setTimeout(240_000);

const POLL = 'plugin::polls.poll';
const run = Date.now().toString(36);
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await loggedIn(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

/** Opens an empty poll form in `locale`. */
async function openNewPoll(locale: string): Promise<void> {
  await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${POLL}/create?plugins[i18n][locale]=${locale}`);
  await page.locator('input[name="question"]').waitFor();
}

/** Fills what every poll needs: its slug, question, two choices and the site carrying it. */
async function fillPoll(slug: string, question: string): Promise<void> {
  await page.locator('input[name="slug"]').fill(slug);
  await page.locator('input[name="question"]').fill(question);
  for (const [index, [key, label]] of [['yes', 'Yes'], ['no', 'No']].entries()) {
    // "No entry yet. Click to add one." while empty, then "Add an entry"; the new entry opens.
    await page.getByRole('button', { name: /^(No entry yet|Add an entry)/ }).first().click();
    await page.locator(`input[name="choices.${index}.key"]`).fill(key ?? '');
    await page.locator(`input[name="choices.${index}.label"]`).fill(label ?? '');
  }
  await page.locator('input[name="sites:kijana-ke"]').check();
}

/** Types into the article picker's search and answers the result for `slug`. */
async function search(words: string, slug: string) {
  const picker = page.locator('[data-baobab-field="article"]');
  await picker.locator('input[name="article:search"]').fill(words);
  const option = picker.locator(`[data-baobab-article-option="${slug}"]`);
  await option.waitFor({ timeout: UI_TIMEOUT });
  return option;
}

async function deliveredPoll(slug: string): Promise<{ article: string | null; question: string } | null> {
  const response = await fetch(`${cmsUrl()}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ site(code: "kijana-ke") { poll(slug: "${slug}", locale: "sw-KE") { article question } } }` }),
  });
  const answer = (await response.json()) as { data?: { site: { poll: { article: string | null; question: string } | null } }; errors?: unknown };
  if (!answer.data) throw new Error(`delivery refused: ${JSON.stringify(answer.errors)}`);
  return answer.data.site.poll;
}

describe("a poll's article", () => {
  it('is searched by title in the language edited, then the source, picked, stored as its slug and shown by title again', async () => {
    const slug = `picked-${run}`;
    const question = `Umepima VVU mwaka huu? ${run}`;
    await openNewPoll('sw');
    await fillPoll(slug, question);
    // Placed after an article unless the editor says otherwise.
    expect(await page.locator('[data-baobab-field="article"] [data-baobab-article-chosen]').innerText()).toBe('No article chosen.');

    // An article with no Kiswahili translation is found by its English (source) title.
    const english = await search('living well', 'living-well-with-hiv');
    expect(await english.innerText()).toBe('Living well with HIV: treatment, health and hope (living-well-with-hiv) — in en');
    // One with a translation shows its Kiswahili title.
    const swahili = await search('VVU', 'hiv-testing-basics');
    expect(await swahili.innerText()).toMatch(/^Kupima VVU: .* \(hiv-testing-basics\)$/);
    await screenshot(page, 'poll-article-search', { docs: true });
    await swahili.click();
    const chosen = page.locator('[data-baobab-article-chosen="hiv-testing-basics"]');
    expect(await chosen.locator('[data-baobab-article-title]').innerText()).toMatch(/^Kupima VVU: /);
    expect(await page.locator('[data-baobab-article-results]').count()).toBe(0);

    const saved = await submit(page, 'Save');
    expect(saved.status).toBe(201);
    expect(await page.locator('[data-strapi-field-error="true"]').count()).toBe(0);
    const published = await submit(page, 'Publish');
    expect(published.status).toBe(200);
    // What was stored is the slug, as every front end reads it.
    expect(await deliveredPoll(slug)).toEqual({ article: 'hiv-testing-basics', question });

    await page.reload();
    // The poll is named by its question (the content manager's main field), and its article by title.
    await page.getByRole('heading', { name: question }).waitFor({ timeout: UI_TIMEOUT });
    const shown = page.locator('[data-baobab-article-chosen="hiv-testing-basics"] [data-baobab-article-title]');
    await shown.waitFor({ timeout: UI_TIMEOUT });
    expect(await shown.innerText()).toMatch(/^Kupima VVU: /);
  });

  it('refuses a save after the article was deleted, beside the field, keeping what was typed, and flags it "not found"', async () => {
    const articleSlug = `picker-gone-${run}`;
    const title = `Soon deleted ${run}`;
    const created = await rest('POST', '/articles?locale=en&status=published', { data: { slug: articleSlug, title, section: 'periods', sites: ['kijana-ke'], body: [paragraph('Text.')] } });
    expect([200, 201]).toContain(created.status);
    const slug = `orphan-${run}`;
    await openNewPoll('en');
    await fillPoll(slug, `Did this help? ${run}`);
    await (await search(title, articleSlug)).click();
    expect((await submit(page, 'Save')).status).toBe(201);

    // Someone deletes the article while the poll is open in the editor's browser.
    expect((await rest('DELETE', `/articles/${created.body.data.documentId}?locale=en`)).status).toBeLessThan(300);
    const typed = `Did this help you? ${run}`;
    await page.locator('input[name="question"]').fill(typed);
    const refused = await submit(page, 'Save');
    expect(refused.status).toBe(400);
    const message = page.locator('[data-baobab-field="article"] [data-strapi-field-error="true"]');
    await message.waitFor({ timeout: UI_TIMEOUT });
    expect(await message.innerText()).toContain(`No article has the web address name "${articleSlug}"`);
    expect(await page.locator('input[name="question"]').inputValue()).toBe(typed);
    await screenshot(page, 'poll-article-refused');

    // Opened again, the stored slug shows, flagged.
    await page.reload();
    const missing = page.locator(`[data-baobab-article-missing="${articleSlug}"]`);
    await missing.waitFor({ timeout: UI_TIMEOUT });
    expect(await missing.innerText()).toContain('not found');
  });
});

describe('the poll list', () => {
  it('names each poll by its question, with where it shows and its status', async () => {
    await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${POLL}?plugins[i18n][locale]=en`);
    await page.getByRole('gridcell', { name: 'Have you ever taken an HIV test?', exact: true }).waitFor({ timeout: UI_TIMEOUT });
    // Strapi sets column headers in capitals with CSS.
    const headers = (await page.getByRole('row').first().innerText()).split(/\s*\n\s*|\t/).map((text) => text.trim().toLowerCase()).filter((text) => text !== '');
    expect(headers).toEqual(expect.arrayContaining(['question', 'shown', 'status']));
    expect(headers).not.toContain('web address name');
    expect(headers).not.toContain('slug');
    expect(headers).not.toContain('id');
    await screenshot(page, 'poll-list', { docs: true });
  });
});
