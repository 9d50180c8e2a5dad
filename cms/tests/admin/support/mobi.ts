// The mobi-site's production build for the admin browser tests: the Preview button opens
// the mobi's /_baobab/preview, so the preview test needs one running beside the CMS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomSecret, waitFor } from '@baobab/testkit';

const serveScript = path.resolve(__dirname, '../../../../frontends/mobi/scripts/serve.ts');

export interface RunningMobi {
  readonly url: string;
  stop(): Promise<void>;
}

/** Builds the mobi-site when stale (about a minute here), then starts it on `port` against the CMS at `cmsUrl`. */
export async function startMobi(options: { port: number; cmsUrl: string; dataDir: string; writeSecret: string }): Promise<RunningMobi> {
  // In a child process: the mobi's serve script brings Next's global types, which the CMS's type check must not see.
  const build = spawnSync(process.execPath, ['--import', 'tsx', '--eval', `import(${JSON.stringify(pathToFileURL(serveScript).href)}).then((m) => (m.ensureBuild ?? m.default.ensureBuild)())`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 600_000,
  });
  if (build.status !== 0) throw new Error(`the mobi-site build failed (exit ${build.status})`);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', serveScript], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      CMS_URL: options.cmsUrl,
      NODE_ENV: 'production',
      BAOBAB_WRITE_SECRET: options.writeSecret,
      BAOBAB_READER_SECRET: randomSecret(),
      BAOBAB_PAGE_CACHE: 'off',
      METRICS_PORT: 'off',
      BAOBAB_IMAGE_CACHE_DIR: path.join(options.dataDir, 'mobi-image-cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (!exited) child.kill('SIGKILL');
  };
  await waitFor(
    async () => {
      if (exited) throw new Error('the mobi-site exited during start-up');
      return (await fetch(`${url}/_baobab/health`)).status === 204;
    },
    120_000,
    'the mobi-site',
  ).catch(async (error: unknown) => {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output.slice(-3000)}`);
  });
  return { url, stop };
}
