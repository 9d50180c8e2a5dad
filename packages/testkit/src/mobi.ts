// Starts the real mobi-site (its production build, as `npm start` runs it) in a child process
// on a free loopback port against a CMS, and waits until it answers. Used by the mobi-site's
// HTTP tests and the benchmarks.
import path from 'node:path';
import { freePort, randomSecret } from './cms';
import { startServerProcess, type RunningServer } from './server-process';

export type RunningMobi = RunningServer;

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
  return startServerProcess({
    name: 'the mobi-site',
    script: serveScript,
    port,
    timeoutMs: options.timeoutMs ?? 60_000,
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
  });
}
