// Shared by the benchmarks: environment knobs, load rounds with medians, a bare Node
// server answering fixed bytes, and the printed summary.
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, waitFor } from '@baobab/testkit';

/** A positive whole number from the environment, or the default; anything else stops with a message. */
export function positiveInt(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name}="${raw}" must be a whole number from 1 to ${max}`);
    process.exit(2);
  }
  return value;
}

export const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 20, 1000);
export const SECONDS = positiveInt('BENCH_SECONDS', 5, 600);
export const ROUNDS = positiveInt('BENCH_ROUNDS', 3, 25);

export interface Target {
  readonly name: string;
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface Round {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function load(target: Target, seconds: number): Promise<Round> {
  const result = await autocannon({
    url: target.url,
    method: target.method,
    headers: target.headers,
    body: target.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

/** Warm-up, then ROUNDS interleaved rounds per target; one summary row per target. */
export async function measure(targets: readonly Target[]) {
  console.log(`Load: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per target (after a 2 s warm-up), interleaved.`);
  for (const target of targets) await load(target, 2);
  const rounds = new Map<string, Round[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const target of targets) rounds.get(target.name)?.push(await load(target, SECONDS));
  }
  const summary = targets.map((target) => {
    const results = rounds.get(target.name) ?? [];
    return {
      target: target.name,
      'req/s (median)': Math.round(median(results.map((r) => r.rps))),
      'p50 ms': median(results.map((r) => r.p50)),
      'p99 ms': median(results.map((r) => r.p99)),
      'non-2xx': results.reduce((total, r) => total + r.non2xx, 0),
    };
  });
  console.table(summary);
  return summary;
}

export const ratio = (a = 0, b = 1) => (a / b).toFixed(2);

/** A bare Node server that reads the request body and answers these bytes with these headers. */
export async function startBareServer(bytes: Buffer, headers: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', BARE_SERVER], {
    stdio: ['pipe', 'inherit', 'inherit'],
    env: { ...process.env, BARE_PORT: String(port), BARE_HEADERS: JSON.stringify(headers) },
  });
  child.stdin?.end(bytes);
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => (await fetch(url)).ok, 10_000, 'the bare server');
  return { url, child };
}

const BARE_SERVER = `
let bytes = Buffer.alloc(0);
const headers = JSON.parse(process.env.BARE_HEADERS || '{}');
process.stdin.on('data', (chunk) => { bytes = Buffer.concat([bytes, chunk]); });
process.stdin.on('end', () => {
  require('http').createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { ...headers, 'content-length': bytes.length });
      res.end(bytes);
    });
  }).listen(Number(process.env.BARE_PORT || 0), '127.0.0.1');
});
`;
