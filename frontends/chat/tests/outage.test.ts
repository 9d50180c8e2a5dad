import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import type { RunningGateway } from '../src/server/start';
import { cmsUrl, dial, startTestGateway, TEST_SECRETS } from './support/gateway';
import { closedPort, startTcpProxy, type TcpProxy } from './support/tcp-proxy';

const UNAVAILABLE = 'END The service is busy. Please try again in a few minutes.';
const redisTarget = () => {
  const url = new URL(process.env.BAOBAB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
  return { host: url.hostname, port: Number(url.port || 6379), db: url.pathname };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One Africa's Talking session against `gateway`; `send` answers the body and how long the hop took. */
function session(gateway: RunningGateway, serviceCode: string) {
  const fields = { sessionId: `ATUid_${crypto.randomUUID()}`, serviceCode, phoneNumber: `+2547${crypto.randomInt(10_000_000, 99_999_999)}`, networkCode: '63902' };
  const inputs: string[] = [];
  return {
    async send(input?: string): Promise<{ body: string; ms: number }> {
      if (input !== undefined) inputs.push(input);
      const started = Date.now();
      const answer = await dial(gateway.url, { ...fields, text: inputs.join('*') });
      expect(answer.status).toBe(200);
      return { body: answer.body, ms: Date.now() - started };
    },
  };
}

describe('Redis outage', () => {
  it('fails fast at start-up with a message naming REDIS_URL when Redis is unreachable', async () => {
    const port = await closedPort();
    const started = Date.now();
    await expect(startTestGateway(null, { REDIS_URL: `redis://127.0.0.1:${port}/0` })).rejects.toThrow(new RegExp(`^REDIS_URL redis://127\\.0\\.0\\.1:${port}/0: cannot connect`));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exits the gateway process with status 1 instead of never listening', async () => {
    const port = await closedPort();
    const serve = path.resolve(__dirname, '../scripts/serve.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', serve], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, NODE_ENV: 'development', PORT: '0', METRICS_PORT: 'off', CMS_URL: cmsUrl(), REDIS_URL: `redis://127.0.0.1:${port}/0` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 20_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^chat: REDIS_URL redis:\/\/127\.0\.0\.1:\d+\/0: cannot connect .*unset REDIS_URL/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  describe('mid-session, through a proxy that is cut or stalled', () => {
    let proxy: TcpProxy;
    let gateway: RunningGateway;
    beforeAll(async () => {
      const target = redisTarget();
      proxy = await startTcpProxy(target);
      gateway = await startTestGateway(null, { REDIS_URL: `redis://127.0.0.1:${proxy.port}${target.db}` });
    });
    afterAll(async () => {
      await gateway.stop();
      await proxy.close();
    });

    it('answers every hop at once with END and a sentence while Redis is cut, and CON again once it is back', async () => {
      const s = session(gateway, '*120*200#');
      expect((await s.send()).body).toMatch(/^CON /);
      expect((await s.send('1')).body).toMatch(/^CON /);
      proxy.cut();
      const hops = [];
      for (let i = 0; i < 20; i += 1) hops.push(await (i % 2 === 0 ? s.send('1') : session(gateway, '*120*200#').send()));
      expect(hops.map((hop) => hop.body)).toEqual(Array.from({ length: 20 }, () => UNAVAILABLE));
      expect(Math.max(...hops.map((hop) => hop.ms))).toBeLessThan(1500);
      proxy.restore();
      let again = '';
      for (let tries = 0; tries < 50 && !again.startsWith('CON '); tries += 1) {
        await sleep(100);
        again = (await session(gateway, '*120*200#').send()).body;
      }
      expect(again).toMatch(/^CON /);
    });

    it('is not ready (503, naming Redis) while Redis is cut, and ready again once it is back', async () => {
      expect((await fetch(`${gateway.url}/_baobab/ready`)).status).toBe(200);
      proxy.cut();
      try {
        const down = await fetch(`${gateway.url}/_baobab/ready`);
        expect(down.status).toBe(503);
        expect(((await down.json()) as { reason: string }).reason).toMatch(/^Redis \(REDIS_URL\) is not reachable/);
      } finally {
        proxy.restore();
      }
      let status = 0;
      for (let tries = 0; tries < 50 && status !== 200; tries += 1) {
        await sleep(100);
        status = (await fetch(`${gateway.url}/_baobab/ready`)).status;
      }
      expect(status).toBe(200);
    });

    it('answers END within the command timeout when Redis accepts the connection but never replies', async () => {
      const s = session(gateway, '*120*200#');
      expect((await s.send()).body).toMatch(/^CON /);
      proxy.stall();
      try {
        const hop = await s.send('1');
        expect(hop.body).toBe(UNAVAILABLE);
        expect(hop.ms).toBeLessThan(3000);
      } finally {
        proxy.restore();
      }
    });
  });
});

describe('CMS outage', () => {
  let proxy: TcpProxy;
  let gateway: RunningGateway;
  beforeAll(async () => {
    const cms = new URL(cmsUrl());
    proxy = await startTcpProxy({ host: cms.hostname, port: Number(cms.port) });
    gateway = await startTestGateway(null, { CMS_URL: `http://127.0.0.1:${proxy.port}`, CONTENT_TTL_SECONDS: '1' });
  });
  afterAll(async () => {
    await gateway.stop();
    await proxy.close();
  });

  /** Language 1, the first section, down to an article and its second screen. */
  async function walk(serviceCode: string): Promise<string[]> {
    const s = session(gateway, serviceCode);
    const screens = [(await s.send()).body, (await s.send('1')).body];
    let screen = (await s.send('1')).body;
    screens.push(screen);
    for (let depth = 0; /\n1\. /.test(screen) && depth < 4; depth += 1) {
      screen = (await s.send('1')).body;
      screens.push(screen);
    }
    screens.push((await s.send('98')).body);
    return screens;
  }

  it('keeps serving last-known menus, articles and content reads past the freshness TTL while the CMS is unreachable', async () => {
    const warm = await walk('*384*100#');
    expect(warm.every((screen) => screen.startsWith('CON '))).toBe(true);
    const read = await fetch(`${gateway.url}/content/kijana-ke/en-KE/hiv-testing-basics?channel=sms`);
    expect(read.status).toBe(200);
    const warmRead = await read.json();

    proxy.cut();
    await sleep(1200);
    expect(await walk('*384*100#')).toEqual(warm);
    const stale = await fetch(`${gateway.url}/content/kijana-ke/en-KE/hiv-testing-basics?channel=sms`);
    expect(stale.status).toBe(200);
    expect(await stale.json()).toEqual(warmRead);

    // Still served after another TTL, and after a change notice cleared the fresh cache.
    const notice = await fetch(`${gateway.url}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': TEST_SECRETS.notify } });
    expect(notice.status).toBe(204);
    await sleep(1200);
    expect(await walk('*384*100#')).toEqual(warm);
    proxy.restore();
  });

  it('answers a site never dialled before with END and a sentence, at once, and a never-read article with 503', async () => {
    // Warm only the list of sites, then cut: mama-ng's menus were never fetched.
    expect((await session(gateway, '*384*100#').send()).body).toMatch(/^CON /);
    proxy.cut();
    await sleep(1200);
    try {
      const started = Date.now();
      const s = session(gateway, '*347*300#');
      const first = await s.send();
      const hop = first.body.startsWith('CON ') ? await s.send('1') : first;
      expect(hop.body).toBe(UNAVAILABLE);
      expect(Date.now() - started).toBeLessThan(3000);
      const never = await fetch(`${gateway.url}/content/mama-ng/ha-NG/never-read-before?channel=sms`);
      expect(never.status).toBe(503);
      expect((await never.json()).error.code).toBe('UNAVAILABLE');
    } finally {
      proxy.restore();
    }
  });
});
