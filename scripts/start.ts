// `npm start`: every Baobab process with one log stream (concurrently), the URLs once
// they answer, and a clean stop on Ctrl-C. Embedded default: SQLite in ./data, demo
// content seeded on first run. Processes join the list as their workspaces exist.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { envProblems, METRICS_PORTS, whole } from '@baobab/kit/env';
import concurrently from 'concurrently';
import { z } from 'zod';

const root = path.resolve(__dirname, '..');

/** The three ports, checked before anything starts (each process checks its own settings again). */
const ports = z.object({ PORT: whole(1, 65535, 1337), MOBI_PORT: whole(1, 65535, 3000), CHAT_PORT: whole(1, 65535, 3100) }).safeParse(process.env);
if (!ports.success) {
  console.error(`npm start: ${envProblems(ports.error.issues, process.env, new Set())}`);
  process.exit(1);
}
const { PORT: cmsPort, MOBI_PORT: mobiPort, CHAT_PORT: chatPort } = ports.data;
if (new Set([cmsPort, mobiPort, chatPort]).size < 3) {
  console.error(`npm start: PORT (${cmsPort}), MOBI_PORT (${mobiPort}) and CHAT_PORT (${chatPort}) must differ.`);
  process.exit(1);
}
// The CMS tells the mobi-site when content changes; this run's shared secret guards that door.
const notifySecret = process.env.BAOBAB_NOTIFY_SECRET ?? crypto.randomBytes(24).toString('base64url');
// The front ends' key for the delivery API's mutations (votes): one per run, shared by all three.
const writeSecret = process.env.BAOBAB_WRITE_SECRET ?? crypto.randomBytes(24).toString('base64url');

// Each process's metrics on its own port: METRICS_PORT=N gives the CMS N, mobi N+1 and chat
// N+2 (default 9464, 9465, 9466), so one value cannot make all three clash; off turns all three off.
const metricsOff = process.env.METRICS_PORT?.trim().toLowerCase() === 'off';
const metricsBase = z.object({ METRICS_PORT: whole(1, 65533, METRICS_PORTS.cms) }).safeParse(metricsOff ? {} : process.env);
if (!metricsBase.success) {
  console.error(`npm start: ${envProblems(metricsBase.error.issues, process.env, new Set())} (or off); the CMS takes it, mobi the next, chat the one after`);
  process.exit(1);
}
const METRICS_OFFSET = { cms: 0, mobi: 1, chat: 2 } as const;
const metricsPortNumber = (name: keyof typeof METRICS_OFFSET) => metricsBase.data.METRICS_PORT + METRICS_OFFSET[name];
const metricsPort = (name: keyof typeof METRICS_OFFSET) => (metricsOff ? 'off' : String(metricsPortNumber(name)));

interface BaobabProcess {
  readonly name: string;
  readonly command: string;
  readonly prefixColor: string;
  readonly env: Record<string, string>;
  readonly url: string;
  /** A URL that answers 2xx once the process is ready. */
  readonly check: string;
  readonly exists: boolean;
}

const processes: BaobabProcess[] = [
  {
    name: 'cms',
    // exec: the shell becomes node, so Ctrl-C and kill reach the CMS itself.
    command: 'exec node --import tsx cms/scripts/serve.ts',
    prefixColor: 'green',
    env: {
      PORT: String(cmsPort),
      BAOBAB_NOTIFY_URLS: [`http://127.0.0.1:${mobiPort}/_baobab/invalidate`, `http://127.0.0.1:${chatPort}/_baobab/invalidate`].join(','),
      BAOBAB_NOTIFY_SECRET: notifySecret,
      BAOBAB_WRITE_SECRET: writeSecret,
      // The admin's Preview button opens the mobi-site's /_baobab/preview.
      BAOBAB_PREVIEW_URL: process.env.BAOBAB_PREVIEW_URL ?? `http://localhost:${mobiPort}`,
      METRICS_PORT: metricsPort('cms'),
    },
    url: `http://localhost:${cmsPort}`,
    check: `http://127.0.0.1:${cmsPort}/_health`,
    exists: fs.existsSync(path.join(root, 'cms/package.json')),
  },
  {
    name: 'mobi',
    command: 'exec node --import tsx frontends/mobi/scripts/serve.ts',
    prefixColor: 'cyan',
    env: { PORT: String(mobiPort), CMS_URL: `http://127.0.0.1:${cmsPort}`, BAOBAB_NOTIFY_SECRET: notifySecret, BAOBAB_WRITE_SECRET: writeSecret, BAOBAB_ADMIN_URL: `http://localhost:${cmsPort}`, METRICS_PORT: metricsPort('mobi') },
    url: `http://localhost:${mobiPort}`,
    check: `http://127.0.0.1:${mobiPort}/_baobab/health`,
    exists: fs.existsSync(path.join(root, 'frontends/mobi/package.json')),
  },
  {
    name: 'chat',
    command: 'exec node --import tsx frontends/chat/scripts/serve.ts',
    prefixColor: 'magenta',
    env: { PORT: String(chatPort), CMS_URL: `http://127.0.0.1:${cmsPort}`, BAOBAB_NOTIFY_SECRET: notifySecret, BAOBAB_WRITE_SECRET: writeSecret, METRICS_PORT: metricsPort('chat') },
    url: `http://localhost:${chatPort}`,
    check: `http://127.0.0.1:${chatPort}/_baobab/health`,
    exists: fs.existsSync(path.join(root, 'frontends/chat/package.json')),
  },
];

async function announceWhenReady(running: typeof processes) {
  const deadline = Date.now() + 10 * 60_000;
  while (Date.now() < deadline) {
    const ready = await Promise.all(running.map((p) => fetch(p.check).then((r) => r.ok, () => false)));
    if (ready.every(Boolean)) {
      console.log(
        [
          '',
          'Baobab is running:',
          `  delivery GraphQL  http://localhost:${cmsPort}/graphql`,
          `  CMS admin         http://localhost:${cmsPort}/admin   (login in data/dev-credentials.env)`,
          `  Strapi GraphQL    http://localhost:${cmsPort}/strapi-graphql   (generated CRUD schema, for editors' tools)`,
          `  mobi-sites        http://localhost:${mobiPort}/ lists them: http://kijana-ke.localhost:${mobiPort}/ …`,
          `  chat gateway      http://localhost:${chatPort}/   try a channel: npm run chat -- ussd --site kijana-ke${chatPort === 3100 ? '' : ` --gateway http://127.0.0.1:${chatPort}`}${cmsPort === 1337 ? '' : ` --cms http://127.0.0.1:${cmsPort}`}  (or whatsapp, sms)`,
          metricsOff
            ? '  metrics           off (METRICS_PORT=off)'
            : `  metrics           http://localhost:${metricsPortNumber('cms')}/metrics (CMS), :${metricsPortNumber('mobi')}/metrics (mobi), :${metricsPortNumber('chat')}/metrics (chat)`,
          `  readiness         http://localhost:${cmsPort}/_ready, http://localhost:${mobiPort}/_baobab/ready, http://localhost:${chatPort}/_baobab/ready`,
          'Stop with Ctrl-C.',
          '',
        ].join('\n'),
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const running = processes.filter((p) => p.exists);
const { result, commands } = concurrently(
  running.map(({ name, command, prefixColor, env }) => ({ name, command, prefixColor, env })),
  { cwd: root, killOthersOn: ['failure', 'success'], prefix: 'name', restartTries: 0 },
);
// concurrently rejects with the list of exits when one process fails: each already said why above.
result.catch(() => {
  console.error('npm start: a Baobab process stopped (its reason is above); the others were stopped too.');
  process.exitCode = 1;
});
void announceWhenReady(running);

// concurrently stops everything on Ctrl-C, SIGTERM and SIGHUP sent to this process. A process
// manager or IDE that stops only `npm` leaves this process running under npm's shell: watch
// npm and that shell, and stop everything when either is gone, so no server keeps its port.
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
};
/** The parent process's own parent (npm, when run as `npm start`), where /proc tells it. */
function grandparent(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) && ppid > 1 ? ppid : null;
  } catch {
    return null;
  }
}
const watched = [process.ppid, grandparent()].filter((pid): pid is number => pid !== null);
const parent = process.ppid;
const watcher = setInterval(() => {
  if (process.ppid === parent && watched.every(isAlive)) return;
  clearInterval(watcher);
  console.log('npm start: the process that started Baobab is gone; stopping every Baobab process.');
  for (const command of commands) command.kill('SIGTERM');
}, 1000);
watcher.unref();
