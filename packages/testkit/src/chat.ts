// Starts the real chat gateway (`frontends/chat/scripts/serve.ts`, as `npm start` runs it) in a
// child process on a free loopback port against a CMS, and waits until it answers. Used where a
// test needs the gateway as its own process (replicas behind a load balancer); the gateway's
// own HTTP tests start it in-process instead.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, GiveUpError, stopChild, waitFor } from './cms';

export interface RunningChat {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** What it wrote to stdout and stderr so far (the last 64 KB). */
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface ChatOptions {
  readonly cmsUrl: string;
  /** Settings over the defaults here (development: providers in the gateway's own sandbox; loopback; no metrics port). */
  readonly env?: Record<string, string | undefined>;
  /** A port chosen beforehand (for a load balancer configured before the gateway starts); else a free one. */
  readonly port?: number;
  readonly timeoutMs?: number;
}

/** The chat workspace: started by path, never imported. */
const serveScript = path.resolve(__dirname, '../../../frontends/chat/scripts/serve.ts');

export async function startChat(options: ChatOptions): Promise<RunningChat> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', serveScript], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CMS_URL: options.cmsUrl,
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Many gateways run at once in tests: none takes the default metrics port unless a test asks (options.env).
      METRICS_PORT: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept to the last 64 KB: a long test must not grow it without bound.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65_536));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (exited) throw new GiveUpError(`the chat gateway exited during start-up:\n${output.slice(-3000)}`);
      return (await fetch(`${url}/_baobab/health`)).status === 204;
    },
    options.timeoutMs ?? 60_000,
    `the chat gateway at ${url}`,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error instanceof Error && !error.message.includes('exited') ? new Error(`${error.message}\n${output.slice(-3000)}`) : error;
  });
  return { url, port, child, output: () => output, stop: () => stopChild(child, 5_000) };
}
