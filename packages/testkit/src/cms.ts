// Starts the real CMS in a child process on a free loopback port with its own data folder,
// and waits until it answers. Used by the API tests, the benchmark and `npm start`'s checks.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readCredentialsFile } from '@baobab/kit/dev-credentials';

export interface RunningCms {
  readonly url: string;
  readonly dataDir: string;
  readonly apiToken: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** The CMS workspace: started as `npm start` starts it (`cms/scripts/serve.ts`), never imported. */
const cmsDir = path.resolve(__dirname, '../../../cms');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Thrown by a `waitFor` check to stop waiting at once (a server that exited will never answer). */
export class GiveUpError extends Error {
  override readonly name = 'GiveUpError';
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Any other error (connection refused while a server starts) counts as "not yet".
    const isDone = await check().catch((error: unknown) => {
      if (error instanceof GiveUpError) throw error;
      return false;
    });
    if (isDone) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Resets the PostgreSQL database named by DATABASE_URL to an empty public schema. */
export async function resetPostgres(url: string): Promise<void> {
  const { Client } = require('pg') as typeof import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}

export interface CmsOptions {
  /** Settings over the defaults here (development, loopback, no admin panel, no metrics port). */
  readonly env?: Record<string, string | undefined>;
  /**
   * Another CMS's data folder (`RunningCms.dataDir`): a second replica on the same PostgreSQL
   * database (it shares that CMS's secrets, development credentials, so one API token works on
   * both, and media), or a CMS stopped before started again (same SQLite file, uploads and API
   * token). The folder stays in place when this one stops; its owner removes it. Default: a
   * fresh temp folder, removed on stop.
   */
  readonly dataDir?: string;
  readonly timeoutMs?: number;
  /** A port chosen beforehand (a CMS started again where its clients look); else a free one. */
  readonly port?: number;
}

export async function startCms(options: CmsOptions = {}): Promise<RunningCms> {
  const port = options.port ?? (await freePort());
  const isOwnDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-cms-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    BAOBAB_DATA_DIR: dataDir,
    BAOBAB_SERVE_ADMIN: 'false',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // Many CMSs run at once in tests: none takes the default metrics port unless a test asks (options.env).
    METRICS_PORT: 'off',
    ...options.env,
  };
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(cmsDir, 'scripts/serve.ts')], {
    cwd: cmsDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new GiveUpError(`CMS exited during start-up:\n${output.slice(-4000)}`);
      return (await fetch(`${url}/_health`)).status === 204;
    },
    options.timeoutMs ?? 180_000,
    `the CMS at ${url}`,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error instanceof Error && !error.message.includes('exited') ? new Error(`${error.message}\n${output.slice(-4000)}`) : error;
  });
  const credentials = readCredentialsFile(path.join(dataDir, 'dev-credentials.env'));
  return {
    url,
    dataDir,
    apiToken: credentials?.BAOBAB_API_TOKEN ?? '',
    child,
    output: () => output,
    async stop() {
      await stopChild(child, 10_000);
      if (isOwnDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Stops a server started here: SIGTERM, then SIGKILL when it has not exited after `graceMs`; its output pipes closed. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  if (!hasExited()) {
    const done = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, graceMs))]);
    if (!hasExited()) child.kill('SIGKILL');
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** A strong random secret (32 base64url characters), for the secrets production processes refuse to start without. */
export function randomSecret(): string {
  return crypto.randomBytes(24).toString('base64url');
}
