// A reader votes in a poll in Debian's Chromium with JavaScript off, on a 240×320 screen:
// a radio button, the Vote button, the results, and back. Screenshots of the ballot and
// the results go to artifacts/screenshots/ (git-ignored).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '../../..');
const shots = path.join(root, 'artifacts', 'screenshots');
const mobiPort = () => new URL(process.env.BAOBAB_TEST_MOBI_URL ?? 'http://127.0.0.1:3000').port;
const siteUrl = (code: string, pathname = '/') => `http://${code}.localhost:${mobiPort()}${pathname}`;

let browser: Browser;

beforeAll(async () => {
  const executablePath = execFileSync('bash', [path.join(root, 'scripts/ensure-chromium.sh')], { encoding: 'utf8' }).trim();
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP *.localhost 127.0.0.1'],
  });
  fs.mkdirSync(shots, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

async function withPage(run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 240, height: 320 } });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

describe('a poll at 240×320 with JavaScript off', () => {
  it('lets a reader vote on a kijana-ke article, shows the results, and goes back', async () => {
    await withPage(async (page) => {
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(siteUrl('kijana-ke', '/articles/hiv-testing-basics'));
      const poll = page.locator('#poll-know-your-status');
      expect(await poll.locator('legend').textContent()).toBe('Have you ever taken an HIV test?');
      expect(await page.locator('script').count()).toBe(0);
      const box = await page.locator('body').boundingBox();
      expect(box?.width ?? Infinity).toBeLessThanOrEqual(240);
      await poll.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, 'kijana-ke-poll-240x320.png') });

      await poll.getByLabel('Not yet').check();
      await poll.getByRole('button', { name: 'Vote' }).click();
      const url = new URL(page.url());
      expect(url.pathname).toBe('/articles/hiv-testing-basics');
      expect(url.searchParams.get('voted')).toBe('know-your-status');
      const results = page.locator('#poll-know-your-status');
      expect(await results.textContent()).toContain('Thank you for voting.');
      expect(await results.locator('form').count()).toBe(0);
      expect(await results.locator('li', { hasText: 'Not yet' }).textContent()).toMatch(/Not yet: \d+%/);
      // The bar for "Not yet" has a width: plain HTML and CSS.
      expect((await results.locator('li', { hasText: 'Not yet' }).locator('span').boundingBox())?.width ?? 0).toBeGreaterThan(0);
      await results.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, 'kijana-ke-poll-results-240x320.png') });

      await page.goBack();
      expect(new URL(page.url()).pathname).toBe('/articles/hiv-testing-basics');
      expect(new URL(page.url()).search).toBe('');
      expect(await page.locator('article h1').count()).toBe(1);
      expect(refused).toEqual([]);
    });
  });

  it('asks for an answer before posting a single-choice poll (required radios, no script)', async () => {
    await withPage(async (page) => {
      await page.goto(siteUrl('kijana-ke', '/articles/hiv-testing-basics'));
      const poll = page.locator('#poll-know-your-status');
      await poll.getByRole('button', { name: 'Vote' }).click();
      // The browser's own check kept the form: no post, the same page, the radios invalid.
      expect(new URL(page.url()).search).toBe('');
      expect(await poll.locator('input[type="radio"]:invalid').count()).toBe(3);
    });
  });

  it("shows a refused vote's message inside its poll, on screen, with a 4xx and the reader's ticks kept; then a corrected vote counts", async () => {
    await withPage(async (page) => {
      const posts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.url());
      });
      await page.goto(siteUrl('kijana-ke', '/'));
      const poll = page.locator('#poll-kijana-home');
      for (const label of ['Relationships', 'HIV and STIs', 'Contraception']) await poll.getByLabel(label).check();
      const [response] = await Promise.all([page.waitForResponse((answer) => answer.request().method() === 'POST'), poll.getByRole('button', { name: 'Vote' }).click()]);
      expect(response.status()).toBe(422);
      expect(posts).toHaveLength(1);
      // The page again at the form's action, at the poll's anchor.
      const refused = new URL(page.url());
      expect(refused.pathname).toBe('/_plugins/polls/vote');
      expect(refused.hash).toBe('#poll-kijana-home');
      const alert = page.locator('#poll-kijana-home [role="alert"]');
      expect(await alert.textContent()).toBe('You chose too many answers. Please choose fewer.');
      expect(await page.locator('[role="alert"]').count()).toBe(1);
      // On a 240×320 screen the message is in view where the page opens, beside the poll.
      const box = await alert.boundingBox();
      expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
      expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(320);
      await page.screenshot({ path: path.join(shots, 'kijana-ke-poll-refused-240x320.png') });
      expect(await poll.getByLabel('Relationships').isChecked()).toBe(true);
      expect(await poll.getByLabel('HIV and STIs').isChecked()).toBe(true);
      expect(await poll.getByLabel('Contraception').isChecked()).toBe(true);
      expect(await poll.getByLabel('Stress and mental health').isChecked()).toBe(false);

      // One tick fewer, and the same form votes.
      await poll.getByLabel('Contraception').uncheck();
      await poll.getByRole('button', { name: 'Vote' }).click();
      expect(posts).toHaveLength(2);
      const voted = new URL(page.url());
      expect(voted.pathname).toBe('/');
      expect(voted.searchParams.get('voted')).toBe('kijana-home');
      expect(await page.locator('#poll-kijana-home').textContent()).toContain('Thank you for voting.');

    });
  });

  it('shows no poll on the same article on thrive-za', async () => {
    await withPage(async (page) => {
      const response = await page.goto(siteUrl('thrive-za', '/articles/hiv-testing-basics'));
      expect(response?.status()).toBe(200);
      expect(await page.locator('article h1').count()).toBe(1);
      expect(await page.locator('form[method="post"]').count()).toBe(0);
      expect(await page.locator('.plugin-polls').count()).toBe(0);
    });
  });
});
