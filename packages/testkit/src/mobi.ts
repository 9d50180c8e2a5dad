// Starts the real mobi-site (its production build, as `npm start` runs it) in a child process
// on a free loopback port against a CMS, and waits until it answers. Used by the mobi-site's
// HTTP tests and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, GiveUpError, randomSecret, stopChild, waitFor } from './cms';

export interface RunningMobi {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** What it wrote to stdout and stderr so far. */
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface MobiOptions {
  readonly cmsUrl: string;
  /** Settings over the defaults here (production, loopback, fresh reader and write secrets). */
  readonly env?: Record<string, string | undefined>;
  /** A port chosen beforehand (for a CMS that must know where to notify); else a free one. */
  readonly port?: number;
  readonly timeoutMs?: number;
}

/** The mobi workspace: started by path (`frontends/mobi/scripts/serve.ts`), never imported. */
const serveScript = path.resolve(__dirname, '../../../frontends/mobi/scripts/serve.ts');

export async function startMobi(options: MobiOptions): Promise<RunningMobi> {
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', serveScript], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CMS_URL: options.cmsUrl,
      NODE_ENV: 'production',
      BAOBAB_READER_SECRET: randomSecret(),
      BAOBAB_WRITE_SECRET: randomSecret(),
      // Many mobi-sites run at once in tests: none takes the default metrics port unless a test asks (options.env).
      METRICS_PORT: 'off',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept to the last 64 KB: a long benchmark must not grow it without bound.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65_536));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (exited) throw new GiveUpError(`the mobi-site exited during start-up:\n${output.slice(-3000)}`);
      return (await fetch(`${url}/_baobab/health`)).status === 204;
    },
    options.timeoutMs ?? 60_000,
    `the mobi-site at ${url}`,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error instanceof Error && !error.message.includes('exited') ? new Error(`${error.message}\n${output.slice(-3000)}`) : error;
  });
  return {
    url,
    port,
    child,
    output: () => output,
    stop: () => stopChild(child, 5_000),
  };
}
