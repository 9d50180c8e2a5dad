// Scheduling an editor can see: a published article whose go-live time is still ahead says
// "Scheduled for <time, time zone>" in the article list and in its edit view's Schedule
// panel (never just "Published"), in the editor's browser time zone; a banner past its
// expiry says "Expired" in the banner list.
import type { Browser, Page } from 'playwright-core';
import { cmsUrl, launchBrowser, loggedIn, openEdit, rest, screenshot } from './support/admin';

jest.setTimeout(180_000);

const ARTICLE = 'api::article.article';
const BANNER = 'api::banner.banner';
// The editor's browser is in Nairobi (UTC+3, no daylight saving): 06:00 UTC reads 09:00.
const TIME_ZONE = 'Africa/Nairobi';
const GO_LIVE = '2027-03-01T06:00:00.000Z';
const SCHEDULED = /^Scheduled for 1 Mar 2027, 09:00 (EAT|GMT\+3) \(Africa\/Nairobi\)/;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await loggedIn(browser, { timezoneId: TIME_ZONE });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

/** A list view searched for `query`, in English. */
async function openList(uid: string, query: string): Promise<void> {
  await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${uid}?page=1&pageSize=10&_q=${encodeURIComponent(query)}&plugins[i18n][locale]=en`);
}

describe('a scheduled article', () => {
  let documentId = '';
  let title = '';

  beforeAll(async () => {
    title = unique('Scheduled in Nairobi');
    const created = await rest('POST', '/articles?locale=en&status=published', {
      data: { slug: unique('admin-scheduled'), title, allSites: true, goLiveAt: GO_LIVE },
    });
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
  });

  it('says "Scheduled for" with the time in the editor\'s time zone, named, in the article list', async () => {
    await openList(ARTICLE, title);
    const row = page.getByRole('row').filter({ hasText: title });
    const cell = row.locator('[data-baobab-schedule]');
    await cell.waitFor();
    expect(await cell.getAttribute('data-baobab-schedule')).toBe('scheduled');
    expect(await cell.textContent()).toMatch(SCHEDULED);
    await screenshot(page, 'schedule-list', { docs: true });
  });

  it('says the same in the Schedule panel of its edit view, and the date fields say which zone they take', async () => {
    await openEdit(page, ARTICLE, documentId, 'en');
    const panel = page.locator('[data-baobab-schedule-panel]');
    await panel.waitFor();
    expect(await panel.locator('[data-baobab-schedule]').textContent()).toMatch(SCHEDULED);
    expect(await panel.locator('[data-baobab-window="goLiveAt"]').textContent()).toMatch(/^Goes live: 1 Mar 2027, 09:00 \S+ \(Africa\/Nairobi\)$/);
    expect(await panel.locator('[data-baobab-window="expireAt"]').textContent()).toBe('Expires: never');
    expect(await panel.textContent()).toContain(`Times are in your time zone, ${TIME_ZONE}`);
    await page.getByText('Type it in your own time zone (your browser\'s); it is saved in UTC.').first().waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'schedule-panel', { docs: true });
  });
});

describe('a featured article', () => {
  it('shows its featured window beside its schedule in the article list', async () => {
    const title = unique('Featured in Nairobi');
    const created = await rest('POST', '/articles?locale=en&status=published', {
      data: { slug: unique('admin-featured'), title, allSites: true, featuredFrom: GO_LIVE, featuredUntil: '2027-03-08T06:00:00.000Z' },
    });
    expect(created.status).toBe(201);
    await openList(ARTICLE, title);
    const cell = page.getByRole('row').filter({ hasText: title }).locator('[data-baobab-schedule]');
    await cell.waitFor();
    expect(await cell.textContent()).toMatch(/^Live · Featured from 1 Mar 2027, 09:00 \S+ \(Africa\/Nairobi\) until 8 Mar 2027, 09:00 \S+ \(Africa\/Nairobi\)$/);
  });
});

describe('a banner past its expiry', () => {
  it('says "Expired" with the time in the banner list', async () => {
    const title = unique('Expired banner');
    const created = await rest('POST', '/banners?locale=en&status=published', {
      data: { slug: unique('admin-expired'), title, allSites: true, goLiveAt: '2026-01-01T00:00:00.000Z', expireAt: '2026-02-01T09:30:00.000Z' },
    });
    expect(created.status).toBe(201);
    await openList(BANNER, title);
    const cell = page.getByRole('row').filter({ hasText: title }).locator('[data-baobab-schedule]');
    await cell.waitFor();
    expect(await cell.getAttribute('data-baobab-schedule')).toBe('expired');
    expect(await cell.textContent()).toMatch(/^Expired 1 Feb 2026, 12:30 \S+ \(Africa\/Nairobi\)$/);
  });
});
