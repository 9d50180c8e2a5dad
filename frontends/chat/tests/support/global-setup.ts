// Boots one real CMS with demo content for the gateway tests (SQLite in a temp folder, or
// PostgreSQL when DATABASE_URL is set) and makes sure Redis answers for the Redis-backed run.
// The CMS notifies one gateway port of every change and window boundary, as in production
// (BAOBAB_NOTIFY_URLS): a test that needs notices starts its gateway there.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { freePort, resetPostgres, startCms, type RunningCms } from '@baobab/testkit';
import { TEST_SECRETS } from './secrets';

declare global {
  // eslint-disable-next-line no-var
  var __BAOBAB_CHAT_CMS__: RunningCms | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) await resetPostgres(process.env.DATABASE_URL);
  execFileSync('bash', [path.resolve(__dirname, '../../../../scripts/ensure-redis.sh')], { stdio: 'inherit' });
  const notifiedPort = await freePort();
  const cms = await startCms({
    env: { BAOBAB_NOTIFY_URLS: `http://127.0.0.1:${notifiedPort}/_baobab/invalidate`, BAOBAB_NOTIFY_SECRET: TEST_SECRETS.notify, BAOBAB_WRITE_SECRET: TEST_SECRETS.write },
  });
  globalThis.__BAOBAB_CHAT_CMS__ = cms;
  // Own names: other projects' global setups run in the same jest process.
  process.env.BAOBAB_TEST_CHAT_CMS_URL = cms.url;
  process.env.BAOBAB_TEST_CHAT_API_TOKEN = cms.apiToken;
  process.env.BAOBAB_TEST_CHAT_NOTIFIED_PORT = String(notifiedPort);
  process.env.BAOBAB_TEST_REDIS_URL ??= 'redis://127.0.0.1:6379/0';
}
