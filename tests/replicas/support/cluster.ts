// Two of each process on one PostgreSQL database of the test's own and Redis, with nginx in
// front: the two-server shape of docs/operations.md on loopback. The CMS replicas start one
// after the other (the first creates the tables and seeds, the second finds them) and share
// one data folder (secrets, the API token, media); mobi and chat reach the CMS through nginx.
import path from 'node:path';
import {
  createPostgresDatabase,
  freePort,
  randomSecret,
  startChat,
  startCms,
  startMobi,
  startNginx,
  type RunningChat,
  type RunningCms,
  type RunningMobi,
  type RunningNginx,
  type TestDatabase,
} from '@baobab/testkit';

export interface Cluster {
  readonly cms: readonly RunningCms[];
  readonly mobi: readonly RunningMobi[];
  readonly chat: readonly RunningChat[];
  readonly nginx: RunningNginx;
  /** nginx's URL for each process kind. */
  readonly lb: { readonly cms: string; readonly mobi: string; readonly chat: string };
  readonly apiToken: string;
  stop(): Promise<void>;
}

/** The server the test's own database is made on (CI's PG_URL, else the local default). */
const serverUrl = () => process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Redis as the contract uses it (REDIS_URL); DB 0 holds sessions under unique ids, and pub/sub spans every DB anyway. */
const redisUrl = () => process.env.BAOBAB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const address = (port: number) => `127.0.0.1:${port}`;
const portOf = (url: string) => Number(new URL(url).port);

/** Whatever was started, stopped in reverse order; every one is tried, then the first failure is thrown. */
async function stopAll(stoppers: ReadonlyArray<() => Promise<void>>): Promise<void> {
  let failure: unknown = null;
  for (const stop of [...stoppers].reverse()) {
    try {
      await stop();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== null) throw failure;
}

export async function startCluster(): Promise<Cluster> {
  const stoppers: Array<() => Promise<void>> = [];
  try {
    const database: TestDatabase = await createPostgresDatabase(serverUrl(), 'baobab_replicas');
    stoppers.push(() => database.drop());
    const writeSecret = randomSecret();
    const cmsEnv = { DATABASE_URL: database.url, DATABASE_POOL_MAX: '5', REDIS_URL: redisUrl(), BAOBAB_WRITE_SECRET: writeSecret };
    // One after the other: two CMSs creating the same tables at once race on PostgreSQL.
    const first = await startCms({ env: cmsEnv });
    stoppers.push(() => first.stop());
    const second = await startCms({ env: cmsEnv, dataDir: first.dataDir });
    stoppers.push(() => second.stop());

    // nginx before the front ends (they reach the CMS through it), so their ports are chosen now.
    const mobiPorts = [await freePort(), await freePort()];
    const chatPorts = [await freePort(), await freePort()];
    const nginx = await startNginx({
      cms: [first, second].map((cms) => address(portOf(cms.url))),
      mobi: mobiPorts.map(address),
      chat: chatPorts.map(address),
    });
    stoppers.push(() => nginx.stop());
    const cmsUrl = nginx.urls.cms ?? '';

    // The same reader secret on both mobi replicas: a signed cookie from one is good on the other.
    const readerSecret = randomSecret();
    const mobi: RunningMobi[] = [];
    for (const [index, port] of mobiPorts.entries()) {
      // One after the other too: the first may have to build the site (next build) first.
      const replica = await startMobi({
        cmsUrl,
        port,
        timeoutMs: 300_000,
        env: { REDIS_URL: redisUrl(), BAOBAB_WRITE_SECRET: writeSecret, BAOBAB_READER_SECRET: readerSecret, BAOBAB_IMAGE_CACHE_DIR: path.join(first.dataDir, `image-cache-${index}`) },
      });
      stoppers.push(() => replica.stop());
      mobi.push(replica);
    }
    const chat: RunningChat[] = [];
    for (const port of chatPorts) {
      const replica = await startChat({ cmsUrl, port, env: { REDIS_URL: redisUrl(), BAOBAB_WRITE_SECRET: writeSecret } });
      stoppers.push(() => replica.stop());
      chat.push(replica);
    }
    return {
      cms: [first, second],
      mobi,
      chat,
      nginx,
      lb: { cms: cmsUrl, mobi: nginx.urls.mobi ?? '', chat: nginx.urls.chat ?? '' },
      apiToken: first.apiToken,
      stop: () => stopAll(stoppers),
    };
  } catch (error) {
    await stopAll(stoppers).catch(() => undefined);
    throw error;
  }
}
