// The Preview button in the real admin: an editor opens a draft article, presses Open
// preview, and sees the mobi-site's preview of the draft in Strapi's preview pane, with
// its WhatsApp and USSD renderings and their sizes.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, loggedIn, openEdit, rest, screenshot, UI_TIMEOUT } from './support/admin';

jest.setTimeout(240_000);

const ARTICLE = 'api::article.article';
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

describe('the Preview button', () => {
  it("opens the mobi preview of a draft with its site rendering and the WhatsApp and USSD renderings with sizes", async () => {
    const title = `Preview draft ${Date.now().toString(36)}`;
    const created = await rest('POST', '/articles?locale=en&status=draft', {
      data: {
        title,
        lead: 'How much sleep you need, and why',
        slug: `preview-draft-${Date.now().toString(36)}`,
        sites: ['kijana-ke'],
        body: [
          paragraph('Most young people need eight to ten hours of sleep a night to learn, grow and feel well.'),
          paragraph('Keep a regular bedtime, put your phone away an hour before, and call {{helpline}} if worry keeps you awake.'),
        ],
      },
    });
    expect(created.status).toBe(201);
    await openEdit(page, ARTICLE, created.body.data.documentId, 'en');
    await page.getByRole('link', { name: 'Open preview' }).click();

    const iframe = page.locator('[data-testid="preview-iframe"]');
    await iframe.waitFor({ timeout: UI_TIMEOUT });
    expect(await iframe.getAttribute('src')).toMatch(/\/_baobab\/preview\?token=/);
    const preview = page.frameLocator('[data-testid="preview-iframe"]');
    await preview.getByRole('heading', { name: title }).waitFor({ timeout: UI_TIMEOUT });
    await preview.getByText('Draft preview').waitFor();
    await preview.getByText(/kijana-ke, en-KE/).waitFor();
    await preview.getByRole('heading', { name: /^WhatsApp: 1 message, \d+ characters$/ }).waitFor();
    await preview.getByRole('heading', { name: /^USSD: \d+ USSD screens? of at most 160 characters$/ }).waitFor();
    await preview.getByRole('heading', { name: /^SMS: \d+ repl(y|ies), \d+ SMS parts? \(GSM-7\)/ }).waitFor();
    // The site's variables reach the draft: {{helpline}} is the Kenyan number, not the placeholder.
    expect(await preview.locator('main').innerText()).not.toContain('{{helpline}}');
    await screenshot(page, 'preview', { docs: true });
  });
});
