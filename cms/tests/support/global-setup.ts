// Boots one real CMS for the API tests (SQLite in a temp folder, or PostgreSQL when
// DATABASE_URL is set, reset first) and hands its URL and API token to the test files.
import { freePort, resetPostgres, startCms, type RunningCms } from '@baobab/testkit';

declare global {
  // eslint-disable-next-line no-var
  var __BAOBAB_CMS__: RunningCms | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) await resetPostgres(process.env.DATABASE_URL);
  // Metrics on a free port of their own (observability.test.ts reads them).
  const metricsPort = await freePort();
  const cms = await startCms({ env: { METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1' } });
  process.env.BAOBAB_TEST_CMS_METRICS_URL = `http://127.0.0.1:${metricsPort}/metrics`;
  globalThis.__BAOBAB_CMS__ = cms;
  process.env.BAOBAB_TEST_CMS_URL = cms.url;
  process.env.BAOBAB_TEST_API_TOKEN = cms.apiToken;
  process.env.BAOBAB_TEST_CMS_PID = String(cms.child.pid ?? '');
  process.env.BAOBAB_TEST_CMS_DATA_DIR = cms.dataDir;
}
