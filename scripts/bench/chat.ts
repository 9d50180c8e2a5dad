// `npm run bench:chat`: 200 simulated USSD sessions at once against the real chat gateway
// (in this process, content from a real CMS with the demo sites), each dialling, picking a
// language, a section and an article and paging; then the same client against a bare Node
// server answering a CON screen of the same size. Prints hops/s, client latency and the
// gateway's own time (server-timing) per round and as medians, and the ratio to bare Node.
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { startCms, type RunningCms } from '@baobab/testkit';
import { loadConfig } from '../../frontends/chat/src/config';
import { startGateway, type RunningGateway } from '../../frontends/chat/src/server/start';
import { median, positiveInt, ratio, ROUNDS, SECONDS } from './lib';
import { LOAD_FLAG, resultSchema, type LoadResult, type Run } from './ussd-load';

const SESSIONS = positiveInt('BENCH_SESSIONS', 200, 2000);
const SERVICE_CODES = ['*384*100#', '*120*200#', '*347*300#'] as const;
const TARGET_SERVER_P99_MS = 20;

const sitesSchema = z.object({
  data: z.object({
    sites: z.array(
      z.object({
        code: z.string(),
        locales: z.array(z.object({ code: z.string() })),
        channels: z.object({ ussd: z.object({ serviceCodes: z.array(z.string()) }).optional() }).nullable(),
      }),
    ),
  }),
});

/**
 * One session's inputs per service code: dial, the language menu's first entry when the
 * site has several locales, the first section, its first article, a page on, then another
 * page or back (half the sessions each).
 */
async function sessionPlans(cmsUrl: string): Promise<Run['plans']> {
  const response = await fetch(`${cmsUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ sites { code locales { code } channels } }' }),
  });
  const { sites } = sitesSchema.parse(await response.json()).data;
  return SERVICE_CODES.flatMap((serviceCode) => {
    const site = sites.find((candidate) => candidate.channels?.ussd?.serviceCodes.includes(serviceCode));
    if (!site) throw new Error(`no demo site has the USSD service code ${serviceCode}`);
    const start = ['', ...(site.locales.length > 1 ? ['1'] : []), '1', '1', '98'];
    return [
      { serviceCode, inputs: [...start, '98'] },
      { serviceCode, inputs: [...start, '0'] },
    ];
  });
}

/** Walks one plan hop by hop and returns the answers, to show what is measured and size the baseline. */
async function transcript(url: string, plan: Run['plans'][number]): Promise<string[]> {
  const answers: string[] = [];
  for (let hop = 0; hop < plan.inputs.length; hop += 1) {
    const form = new URLSearchParams({
      sessionId: 'bench-transcript',
      serviceCode: plan.serviceCode,
      phoneNumber: '+254799999999',
      networkCode: '63902',
      text: plan.inputs.slice(1, hop + 1).join('*'),
    });
    const response = await fetch(url, { method: 'POST', body: form });
    answers.push(await response.text());
  }
  return answers;
}

/** A bare Node server that reads the body and answers these bytes, timing itself as the gateway does. */
async function startBareServer(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    req.resume();
    req.on('end', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'server-timing': `app;dur=${ms.toFixed(2)}`, 'cache-control': 'no-store' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/ussd/africastalking`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The load generator in its own process; `run` sends it one run and waits for the result. */
function startLoadGenerator(plans: Run['plans']) {
  const child: ChildProcess = fork(path.join(__dirname, 'ussd-load.ts'), [LOAD_FLAG], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  let nextSession = 0;
  return {
    async run(url: string, seconds: number): Promise<LoadResult> {
      const request: Run = { url, plans, sessions: SESSIONS, seconds, firstSession: nextSession };
      const result = await new Promise<LoadResult>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the load generator exited (${code}) during a run`));
        child.once('exit', onExit);
        child.once('message', (message: unknown) => {
          child.off('exit', onExit);
          const parsed = resultSchema.safeParse(message);
          if (parsed.success) resolve(parsed.data);
          else reject(new Error(`the load generator sent something unexpected: ${parsed.error.message}`));
        });
        child.send(request);
      });
      nextSession += result.sessionsStarted;
      return result;
    },
    stop: () => child.kill(),
  };
}

const percentile = (values: Float64Array, p: number) => {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
};
const ms = (value: number) => Math.round(value * 100) / 100;

interface Row {
  readonly round: string;
  readonly target: string;
  readonly 'hops/s': number;
  readonly 'client p50 ms': number;
  readonly 'client p99 ms': number;
  readonly 'server p50 ms': number;
  readonly 'server p99 ms': number;
  readonly failed: number;
}

function row(round: string, target: string, result: LoadResult): Row {
  return {
    round,
    target,
    'hops/s': Math.round((result.hops / result.elapsedMs) * 1000),
    'client p50 ms': ms(percentile(result.clientMs, 0.5)),
    'client p99 ms': ms(percentile(result.clientMs, 0.99)),
    'server p50 ms': ms(percentile(result.serverMs, 0.5)),
    'server p99 ms': ms(percentile(result.serverMs, 0.99)),
    failed: result.failures,
  };
}

function medianRow(target: string, rows: readonly Row[]): Row {
  const of = (key: Exclude<keyof Row, 'round' | 'target'>) => median(rows.map((r) => r[key]));
  return {
    round: 'median',
    target,
    'hops/s': of('hops/s'),
    'client p50 ms': of('client p50 ms'),
    'client p99 ms': of('client p99 ms'),
    'server p50 ms': of('server p50 ms'),
    'server p99 ms': of('server p99 ms'),
    failed: rows.reduce((total, r) => total + r.failed, 0),
  };
}

async function main(): Promise<number> {
  const began = Date.now();
  let cms: RunningCms | undefined;
  let gateway: RunningGateway | undefined;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  let load: ReturnType<typeof startLoadGenerator> | undefined;
  const gatewayLog: string[] = [];
  let stopping: Promise<void> | undefined;
  const cleanup = () =>
    (stopping ??= (async () => {
      load?.stop();
      await bare?.close();
      await gateway?.stop();
      await cms?.stop();
    })());
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  try {
    console.log('Starting a CMS with demo content and the chat gateway…');
    cms = await startCms({ env: { LOG_LEVEL: 'warn' } });
    const plans = await sessionPlans(cms.url);
    gateway = await startGateway(loadConfig({ PORT: '0', METRICS_PORT: 'off', CMS_URL: cms.url, NODE_ENV: 'development' }), (message) => gatewayLog.push(message));
    const gatewayUrl = `${gateway.url}/ussd/africastalking`;

    const [firstPlan] = plans;
    if (!firstPlan) throw new Error('no session plans');
    const answers = await transcript(gatewayUrl, firstPlan);
    console.log(`One session on ${firstPlan.serviceCode}:`);
    answers.forEach((answer, hop) =>
      console.log(`  ${hop === 0 ? 'dial' : `"${firstPlan.inputs[hop]}"`.padEnd(4)} → ${JSON.stringify(answer.split('\n')[0]?.slice(0, 60))}… (${Buffer.byteLength(answer)} bytes)`),
    );
    const meanBytes = answers.reduce((total, answer) => total + Buffer.byteLength(answer), 0) / answers.length;
    const typical = [...answers].sort((a, b) => Math.abs(Buffer.byteLength(a) - meanBytes) - Math.abs(Buffer.byteLength(b) - meanBytes))[0] ?? 'CON ';
    bare = await startBareServer(typical);
    load = startLoadGenerator(plans);

    const targets = [
      { name: 'gateway /ussd/africastalking', url: gatewayUrl },
      { name: `bare Node http, ${Buffer.byteLength(typical)} B CON`, url: bare.url },
    ] as const;
    const codes = [...new Set(plans.map((plan) => plan.serviceCode))].join(', ');
    console.log(`\nLoad: ${SESSIONS} concurrent USSD sessions (${codes}), ${plans[0]?.inputs.length ?? 0} hops each, a new session as soon as one ends;`);
    console.log(`one warm-up pass, then ${ROUNDS} rounds of ${SECONDS} s per target, interleaved. Client in its own process; gateway and bare server in this one.`);

    const all: LoadResult[] = [];
    for (const target of targets) all.push(await load.run(target.url, 0));
    const rows: Row[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const target of targets) {
        const result = await load.run(target.url, SECONDS);
        all.push(result);
        rows.push(row(String(round), target.name, result));
      }
    }
    const medians = targets.map((target) =>
      medianRow(
        target.name,
        rows.filter((r) => r.target === target.name),
      ),
    );
    console.table([...rows, ...medians]);
    console.log("ms: client = send to last byte, in the load process; server = the answer's server-timing. failed: per round, and all rounds in the median rows.");

    const [chat, node] = medians;
    const serverP99 = chat?.['server p99 ms'] ?? Infinity;
    console.log(`gateway ÷ bare Node (hops/s): ${ratio(chat?.['hops/s'], node?.['hops/s'])}×`);
    console.log(`target: p99 server time ≤ ${TARGET_SERVER_P99_MS} ms → ${serverP99} ms, ${serverP99 <= TARGET_SERVER_P99_MS ? 'met' : 'MISSED'}`);
    const hops = all.reduce((total, r) => total + r.hops + r.failures, 0);
    const endedEarly = all.reduce((total, r) => total + r.endedEarly, 0);
    if (endedEarly > 0) console.log(`${endedEarly} sessions were closed with END before their last input.`);
    if (gatewayLog.length > 0) console.log(`The gateway logged ${gatewayLog.length} lines, first: ${gatewayLog.slice(0, 3).join(' | ')}`);
    const failures = all.reduce((total, r) => total + r.failures, 0);
    console.log(`Took ${((Date.now() - began) / 1000).toFixed(1)} s.`);
    if (failures > 0) {
      console.error(`\n!!! ${failures} of ${hops} hops FAILED (warm-up included). First ones:`);
      for (const sample of all.flatMap((r) => r.failureSamples).slice(0, 5)) console.error(`!!!   ${sample}`);
      return 1;
    }
    console.log(`All ${hops} hops answered CON or END.`);
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:chat failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
