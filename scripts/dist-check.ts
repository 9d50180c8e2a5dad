// `npm run build:dist -- --check` (or `tsx scripts/dist-check.ts [folder]`): starts a built
// runtime folder the way the image does (its `baobab` entrypoint, NODE_ENV=production, real
// secrets, SQLite in a temporary data folder, loopback and free ports) and asks each process
// what would break if the folder lacked a file it needs:
//   CMS   the admin panel's page and its script, and the delivery API (/graphql: every site);
//   mobi  a site's home page, rendered by Next through the CMS;
//   chat  a USSD dial on the site's service code, answered with its first menu (CON …).
// It runs from a copy in a temporary folder with no node_modules above it (as /app in the
// image): from dist/app, Node would quietly load anything missing from the repository's own.
// Everything started is stopped, and the copy and its data removed, whatever happens.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { readCredentialsFile } from '@baobab/kit/dev-credentials';
import { freePort, randomSecret, waitFor } from '@baobab/testkit';

const root = path.resolve(__dirname, '..');

interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  readonly output: () => string;
}

/** SIGTERM, then SIGKILL when it has not exited after `graceMs`. */
async function stop(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

function startProcess(folder: string, name: 'cms' | 'mobi' | 'chat', env: NodeJS.ProcessEnv): Started {
  let output = '';
  const child = spawn(path.join(folder, 'baobab'), [name], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, output: () => output };
}

/** Polls `url` until it answers `status`, failing early (with its output) if the process exits. */
async function waitForStatus(process: Started, url: string, status: number, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      if (process.child.exitCode !== null || process.child.signalCode !== null) throw new Error(`${process.name} exited during start-up:\n${process.output().slice(-4000)}`);
      return (await fetch(url).catch(() => null))?.status === status;
    },
    timeoutMs,
    `${process.name} at ${url}`,
  );
}

/** GET with a Host header (fetch drops it: TOOLCHAIN.md). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function expectThat(condition: boolean, what: string, detail: string): void {
  if (!condition) throw new Error(`${what}: ${detail.slice(0, 500)}`);
  console.log(`dist-check: ✓ ${what}`);
}

/** A 1×1 PNG. */
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

interface Site {
  code: string;
  hostnames: string[];
  channels: { ussd?: { serviceCodes?: string[] } };
}

/** Whether a folder above `folder` holds a node_modules, where Node would look for a package `folder` lacks. */
export function ancestorModules(folder: string): string | null {
  for (let dir = path.dirname(path.resolve(folder)); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules');
    if (path.dirname(dir) === dir) return null;
  }
}

export async function checkDist(built: string): Promise<void> {
  if (!fs.existsSync(path.join(built, '.baobab-dist.json'))) throw new Error(`${built} is no runtime folder (no .baobab-dist.json): run npm run build:dist`);
  // dist/app sits inside the repository, whose node_modules Node would fall back on for
  // whatever the folder lacks: checked there, a pruned package would go unnoticed. So it is
  // checked from a copy where no folder above holds a node_modules, as /app in the image.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-dist-check-'));
  const folder = path.join(scratch, 'app');
  fs.cpSync(built, folder, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  const leak = ancestorModules(folder);
  if (leak !== null) throw new Error(`${leak} lies above ${folder}: Node would load packages from it; set TMPDIR to a folder outside any project`);
  const dataDir = path.join(scratch, 'data');
  fs.mkdirSync(dataDir);
  const [cmsPort, mobiPort, chatPort] = [await freePort(), await freePort(), await freePort()];
  const writeSecret = randomSecret();
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dataDir,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    METRICS_PORT: 'off',
    LOG_LEVEL: 'warn',
    BAOBAB_WRITE_SECRET: writeSecret,
  };
  const cmsUrl = `http://127.0.0.1:${cmsPort}`;
  const started: Started[] = [];
  try {
    const cmsEnv: NodeJS.ProcessEnv = {
      ...base,
      PORT: String(cmsPort),
      PUBLIC_URL: cmsUrl,
      BAOBAB_DATA_DIR: dataDir,
      APP_KEYS: `${randomSecret()},${randomSecret()}`,
      API_TOKEN_SALT: randomSecret(),
      ADMIN_JWT_SECRET: randomSecret(),
      TRANSFER_TOKEN_SALT: randomSecret(),
      JWT_SECRET: randomSecret(),
      ENCRYPTION_KEY: randomSecret(),
    };
    // Production never seeds (docs/operations.md): a first start in development mode, from the
    // same folder, creates the SQLite database and the demo sites (sharp makes their images).
    const seeding = startProcess(folder, 'cms', { ...cmsEnv, NODE_ENV: 'development' });
    started.push(seeding);
    await waitForStatus(seeding, `${cmsUrl}/_ready`, 200, 300_000);
    await stop(seeding.child, 10_000);
    started.pop();
    console.log('dist-check: ✓ CMS: a development start created the database and the demo content');

    const cms = startProcess(folder, 'cms', cmsEnv);
    started.push(cms);
    await waitForStatus(cms, `${cmsUrl}/_ready`, 200, 120_000);

    const admin = await fetch(`${cmsUrl}/admin`);
    const adminHtml = await admin.text();
    expectThat(admin.status === 200 && adminHtml.includes('<div id="strapi"'), 'CMS: the admin panel page loads', `HTTP ${admin.status} ${adminHtml}`);
    const script = /<script[^>]+src="([^"]+)"/.exec(adminHtml)?.[1];
    const scriptAnswer = script === undefined ? null : await fetch(new URL(script, `${cmsUrl}/admin/`));
    expectThat(scriptAnswer?.status === 200, "CMS: the admin panel's script is served", `script ${script ?? 'none'}: HTTP ${scriptAnswer?.status ?? '-'}`);

    // The admin panel's first calls reach the server halves of Strapi's packages, whose
    // browser-only dependencies were pruned: registration, the overview (which asks
    // @strapi/typescript-utils), the content manager, and an upload (sharp reads its size).
    // The development start made an administrator and wrote its credentials to the data folder.
    const credentials = readCredentialsFile(path.join(dataDir, 'dev-credentials.env'));
    const login = await fetch(`${cmsUrl}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: credentials?.BAOBAB_ADMIN_EMAIL, password: credentials?.BAOBAB_ADMIN_PASSWORD }),
    });
    const token = ((await login.json()) as { data?: { token?: string } }).data?.token;
    expectThat(login.status === 200 && token !== undefined, 'CMS: an administrator logs in', `HTTP ${login.status}`);
    const auth = { authorization: `Bearer ${token ?? ''}` };
    for (const route of ['/admin/information', '/content-manager/init', '/upload/configuration']) {
      const answer = await fetch(`${cmsUrl}${route}`, { headers: auth });
      expectThat(answer.status === 200, `CMS: ${route} answers`, `HTTP ${answer.status} ${await answer.text()}`);
    }
    const form = new FormData();
    form.append('files', new Blob([Buffer.from(ONE_PIXEL_PNG, 'base64')], { type: 'image/png' }), 'pixel.png');
    const upload = await fetch(`${cmsUrl}/upload`, { method: 'POST', headers: auth, body: form });
    const uploaded = (await upload.json()) as { width?: number }[];
    expectThat(upload.status === 201 && uploaded[0]?.width === 1, 'CMS: an image uploads and sharp reads its size', `HTTP ${upload.status} ${JSON.stringify(uploaded)}`);

    const graphql = await fetch(`${cmsUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ sites { code hostnames channels } }' }),
    });
    const answer = (await graphql.json()) as { data?: { sites?: Site[] } };
    const sites = answer.data?.sites ?? [];
    expectThat(graphql.status === 200 && sites.length > 0, 'CMS: /graphql answers with the sites', JSON.stringify(answer));
    const site = sites.find((candidate) => (candidate.channels.ussd?.serviceCodes ?? []).length > 0 && candidate.hostnames.length > 0) ?? sites[0];
    if (site === undefined) throw new Error('no site');

    const mobi = startProcess(folder, 'mobi', { ...base, PORT: String(mobiPort), CMS_URL: cmsUrl, BAOBAB_READER_SECRET: randomSecret() });
    started.push(mobi);
    await waitForStatus(mobi, `http://127.0.0.1:${mobiPort}/_baobab/health`, 204, 120_000);
    const host = site.hostnames[0] ?? '';
    const page = await getWithHost(`http://127.0.0.1:${mobiPort}/`, host);
    expectThat(page.status === 200 && page.body.includes('<html') && !page.body.includes('<script'), `mobi: ${host}'s home page renders (no script)`, `HTTP ${page.status} ${page.body}`);
    const missing = await getWithHost(`http://127.0.0.1:${mobiPort}/no-such-page-dist-check`, host);
    expectThat(missing.status === 404 && missing.body.includes('<html'), `mobi: an unknown path answers the site's 404 page`, `HTTP ${missing.status} ${missing.body}`);

    const chat = startProcess(folder, 'chat', {
      ...base,
      PORT: String(chatPort),
      CMS_URL: cmsUrl,
      // Every provider setting is required in production; none is called by a USSD dial.
      SMS_API_URL: 'http://127.0.0.1:9/sms',
      SMS_API_KEY: randomSecret(),
      SMS_USERNAME: 'dist-check',
      SMS_WEBHOOK_SECRET: randomSecret(),
      WHATSAPP_API_URL: 'http://127.0.0.1:9/whatsapp',
      WHATSAPP_TOKEN: randomSecret(),
      WHATSAPP_APP_SECRET: randomSecret(),
      WHATSAPP_VERIFY_TOKEN: randomSecret(),
      TELEGRAM_API_URL: 'http://127.0.0.1:9/telegram',
      TELEGRAM_BOT_TOKEN: randomSecret(),
      TELEGRAM_SECRET_TOKEN: randomSecret(),
    });
    started.push(chat);
    await waitForStatus(chat, `http://127.0.0.1:${chatPort}/_baobab/health`, 204, 120_000);
    const serviceCode = site.channels.ussd?.serviceCodes?.[0] ?? '';
    const dial = await fetch(`http://127.0.0.1:${chatPort}/ussd/africastalking`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sessionId: 'dist-check-1', serviceCode, phoneNumber: '+254700000001', networkCode: '63902', text: '' }).toString(),
    });
    const screen = await dial.text();
    expectThat(dial.status === 200 && screen.startsWith('CON '), `chat: a USSD dial on ${serviceCode} answers with a menu`, `HTTP ${dial.status} ${screen}`);
  } catch (error) {
    for (const process of started) console.error(`--- ${process.name} output (last lines) ---\n${process.output().slice(-3000)}`);
    throw error;
  } finally {
    for (const process of started.reverse()) await stop(process.child, 10_000);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const folder = path.resolve(root, process.argv[2] ?? 'dist/app');
  checkDist(folder).then(
    () => console.log(`dist-check: ${path.relative(root, folder)} runs: admin page, /graphql, a mobi page, a USSD dial`),
    (error: unknown) => {
      console.error(`dist-check: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
