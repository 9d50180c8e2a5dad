// Boots a real CMS with demo content and the mobi-site's production build against it,
// each on a free loopback port, for the HTTP tests.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { freePort, resetPostgres, startCms, waitFor, type RunningCms } from '@baobab/testkit';
import { ensureBuild } from '../../scripts/serve';

declare global {
  // eslint-disable-next-line no-var
  var __BAOBAB_MOBI__: { cms: RunningCms; mobi: ChildProcess } | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) await resetPostgres(process.env.DATABASE_URL);
  const port = await freePort();
  const secret = crypto.randomBytes(24).toString('base64url');
  // The mobi's key for mutations (plugin posts such as votes), shared with the CMS.
  const writeSecret = crypto.randomBytes(24).toString('base64url');
  const readerSecret = crypto.randomBytes(24).toString('base64url');
  ensureBuild();
  const cms = await startCms({ env: { BAOBAB_NOTIFY_URLS: `http://127.0.0.1:${port}/_baobab/invalidate`, BAOBAB_NOTIFY_SECRET: secret, BAOBAB_WRITE_SECRET: writeSecret } });
  let output = '';
  const mobi = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../scripts/serve.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CMS_URL: cms.url, NODE_ENV: 'production', BAOBAB_NOTIFY_SECRET: secret, BAOBAB_WRITE_SECRET: writeSecret, BAOBAB_READER_SECRET: readerSecret, BAOBAB_IMAGE_CACHE_DIR: path.join(cms.dataDir, 'image-cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mobi.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  mobi.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  mobi.once('exit', () => (exited = true));
  const answers = async () => {
    if (exited) throw new Error('the mobi-site exited during start-up');
    return (await fetch(`http://127.0.0.1:${port}/`)).status < 500;
  };
  await waitFor(answers, 60_000, 'the mobi-site').catch(async (error: unknown) => {
    await cms.stop();
    mobi.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output.slice(-3000)}`);
  });
  globalThis.__BAOBAB_MOBI__ = { cms, mobi };
  process.env.BAOBAB_TEST_MOBI_URL = `http://127.0.0.1:${port}`;
  // Own names: the CMS API project's global setup runs in the same jest process.
  process.env.BAOBAB_TEST_MOBI_CMS_URL = cms.url;
  process.env.BAOBAB_TEST_MOBI_API_TOKEN = cms.apiToken;
  process.env.BAOBAB_TEST_MOBI_CMS_DATA_DIR = cms.dataDir;
  process.env.BAOBAB_TEST_MOBI_WRITE_SECRET = writeSecret;
}
