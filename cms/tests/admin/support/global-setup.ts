// Boots one real CMS with its admin panel for the browser tests: builds the panel first when
// it is missing or older than src/admin (about a minute), then starts the CMS on a fresh
// SQLite file with the demo content and hands its URL and dev credentials to the tests.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { readCredentialsFile } from '../../../src/bootstrap/dev-access';
import { freePort, randomSecret, startCms, type RunningCms } from '@baobab/testkit';
import { startMobi, type RunningMobi } from './mobi';

declare global {
  // eslint-disable-next-line no-var
  var __BAOBAB_ADMIN_CMS__: RunningCms | undefined;
  // eslint-disable-next-line no-var
  var __BAOBAB_ADMIN_MOBI__: RunningMobi | undefined;
}

const cmsDir = path.resolve(__dirname, '../../..');

export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(cmsDir, 'scripts/build-admin.ts'), '--if-stale'], {
    cwd: cmsDir,
    stdio: ['ignore', 'inherit', 'inherit'],
    // Built as `npm start` builds it (no NODE_ENV, so Vite's production mode), not with jest's
    // NODE_ENV=test: Strapi turns its guided tour off in test builds only, and the tests must
    // see the panel editors get.
    env: { ...process.env, NODE_ENV: undefined, STRAPI_TELEMETRY_DISABLED: 'true' },
    timeout: 600_000,
  });
  // SQLite always: this CMS must not share (and reset) the PostgreSQL database of the API tests.
  // The Preview button opens the mobi-site, started beside the CMS on a port chosen first.
  const mobiPort = await freePort();
  const writeSecret = randomSecret();
  const cms = await startCms({ env: { BAOBAB_WRITE_SECRET: writeSecret, BAOBAB_SERVE_ADMIN: 'true', DATABASE_URL: undefined, BAOBAB_PREVIEW_URL: `http://127.0.0.1:${mobiPort}`, BAOBAB_ADMIN_LOGIN_LIMIT: '100' }, timeoutMs: 300_000 });
  globalThis.__BAOBAB_ADMIN_CMS__ = cms;
  try {
    globalThis.__BAOBAB_ADMIN_MOBI__ = await startMobi({ port: mobiPort, cmsUrl: cms.url, dataDir: cms.dataDir, writeSecret });
  } catch (error) {
    await cms.stop();
    throw error;
  }
  process.env.BAOBAB_TEST_ADMIN_MOBI_URL = globalThis.__BAOBAB_ADMIN_MOBI__.url;
  const credentials = readCredentialsFile(path.join(cms.dataDir, 'dev-credentials.env'));
  if (!credentials) {
    await cms.stop();
    throw new Error(`The CMS wrote no dev credentials to ${cms.dataDir}/dev-credentials.env`);
  }
  process.env.BAOBAB_TEST_ADMIN_CMS_URL = cms.url;
  process.env.BAOBAB_TEST_ADMIN_CMS_DATA_DIR = cms.dataDir;
  process.env.BAOBAB_TEST_ADMIN_WRITE_SECRET = writeSecret;
  process.env.BAOBAB_TEST_ADMIN_API_TOKEN = credentials.BAOBAB_API_TOKEN;
  process.env.BAOBAB_TEST_ADMIN_EMAIL = credentials.BAOBAB_ADMIN_EMAIL;
  process.env.BAOBAB_TEST_ADMIN_PASSWORD = credentials.BAOBAB_ADMIN_PASSWORD;
}
