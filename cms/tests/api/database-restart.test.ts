// PostgreSQL goes away under a running CMS: every server connection of its database killed
// (as a PostgreSQL restart does), then the database unreachable (a TCP proxy cut). The CMS
// must come back by itself: the delivery API, the REST API and /_ready answer again within a
// bound, without a restart. Runs in every pass of this project (SQLite or not): the test
// makes a database of its own on the PostgreSQL at PG_URL (default 127.0.0.1:5432, as CI's).
import crypto from 'node:crypto';
import { startCms, startTcpProxy, waitFor, type RunningCms, type TcpProxy } from '@baobab/testkit';
import { Client } from 'pg';

/** Back within this after the connections were killed or the database came back (pool reaping + a connect). */
const RECOVERY_BOUND_MS = 5_000;
const server = new URL(process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const database = `baobab_failure_${crypto.randomBytes(6).toString('hex')}`;

let admin: Client;
let proxy: TcpProxy;
let cms: RunningCms;

const adminUrl = () => Object.assign(new URL(server.href), { pathname: '/postgres' }).href;

async function rest(method: 'GET' | 'POST', pathname: string, body?: unknown): Promise<number> {
  const response = await fetch(`${cms.url}/api${pathname}`, {
    method,
    headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The delivery API's title of a kijana-ke article, or null; throws when it does not answer 200. */
async function deliveredTitle(slug: string): Promise<string | null> {
  const response = await fetch(`${cms.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query($slug: String!) { site(code: "kijana-ke") { article(slug: $slug, locale: "en-KE") { title } } }', variables: { slug } }),
    signal: AbortSignal.timeout(10_000),
  });
  const answer = (await response.json()) as { data?: { site?: { article?: { title: string } | null } | null }; errors?: unknown[] };
  if (response.status !== 200 || answer.errors) throw new Error(`delivery answered ${response.status}`);
  return answer.data?.site?.article?.title ?? null;
}

const readiness = async () => {
  const response = await fetch(`${cms.url}/_ready`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as { ready: boolean; reason?: string } };
};

/** A new published article through REST, then read through the delivery API: both paths reach the database. */
async function writeAndDeliver(title: string): Promise<boolean> {
  const slug = `db-restart-${crypto.randomBytes(4).toString('hex')}`;
  const created = await rest('POST', '/articles?locale=en&status=published', { data: { title, slug, sites: ['kijana-ke'], body: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] } });
  return created === 201 && (await deliveredTitle(slug)) === title;
}

/** Polls every part until all answer; the milliseconds it took. */
async function recovery(what: string): Promise<number> {
  const started = Date.now();
  await waitFor(async () => (await readiness()).status === 200 && (await rest('GET', '/articles?locale=en')) === 200 && (await writeAndDeliver(`Back after ${what}`)), 30_000, `the CMS after ${what}`);
  return Date.now() - started;
}

beforeAll(async () => {
  admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const url = Object.assign(new URL(server.href), { port: String(proxy.port), pathname: `/${database}` }).href;
  cms = await startCms({ env: { DATABASE_URL: url } });
}, 300_000);

afterAll(async () => {
  await cms?.stop();
  await proxy?.close();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

it('answers again within the bound after every connection to its database was killed', async () => {
  expect(await writeAndDeliver('Before the kill')).toBe(true);
  const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
  expect(killed.rowCount).toBeGreaterThan(0);
  const ms = await recovery('pg_terminate_backend');
  console.log(`database-restart: CMS answering ${ms} ms after its ${killed.rowCount} connections were killed`);
  expect(ms).toBeLessThan(RECOVERY_BOUND_MS);
});

it('says 503 on /_ready while the database is unreachable, and is back within the bound when it returns', async () => {
  proxy.cut();
  try {
    const started = Date.now();
    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.reason).toMatch(/^the database is not reachable/);
    expect(Date.now() - started).toBeLessThan(3_000);
    // A request that needs the database fails instead of hanging on the pool.
    const failed = Date.now();
    expect(await rest('GET', '/articles?locale=en')).toBeGreaterThanOrEqual(500);
    expect(Date.now() - failed).toBeLessThan(12_000);
  } finally {
    proxy.restore();
  }
  const ms = await recovery('the database came back');
  console.log(`database-restart: CMS answering ${ms} ms after the database came back`);
  expect(ms).toBeLessThan(RECOVERY_BOUND_MS);
});

it('says 503 on /_ready within its 2 s budget while the database hangs, and is back within the bound once it answers', async () => {
  expect((await readiness()).status).toBe(200);
  proxy.stall();
  try {
    const started = Date.now();
    const hung = await readiness();
    expect(hung.status).toBe(503);
    expect(hung.body.reason).toMatch(/^the database is not reachable: no answer within 2000 ms/);
    expect(Date.now() - started).toBeLessThan(3_000);
  } finally {
    proxy.restore();
  }
  const ms = await recovery('the database stopped hanging');
  console.log(`database-restart: CMS answering ${ms} ms after the database stopped hanging`);
  expect(ms).toBeLessThan(RECOVERY_BOUND_MS);
});
