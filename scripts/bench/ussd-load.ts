// The USSD load generator for `npm run bench:chat`, run in its own process so the client's
// work never sits on the gateway's event loop. Keeps N Africa's Talking sessions in flight
// over keep-alive sockets, starting a new session whenever one finishes, and records every
// hop's client latency and the server's own time from its `server-timing: app;dur=` header.
import http from 'node:http';
import { z } from 'zod';

export const runSchema = z.object({
  url: z.url(),
  /** Per service code, the inputs of one session in order ('' is the dial). */
  plans: z.array(z.object({ serviceCode: z.string(), inputs: z.array(z.string()).min(1) })).min(1),
  sessions: z.number().int().positive(),
  /** 0: one pass, every lane runs one session; otherwise lanes start sessions until this many seconds have passed. */
  seconds: z.number().nonnegative(),
  /** Numbers sessionIds and phone numbers, so no two sessions of a run share either. */
  firstSession: z.number().int().nonnegative(),
});
export type Run = z.infer<typeof runSchema>;

export const resultSchema = z.object({
  hops: z.number(),
  elapsedMs: z.number(),
  sessionsStarted: z.number(),
  /** Sessions the server closed with END before their plan was done. */
  endedEarly: z.number(),
  failures: z.number(),
  failureSamples: z.array(z.string()),
  clientMs: z.instanceof(Float64Array),
  serverMs: z.instanceof(Float64Array),
});
export type LoadResult = z.infer<typeof resultSchema>;

const SERVER_TIMING = /(?:^|,)\s*app;dur=([0-9.]+)/;

interface Hop {
  readonly status: number;
  readonly body: string;
  readonly serverMs: number | null;
}

function post(agent: http.Agent, url: URL, form: string): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(form) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const timing = SERVER_TIMING.exec(String(response.headers['server-timing'] ?? ''));
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), serverMs: timing ? Number(timing[1]) : null });
      });
    });
    request.on('error', reject);
    request.end(form);
  });
}

/** Opens a keep-alive socket per lane before the clock starts, so a round measures hops, not a burst of handshakes. */
async function openSockets(agent: http.Agent, url: URL, count: number): Promise<void> {
  const health = new URL('/_baobab/health', url);
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          http.get(health, { agent }, (response) => response.resume().on('end', resolve).on('error', reject)).on('error', reject);
        }),
    ),
  );
}

/** Why a hop is not a good USSD answer, or null when it is one. */
function problemWith(hop: Hop): string | null {
  if (hop.status !== 200) return `HTTP ${hop.status}: ${hop.body.slice(0, 120)}`;
  if (!/^(CON|END) /.test(hop.body)) return `answer does not start with "CON " or "END ": ${JSON.stringify(hop.body.slice(0, 120))}`;
  if (hop.serverMs === null) return 'no server-timing: app;dur=<ms> header';
  return null;
}

class Samples {
  private values = new Float64Array(1024);
  length = 0;
  push(value: number) {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }
  toArray() {
    return this.values.slice(0, this.length);
  }
}

export async function runSessions(run: Run): Promise<LoadResult> {
  const url = new URL(run.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: run.sessions });
  const clientMs = new Samples();
  const serverMs = new Samples();
  const failureSamples: string[] = [];
  let failures = 0;
  let endedEarly = 0;
  let next = run.firstSession;
  await openSockets(agent, url, run.sessions);
  const started = performance.now();
  const deadline = run.seconds > 0 ? started + run.seconds * 1000 : Infinity;

  async function session(n: number): Promise<void> {
    const plan = run.plans[n % run.plans.length];
    if (!plan) return;
    const fields = { sessionId: `bench-${n}`, serviceCode: plan.serviceCode, phoneNumber: `+2547${String(n).padStart(8, '0')}`, networkCode: '63902' };
    for (let hop = 0; hop < plan.inputs.length; hop += 1) {
      if (performance.now() >= deadline) return;
      const text = plan.inputs.slice(1, hop + 1).join('*');
      const form = new URLSearchParams({ ...fields, text }).toString();
      const sent = performance.now();
      let answer: Hop;
      try {
        answer = await post(agent, url, form);
      } catch (error) {
        answer = { status: 0, body: `network error: ${error instanceof Error ? error.message : String(error)}`, serverMs: null };
      }
      const problem = problemWith(answer);
      if (problem !== null) {
        failures += 1;
        if (failureSamples.length < 5) failureSamples.push(`session ${fields.sessionId} ${plan.serviceCode} text="${text}": ${problem}`);
        return;
      }
      clientMs.push(performance.now() - sent);
      serverMs.push(answer.serverMs ?? 0);
      if (answer.body.startsWith('END ')) {
        if (hop < plan.inputs.length - 1) endedEarly += 1;
        return;
      }
    }
  }

  async function lane(): Promise<void> {
    do {
      const n = next;
      next += 1;
      await session(n);
    } while (run.seconds > 0 && performance.now() < deadline);
  }

  await Promise.all(Array.from({ length: run.sessions }, lane));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    hops: clientMs.length,
    elapsedMs,
    sessionsStarted: next - run.firstSession,
    endedEarly,
    failures,
    failureSamples,
    clientMs: clientMs.toArray(),
    serverMs: serverMs.toArray(),
  };
}

export const LOAD_FLAG = '--bench-load';

// Forked by bench/chat.ts with LOAD_FLAG: one run per message, one result back; gone when the parent is.
if (process.argv.includes(LOAD_FLAG) && process.send) {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: unknown) => {
    const run = runSchema.parse(message);
    void runSessions(run).then((result) => process.send?.(result));
  });
}
