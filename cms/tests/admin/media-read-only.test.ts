// An editor uploads through the admin's Media Library while the media folder is read-only:
// the upload card shows the CMS's sentence naming the folder and the cause, nothing is
// stored, and the same upload works once the folder is writable again.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { isRoot, makeReadOnly } from '../support/read-only';
import { cmsUrl, launchBrowser, loggedIn, rest, screenshot } from './support/admin';

jest.setTimeout(240_000);

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await loggedIn(browser);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

/** Uploads a small PNG called `name` through the Media Library's New → File upload; the status of the upload's answer. */
async function uploadInLibrary(name: string): Promise<number> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 20, g: 120, b: 90 } } }).png().toBuffer();
  await page.goto(`${cmsUrl()}/admin/plugins/upload`);
  await page.getByRole('button', { name: 'New' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: 'File upload', exact: true }).click()]);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === '/upload/files' && response.request().method() === 'POST'),
    chooser.setFiles({ name, mimeType: 'image/png', buffer: png }),
  ]);
  return answer.status();
}

it('shows the editor why an upload failed while the media folder is read-only, and uploads once it is writable', async () => {
  const dir = path.join(process.env.BAOBAB_TEST_ADMIN_CMS_DATA_DIR ?? '', 'public', 'uploads');
  const named = async (name: string) => ((await rest('GET', `/upload/files?filters[name][$eq]=${name}`)).body as unknown[]).length;
  const undo = makeReadOnly(dir);
  try {
    expect(await uploadInLibrary('read-only-disk.png')).toBe(503);
    const message = page.getByText(`The media folder ${dir} is not writable`);
    await message.first().waitFor();
    expect(await message.first().textContent()).toMatch(isRoot ? /read-only \(EROFS\)/ : /may not write there \(EACCES\)/);
    await screenshot(page, 'media-library-read-only');
    expect(await named('read-only-disk.png')).toBe(0);
  } finally {
    undo();
  }
  expect(await uploadInLibrary('writable-again.png')).toBe(201);
  expect(await named('writable-again.png')).toBe(1);
});
