// A bounded load through nginx for the whole test: a few loops, each sending one request at a
// time with a pause between, over mobi pages, delivery queries and USSD dials. Every failure
// is recorded (an unexpected status, a GraphQL error, a connection error or timeout), never
// retried: the acceptance is that none happens.
import crypto from 'node:crypto';
import { delivery, page, ussd, type Answer } from './http';

export interface LoadTargets {
  readonly mobi: string;
  readonly cms: string;
  readonly chat: string;
}

export interface LoadFailure {
  readonly what: string;
  readonly problem: string;
}

export interface RunningLoad {
  readonly sent: () => number;
  readonly failures: () => readonly LoadFailure[];
  /** Stops the loops after their request in flight; answers the number sent. */
  stop(): Promise<number>;
}

interface Step {
  readonly what: string;
  run(targets: LoadTargets): Promise<string | null>;
}

const statusProblem = (answer: Answer, expected: readonly number[]) => (expected.includes(answer.status) ? null : `status ${answer.status}: ${answer.body.slice(0, 200)}`);

const pageStep = (host: string, path: string): Step => ({
  what: `mobi ${host}${path}`,
  run: async (targets) => statusProblem(await page(targets.mobi, host, path), [200]),
});

const deliveryStep = (host: string): Step => ({
  what: `delivery ${host} home`,
  run: async (targets) => {
    const answer = await delivery(targets.cms, `{ site(host: "${host}") { code navigation { slug title } articles(first: 5) { nodes { slug title } } } }`);
    return statusProblem(answer, [200]) ?? (answer.json.errors === undefined ? null : `GraphQL errors: ${JSON.stringify(answer.json.errors).slice(0, 200)}`);
  },
});

const dialStep = (serviceCode: string): Step => ({
  what: `USSD dial ${serviceCode}`,
  run: async (targets) => {
    const answer = await ussd(targets.chat, { sessionId: `ATUid_${crypto.randomUUID()}`, serviceCode, phoneNumber: `+2547${crypto.randomInt(10_000_000, 99_999_999)}`, text: '' });
    return statusProblem(answer, [200]) ?? (answer.body.startsWith('CON ') ? null : `not a CON screen: ${answer.body.slice(0, 100)}`);
  },
});

/** What the load cycles through: pages, queries and dials on more than one site, the edited one included. */
const LOAD_STEPS: readonly Step[] = [
  pageStep('kijana-ke.localhost', '/'),
  pageStep('thrive-za.localhost', '/'),
  pageStep('kijana-ke.localhost', '/periods'),
  deliveryStep('kijana-ke.localhost'),
  deliveryStep('mama-ng.localhost'),
  dialStep('*384*100#'),
  dialStep('*120*200#'),
];

/** `loops` loops, each pausing `pauseMs` between requests: at most loops × 1000/pauseMs requests a second. */
export function startLoad(targets: LoadTargets, options: { loops: number; pauseMs: number }): RunningLoad {
  const failures: LoadFailure[] = [];
  let sent = 0;
  let isStopping = false;
  const loop = async (offset: number) => {
    for (let index = offset; !isStopping; index += 1) {
      const step = LOAD_STEPS[index % LOAD_STEPS.length];
      if (step === undefined) continue;
      sent += 1;
      const problem = await step.run(targets).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      if (problem !== null) failures.push({ what: step.what, problem });
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const loops = Array.from({ length: options.loops }, (_, index) => loop(index * 2));
  return {
    sent: () => sent,
    failures: () => failures,
    async stop() {
      isStopping = true;
      await Promise.all(loops);
      return sent;
    },
  };
}
