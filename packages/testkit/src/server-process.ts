// One way to start a front end's serve script in a child process on loopback and wait until
// its health path answers 204: the mobi-site and the chat gateway start the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { GiveUpError, stopChild, waitFor } from './cms';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** What it wrote to stdout and stderr so far (the last 64 KB). */
  readonly output: () => string;
  stop(): Promise<void>;
}

export async function startServerProcess(options: {
  /** Who it is, for messages: "the mobi-site". */
  readonly name: string;
  readonly script: string;
  readonly port: number;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
}): Promise<RunningServer> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', options.script], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Kept to the last 64 KB: a long test or benchmark must not grow it without bound.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65_536));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(
    async () => {
      if (exited) throw new GiveUpError(`${options.name} exited during start-up:\n${output.slice(-3000)}`);
      return (await fetch(`${url}/_baobab/health`)).status === 204;
    },
    options.timeoutMs,
    `${options.name} at ${url}`,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error instanceof Error && !error.message.includes('exited') ? new Error(`${error.message}\n${output.slice(-3000)}`) : error;
  });
  return { url, port: options.port, child, output: () => output, stop: () => stopChild(child, 5_000) };
}
