// Starts the real chat gateway (`frontends/chat/scripts/serve.ts`, as `npm start` runs it) in a
// child process on a free loopback port against a CMS, and waits until it answers. Used where a
// test needs the gateway as its own process (replicas behind a load balancer); the gateway's
// own HTTP tests start it in-process instead.
import path from 'node:path';
import { freePort } from './cms';
import { startServerProcess, type RunningServer } from './server-process';

export type RunningChat = RunningServer;

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
  return startServerProcess({
    name: 'the chat gateway',
    script: serveScript,
    port,
    timeoutMs: options.timeoutMs ?? 60_000,
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
  });
}
