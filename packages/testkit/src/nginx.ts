// Starts a real nginx (Debian's package; scripts/ensure-nginx.sh installs it) as a load
// balancer in front of replicas: in the foreground, with a config generated into a temp
// folder (pid, logs and temp files there), one loopback port per upstream. Used by the
// replica test, where every request goes through it as it would in production.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, GiveUpError, stopChild, waitFor } from './cms';

/** The upstream's name (a word: letters, digits, `_`) → the `host:port` of each replica. */
export type NginxUpstreams = Readonly<Record<string, readonly string[]>>;

export interface RunningNginx {
  /** The upstream's name → the URL nginx serves it on (`http://127.0.0.1:<port>`). */
  readonly urls: Readonly<Record<string, string>>;
  readonly dir: string;
  /** The access log so far, one entry per proxied request. */
  accessLog(): NginxLogEntry[];
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface NginxLogEntry {
  readonly upstream: string;
  readonly status: number;
  /** Every replica tried, in order (`127.0.0.1:4001, 127.0.0.1:4002` when the first failed). */
  readonly replicas: readonly string[];
  readonly request: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const REPLICA = /^127\.0\.0\.1:\d{1,5}$/;

/** The binary: on PATH, or where Debian puts it (not on a non-root PATH). */
function nginxBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  if (found !== '') return found;
  if (fs.existsSync('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  throw new Error('nginx is not installed: run scripts/ensure-nginx.sh');
}

/**
 * The whole config. Why each setting: `Host` passes through (the mobi-site picks the site by
 * it); a replica that refuses, times out or answers 502/503/504 is skipped for the next one
 * (`proxy_next_upstream`, POSTs included: delivery queries and USSD hops are POSTs that change
 * nothing when they fail), and rested for 2 s after a failure.
 */
export function nginxConfig(dir: string, upstreams: NginxUpstreams, ports: Readonly<Record<string, number>>, isRoot: boolean): string {
  const blocks = Object.entries(upstreams).map(([name, replicas]) => {
    const servers = replicas.map((replica) => `    server ${replica} max_fails=1 fail_timeout=2s;`).join('\n');
    return `  upstream ${name} {\n${servers}\n    keepalive 16;\n  }\n  server {\n    listen 127.0.0.1:${ports[name]};\n    location = /_nginx/health { access_log off; return 204; }\n    location / { proxy_pass http://${name}; }\n  }`;
  });
  return [
    // Root (CI): workers run as nobody, so the temp folders are opened to them (startNginx).
    ...(isRoot ? ['user nobody nogroup;'] : []),
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    `  log_format replicas '$upstream_name|$status|$upstream_addr|$request';`,
    `  access_log ${dir}/access.log replicas;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${dir}/temp/${kind};`),
    '  proxy_http_version 1.1;',
    '  proxy_set_header Connection "";',
    '  proxy_set_header Host $host;',
    '  proxy_set_header X-Real-IP $remote_addr;',
    '  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '  proxy_connect_timeout 1s;',
    '  proxy_read_timeout 30s;',
    '  proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;',
    '  proxy_next_upstream_tries 3;',
    '  map $server_port $upstream_name {',
    ...Object.keys(upstreams).map((name) => `    ${ports[name]} ${name};`),
    '  }',
    ...blocks,
    '}',
    '',
  ].join('\n');
}

function parseLogLine(line: string): NginxLogEntry | null {
  const [upstream, status, addresses, ...request] = line.split('|');
  if (upstream === undefined || status === undefined || addresses === undefined) return null;
  return { upstream, status: Number(status), replicas: addresses.split(/,\s*|\s+:\s+/).map((address) => address.trim()).filter(Boolean), request: request.join('|') };
}

export async function startNginx(upstreams: NginxUpstreams, options: { timeoutMs?: number } = {}): Promise<RunningNginx> {
  for (const [name, replicas] of Object.entries(upstreams)) {
    if (!NAME.test(name)) throw new Error(`nginx upstream name "${name}" is not a word (letters, digits, _)`);
    if (replicas.length === 0 || !replicas.every((replica) => REPLICA.test(replica))) throw new Error(`nginx upstream ${name}: expected 127.0.0.1:<port> replicas, got [${replicas.join(', ')}]`);
  }
  const binary = nginxBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-nginx-'));
  const isRoot = process.getuid?.() === 0;
  const ports: Record<string, number> = {};
  for (const name of Object.keys(upstreams)) ports[name] = await freePort();
  fs.mkdirSync(path.join(dir, 'temp'));
  for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, 'temp', kind), { mode: 0o777 });
  if (isRoot) {
    fs.chmodSync(dir, 0o711);
    fs.chmodSync(path.join(dir, 'temp'), 0o711);
    for (const kind of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.chmodSync(path.join(dir, 'temp', kind), 0o777);
  }
  const configFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(configFile, nginxConfig(dir, upstreams, ports, isRoot));
  let output = '';
  const child: ChildProcess = spawn(binary, ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', configFile, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65_536));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  const urls: Record<string, string> = {};
  for (const name of Object.keys(upstreams)) urls[name] = `http://127.0.0.1:${ports[name]}`;
  const errorLog = () => (fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-3000) : '');
  await waitFor(
    async () => {
      if (exited) throw new GiveUpError(`nginx exited during start-up:\n${output.slice(-3000)}\n${errorLog()}`);
      const answers = await Promise.all(Object.values(urls).map(async (url) => (await fetch(`${url}/_nginx/health`)).status));
      return answers.every((status) => status === 204);
    },
    options.timeoutMs ?? 10_000,
    'nginx',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    urls,
    dir,
    accessLog: () =>
      fs
        .readFileSync(path.join(dir, 'access.log'), 'utf8')
        .split('\n')
        .map(parseLogLine)
        .filter((entry): entry is NginxLogEntry => entry !== null),
    output: () => `${output}${errorLog()}`,
    async stop() {
      // SIGTERM is nginx's fast shutdown: the master stops its workers, then exits.
      await stopChild(child, 5_000);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
