// Drives the real Strapi admin in Debian's Chromium: log in, open an edit view, type into
// fields (plain inputs and the JSON editors), save, read the message beside a field, and
// keep screenshots in artifacts/admin/ (git-ignored) for people to look at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '../../../..');
const shots = path.join(root, 'artifacts', 'admin');

// The admin is a large single-page app and this machine may have two cores: wait for
// specific elements and answers, generously, never for fixed times.
export const UI_TIMEOUT = 60_000;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the admin tests through jest (tests/admin/support/global-setup.ts boots the CMS)`);
  return value;
}

export const cmsUrl = () => required('BAOBAB_TEST_ADMIN_CMS_URL');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = execFileSync('bash', [path.join(root, 'scripts/ensure-chromium.sh')], { encoding: 'utf8' }).trim();
  fs.mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * A fresh browser context, logged in as the dev admin, on the admin home page; its clock in
 * `timezoneId` (an IANA name) when given, as an editor's browser in that zone.
 */
export async function loggedIn(browser: Browser, options: { timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(UI_TIMEOUT);
  const page = await context.newPage();
  await page.goto(`${cmsUrl()}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(required('BAOBAB_TEST_ADMIN_EMAIL'));
  await page.locator('input[name="password"]').fill(required('BAOBAB_TEST_ADMIN_PASSWORD'));
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/admin/login') && response.request().method() === 'POST'),
    page.locator('button[type="submit"]').click(),
  ]);
  if (answer.status() !== 200) throw new Error(`admin login answered ${answer.status()}: ${await answer.text()}`);
  await page.getByRole('link', { name: 'Content Manager' }).first().waitFor();
  return page;
}

/** Opens a document's edit view and waits until its form shows. */
export async function openEdit(page: Page, uid: string, documentId: string, locale?: string): Promise<void> {
  const query = locale ? `?plugins[i18n][locale]=${locale}` : '';
  await page.goto(`${cmsUrl()}/admin/content-manager/collection-types/${uid}/${documentId}${query}`);
  await page.getByRole('button', { name: 'Save' }).waitFor();
  await page.locator('form input, form textarea, form [contenteditable="true"]').first().waitFor();
}

/** The id the form gives a field, found through its label (the label's text starts with the field's label). */
async function fieldId(page: Page, label: string): Promise<string> {
  const element = page.locator('label').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`) }).first();
  const id = await element.getAttribute('for');
  if (!id) throw new Error(`no field labelled "${label}"`);
  return id;
}

/** Replaces the text of a JSON field (Strapi's CodeMirror editor) as an editor types it. */
export async function typeJson(page: Page, label: string, text: string): Promise<void> {
  const editor = page.locator(`[id="${await fieldId(page, label)}"] .cm-content`);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** The notice the admin shows after a save (Strapi's toast), once it shows one. */
export async function notice(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('[role="status"], [role="alert"], li[data-sonner-toast]').filter({ hasText: text }).first();
  await toast.waitFor();
  return (await toast.textContent()) ?? '';
}

/** Makes a site's web-address rows (the hostnames control) read `hosts`, adding and removing rows through its buttons. */
export async function setHostnames(page: Page, hosts: readonly string[]): Promise<void> {
  const control = page.locator('[data-baobab-field="hostnames"]');
  await control.getByRole('button', { name: 'Add a web address' }).waitFor();
  const rows = control.locator('input[type="text"]');
  while ((await rows.count()) > hosts.length) await control.getByRole('button', { name: /^Remove / }).last().click();
  while ((await rows.count()) < hosts.length) await control.getByRole('button', { name: 'Add a web address' }).click();
  for (const [index, host] of hosts.entries()) await control.locator(`input[name="hostnames.${index}"]`).fill(host);
}

/** The text a JSON field shows now. */
export async function jsonText(page: Page, label: string): Promise<string> {
  const lines = await page.locator(`[id="${await fieldId(page, label)}"] .cm-content .cm-line`).allInnerTexts();
  return lines.join('\n');
}

/** The message the form shows beside a field, once it shows one. */
export async function fieldError(page: Page, label: string): Promise<Locator> {
  const error = page.locator(`[id="${await fieldId(page, label)}-error"]`);
  await error.waitFor();
  return error;
}

/** Clicks Save (or Publish) and answers the status of the request it made. */
export async function submit(page: Page, button: 'Save' | 'Publish'): Promise<{ status: number; body: unknown }> {
  const [response] = await Promise.all([
    page.waitForResponse((answer) => answer.url().includes('/content-manager/') && ['PUT', 'POST'].includes(answer.request().method())),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const body: unknown = await response.json().catch(() => null);
  return { status: response.status(), body };
}

/** A page of the mobi-site the global setup started (page cache off), as a reader's browser asks for it: by Host. */
export async function mobiPage(host: string, pathname: string): Promise<{ status: number; html: string }> {
  const target = new URL(pathname, required('BAOBAB_TEST_ADMIN_MOBI_URL'));
  // fetch() cannot set Host, so go through node:http.
  return new Promise((resolve, reject) => {
    const request = http.request(target, { headers: { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, html: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * Keeps a screenshot in artifacts/admin/. With `docs: true` and BAOBAB_DOCS_SCREENSHOTS=1 it
 * also refreshes the copy in docs/editors/ that the editors' guide shows (committed once, by
 * hand: `BAOBAB_DOCS_SCREENSHOTS=1 npx jest --selectProjects cms-admin`).
 */
export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  if (options.docs && process.env.BAOBAB_DOCS_SCREENSHOTS === '1') {
    const docs = path.join(root, 'docs', 'editors');
    fs.mkdirSync(docs, { recursive: true });
    await page.screenshot({ path: path.join(docs, `${name}.png`), fullPage: false });
  }
}

/** Strapi's REST API with the dev token, for arranging content and checking what was stored. */
export async function rest(method: 'GET' | 'POST' | 'PUT' | 'DELETE', pathname: string, body?: unknown): Promise<{ status: number; body: RestBody }> {
  const response = await fetch(`${cmsUrl()}/api${pathname}`, {
    method,
    headers: { authorization: `Bearer ${required('BAOBAB_TEST_ADMIN_API_TOKEN')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** REST answers are checked field by field in tests; this is the one loose type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RestBody = any;

/** A document's id by its code or slug. */
export async function documentIdOf(plural: string, field: 'code' | 'slug', value: string): Promise<string> {
  const found = await rest('GET', `/${plural}?filters[${field}][$eq]=${encodeURIComponent(value)}&status=draft`);
  const documentId: unknown = found.body?.data?.[0]?.documentId;
  if (typeof documentId !== 'string') throw new Error(`no ${plural} with ${field} ${value}: ${JSON.stringify(found.body)}`);
  return documentId;
}
