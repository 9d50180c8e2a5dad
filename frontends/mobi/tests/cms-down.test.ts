// The CMS process stops, for real: a mobi-site and a chat gateway (both real processes)
// keep serving what they have seen for BAOBAB_STALE_MAX_AGE (6 s here) after their first
// failed refresh, then say "try again" in the reader's language; the CMS starts again on
// the same port and data, and both show fresh content without a restart of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startCms, startMobi, stopChild, waitFor, type RunningCms, type RunningMobi } from '@baobab/testkit';
import { page } from './support/http';

const STALE_MAX_AGE_S = 6;
const secret = crypto.randomBytes(18).toString('base64url');
const slug = `outage-${Date.now().toString(36)}`;
const host = 'kijana-ke.localhost';
const articlePath = `/sw-KE/articles/${slug}`;
/** The gateway's "try again" ending, in the site's first language (English, or Swahili for a session in sw-KE). */
const CHAT_BUSY = /^END (The service is busy\. Please try again|Huduma ina shughuli nyingi\. Tafadhali jaribu tena)/;

let dataDir = '';
let cmsPort = 0;
let cms: RunningCms | null = null;
let mobi: RunningMobi;
let chat: ChildProcess;
let chatUrl = '';
let documentId = '';

const cmsEnv = (mobiPort: number, chatPort: number) => ({
  BAOBAB_NOTIFY_URLS: `http://127.0.0.1:${mobiPort}/_baobab/invalidate,http://127.0.0.1:${chatPort}/_baobab/invalidate`,
  BAOBAB_NOTIFY_SECRET: secret,
});
let startOwnCms: () => Promise<RunningCms>;

async function rest(method: 'POST' | 'PUT', pathname: string, body: unknown): Promise<{ status: number; documentId: string }> {
  const response = await fetch(`http://127.0.0.1:${cmsPort}/api${pathname}`, {
    method,
    headers: { authorization: `Bearer ${cms?.apiToken ?? ''}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json();
  const id = typeof answer === 'object' && answer !== null && 'data' in answer && typeof answer.data === 'object' && answer.data !== null && 'documentId' in answer.data ? String(answer.data.documentId) : '';
  return { status: response.status, documentId: id };
}

/** The chat gateway's content read of the article: status and title. */
async function chatRead(): Promise<{ status: number; title: string | null }> {
  const response = await fetch(`${chatUrl}/content/kijana-ke/sw-KE/${slug}?channel=sms`);
  const body: unknown = await response.json();
  const title = typeof body === 'object' && body !== null && 'title' in body && typeof body.title === 'string' ? body.title : null;
  return { status: response.status, title };
}

/** The first USSD screen of kijana-ke for a new session. */
async function dial(): Promise<string> {
  const fields = { sessionId: `ATUid_${crypto.randomUUID()}`, serviceCode: '*384*100#', phoneNumber: '+254700000001', networkCode: '63902', text: '' };
  const response = await fetch(`${chatUrl}/ussd/africastalking`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return response.text();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-cms-down-'));
  [cmsPort] = [await freePort()];
  const [mobiPort, chatPort] = [await freePort(), await freePort()];
  const cmsUrl = `http://127.0.0.1:${cmsPort}`;
  startOwnCms = () => startCms({ port: cmsPort, dataDir, env: cmsEnv(mobiPort, chatPort) });
  cms = await startOwnCms();
  mobi = await startMobi({ cmsUrl, port: mobiPort, env: { BAOBAB_NOTIFY_SECRET: secret, BAOBAB_STALE_MAX_AGE: String(STALE_MAX_AGE_S) } });
  chatUrl = `http://127.0.0.1:${chatPort}`;
  chat = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../chat/scripts/serve.ts')], {
    cwd: path.resolve(__dirname, '../../chat'),
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(chatPort), METRICS_PORT: 'off', CMS_URL: cmsUrl, BAOBAB_NOTIFY_SECRET: secret, CONTENT_TTL_SECONDS: '1', BAOBAB_STALE_MAX_AGE: String(STALE_MAX_AGE_S), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  await waitFor(async () => (await fetch(`${chatUrl}/_baobab/health`)).status === 204, 60_000, 'the chat gateway');
}, 300_000);

afterAll(async () => {
  await stopChild(chat, 5_000);
  await mobi.stop();
  await cms?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('serves seen pages, menus and articles while the CMS is stopped, "try again" past the stale max age, and fresh content once it is back', async () => {
  const created = await rest('POST', '/articles?locale=sw-KE&status=published', {
    data: { title: 'Kabla ya hitilafu', slug, sites: ['kijana-ke'], body: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] },
  });
  expect(created.status).toBe(201);
  documentId = created.documentId;
  // Seen once by each front end: the mobi page, the chat article and the USSD menu.
  await waitFor(async () => (await page(host, articlePath, {}, mobi.url)).html.includes('Kabla ya hitilafu'), 5_000, 'the new article on the mobi-site');
  const warm = await page(host, articlePath, {}, mobi.url);
  expect(warm.status).toBe(200);
  expect(await chatRead()).toEqual({ status: 200, title: 'Kabla ya hitilafu' });
  const menu = await dial();
  expect(menu).toMatch(/^CON /);

  await cms?.stop();
  cms = null;
  // A change notice just before the CMS went away: the page must be rendered again, and cannot be.
  expect((await fetch(`${mobi.url}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': secret } })).status).toBe(204);
  const firstStale = Date.now();
  const during = await page(host, articlePath, {}, mobi.url);
  expect(during.status).toBe(200);
  expect(during.headers.get('x-page-cache')).toBe('stale');
  expect(during.html).toBe(warm.html);
  // Never seen: the themed "try again" page in the path's language, 503 with Retry-After.
  const unseen = await page(host, '/sw-KE/articles/never-seen-before', {}, mobi.url);
  expect(unseen.status).toBe(503);
  expect(unseen.headers.get('retry-after')).toBe('30');
  expect(unseen.html).toContain('<html lang="sw-KE"');
  expect(unseen.html).toContain('Kuna tatizo');
  // Chat: past the 1 s freshness, the last good copies answer.
  await waitFor(async () => (await chatRead()).status === 200 && (await dial()) === menu, 5_000, 'chat answering from its last good copies');
  const chatStale = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // one more TTL: still the copy, not a fresh load
  expect(await chatRead()).toEqual({ status: 200, title: 'Kabla ya hitilafu' });
  expect(await dial()).toBe(menu);

  // Past the age: both say "try again", and not before it.
  await waitFor(async () => (await page(host, articlePath, {}, mobi.url)).status === 503, (STALE_MAX_AGE_S + 10) * 1000, 'the mobi page to give way to "try again"');
  expect(Date.now() - firstStale).toBeGreaterThanOrEqual(STALE_MAX_AGE_S * 1000 - 200);
  const gone = await page(host, articlePath, {}, mobi.url);
  expect(gone.headers.get('retry-after')).toBe('30');
  expect(gone.html).toContain('Kuna tatizo');
  await waitFor(async () => (await chatRead()).status === 503, (STALE_MAX_AGE_S + 20) * 1000, 'the chat article to give way to "try again"');
  expect(Date.now() - chatStale).toBeGreaterThanOrEqual(STALE_MAX_AGE_S * 1000 - 2_000);
  await waitFor(async () => (await dial()).startsWith('END '), 15_000, 'the USSD menu to give way to "try again"');
  expect(await dial()).toMatch(CHAT_BUSY);

  // The CMS comes back on the same port and data: fresh content, mobi and chat untouched.
  cms = await startOwnCms();
  await waitFor(async () => (await page(host, articlePath, {}, mobi.url)).status === 200, 20_000, 'the mobi page once the CMS is back');
  await waitFor(async () => (await chatRead()).status === 200 && (await dial()) === menu, 20_000, 'chat once the CMS is back');
  expect((await rest('PUT', `/articles/${documentId}?locale=sw-KE&status=published`, { data: { title: 'Baada ya hitilafu' } })).status).toBe(200);
  await waitFor(async () => (await page(host, articlePath, {}, mobi.url)).html.includes('Baada ya hitilafu'), 5_000, 'the edit on the mobi-site');
  await waitFor(async () => (await chatRead()).title === 'Baada ya hitilafu', 5_000, 'the edit on chat');
}, 240_000);
