// Real journeys in Debian's Chromium with JavaScript turned off, at feature-phone and
// small-smartphone sizes: every step is a link or a form. Screenshots of each demo
// site's home go to artifacts/screenshots/ (git-ignored) for people to look at.
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

async function withPage(width: number, height: number, run: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height } });
  try {
    await run(await context.newPage());
  } finally {
    await context.close();
  }
}

async function fitsWidth(page: Page, width: number) {
  const box = await page.locator('body').boundingBox();
  expect(box?.width ?? Infinity).toBeLessThanOrEqual(width);
}

describe.each([
  [240, 320],
  [360, 640],
])('at %i×%i with JavaScript off', (width, height) => {
  it('goes home → section → article → language → search on kijana-ke', async () => {
    await withPage(width, height, async (page) => {
      await page.goto(siteUrl('kijana-ke'));
      expect(await page.locator('h1').count()).toBe(1);
      await fitsWidth(page, width);

      await page.locator('nav.topics a', { hasText: 'HIV' }).first().click();
      expect(new URL(page.url()).pathname).toBe('/hiv-and-stis');
      await page.locator('main .cards a').first().click();
      expect(new URL(page.url()).pathname).toMatch(/^\/articles\//);
      expect(await page.locator('article h1').count()).toBe(1);
      await fitsWidth(page, width);

      await page.locator('footer a', { hasText: 'Language' }).click();
      await page.locator('main a[hreflang="sw-KE"]').click();
      expect(new URL(page.url()).pathname).toBe('/sw-KE');
      expect(await page.locator('html').getAttribute('lang')).toBe('sw-KE');

      await page.locator('input[name="q"]').fill('VVU');
      await page.locator('form[role="search"] button[type="submit"]').click();
      expect(new URL(page.url()).pathname).toBe('/sw-KE/search');
      expect(await page.locator('h1').textContent()).toContain('VVU');
      await page.goBack();
      expect(new URL(page.url()).pathname).toBe('/sw-KE');
    });
  });
});

describe('each demo site', () => {
  it.each(['kijana-ke', 'thrive-za', 'mama-ng', 'amal-eg'])('renders %s home with no script and keeps a screenshot', async (code) => {
    await withPage(360, 640, async (page) => {
      const response = await page.goto(siteUrl(code));
      expect(response?.status()).toBe(200);
      expect(await page.locator('script').count()).toBe(0);
      if (code === 'amal-eg') expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.screenshot({ path: path.join(shots, `${code}-home-360x640.png`), fullPage: true });
      expect(fs.statSync(path.join(shots, `${code}-home-360x640.png`)).size).toBeGreaterThan(5000);
    });
  });
});

describe('under the content security policy', () => {
  it('renders themed pages with their images and forms, and the browser refuses nothing', async () => {
    await withPage(360, 640, async (page) => {
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
      });
      const response = await page.goto(siteUrl('kijana-ke', '/articles/hiv-testing-basics'));
      expect(response?.headers()['content-security-policy']).toContain("script-src 'none'");
      // The inline stylesheet applies: the header has the theme's colour, not the browser's default.
      expect(await page.locator('header').evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
      const image = page.locator('article img').first();
      await image.scrollIntoViewIfNeeded();
      await image.evaluate((element: HTMLImageElement) => element.decode());
      expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
      await page.locator('input[name="q"]').fill('HIV');
      await page.locator('form[role="search"] button[type="submit"]').click();
      expect(new URL(page.url()).pathname).toBe('/search');
      expect(await page.locator('main .cards a').count()).toBeGreaterThan(0);
      expect(refused).toEqual([]);
    });
  });
});
