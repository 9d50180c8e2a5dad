// Boots a real CMS with demo content and the mobi-site's production build against it,
// each on a free loopback port, for the HTTP tests.
import crypto from 'node:crypto';
import path from 'node:path';
import { freePort, resetPostgres, startCms, startMobi, type RunningCms, type RunningMobi } from '@baobab/testkit';
import { ensureBuild } from '../../scripts/serve';

declare global {
  // eslint-disable-next-line no-var
  var __BAOBAB_MOBI__: { cms: RunningCms; mobi: RunningMobi } | undefined;
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
  const mobi = await startMobi({
    cmsUrl: cms.url,
    port,
    env: { BAOBAB_NOTIFY_SECRET: secret, BAOBAB_WRITE_SECRET: writeSecret, BAOBAB_READER_SECRET: readerSecret, BAOBAB_IMAGE_CACHE_DIR: path.join(cms.dataDir, 'image-cache') },
  }).catch(async (error: unknown) => {
    await cms.stop();
    throw error;
  });
  globalThis.__BAOBAB_MOBI__ = { cms, mobi };
  process.env.BAOBAB_TEST_MOBI_URL = `http://127.0.0.1:${port}`;
  // Own names: the CMS API project's global setup runs in the same jest process.
  process.env.BAOBAB_TEST_MOBI_CMS_URL = cms.url;
  process.env.BAOBAB_TEST_MOBI_API_TOKEN = cms.apiToken;
  process.env.BAOBAB_TEST_MOBI_CMS_DATA_DIR = cms.dataDir;
  process.env.BAOBAB_TEST_MOBI_WRITE_SECRET = writeSecret;
  process.env.BAOBAB_TEST_NOTIFY_SECRET = secret;
}
