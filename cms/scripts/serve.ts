// Runs the CMS: check its settings (src/env.ts), compile, (build the admin panel if it is
// missing), start Strapi, and stop cleanly on Ctrl-C. Start-up errors print as one clear
// line, not a stack trace.
import fs from 'node:fs';
import path from 'node:path';
import { checkRedis } from '@baobab/kit/changes';
import { createStrapi } from '@strapi/strapi';
import { cmsEnv } from '../src/env';
import { dataPaths, repoDir } from '../src/paths';
import { buildAdmin, isAdminBuilt } from './build-admin';
import { buildServer, distDir } from './build-server';

async function main() {
  // No phoning home: the machines this runs on may have no route to the internet.
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  // Settings first: a bad value stops start-up before anything is compiled or built.
  const { serveAdmin, database, redisUrl } = cmsEnv();
  // And Redis, when replicas share changes through it: a wrong REDIS_URL stops start-up in seconds, not after the build.
  if (redisUrl !== null) await checkRedis(redisUrl);
  // And the registry (loaded when imported): a theme listed twice or a bad plugin stops it here, naming the path.
  require('../src/registry');
  process.chdir(path.resolve(__dirname, '..'));
  // A runtime folder made by `npm run build:dist` (what the image holds) carries the compiled
  // server and the admin panel, and may be read-only: it never builds.
  if (fs.existsSync(path.join(repoDir, '.baobab-dist.json'))) {
    const missing = [path.join(distDir, 'src', 'index.js'), ...(serveAdmin ? [path.join(distDir, 'build', 'index.html')] : [])].filter((file) => !fs.existsSync(file));
    if (missing.length > 0) throw new Error(`this runtime folder lacks ${missing.join(' and ')}: make it again with npm run build:dist`);
  } else {
    await buildServer();
    if (serveAdmin && !isAdminBuilt()) await buildAdmin();
  }
  // A first start creates every table and seeds the demo (a minute or two, with little output): say so.
  if (database.client === 'sqlite' && !fs.existsSync(dataPaths().sqliteFile)) console.log('CMS: first start: creating the SQLite database and the demo content (a minute or two)…');
  const app = createStrapi({ appDir: path.resolve(__dirname, '..'), distDir, autoReload: false, serveAdminPanel: serveAdmin });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: stopping the CMS`);
    await app.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.start();
  if (process.send) process.send({ ready: true, port: app.config.get('server.port') });
  // For tools watching a development tree; a read-only runtime folder skips it.
  try {
    fs.writeFileSync(path.join(distDir, '.ready'), String(Date.now()));
  } catch {
    // read-only: nothing watches it there
  }
}

main().catch((error: unknown) => {
  const code = typeof error === 'object' && error !== null && 'code' in error ? ` [${String(error.code)}]` : '';
  console.error(`CMS failed to start${code}: ${error instanceof Error ? error.message : String(error)}`);
  // Read raw: it must work when the settings themselves are what failed.
  if (process.env.BAOBAB_DEBUG === 'true' && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
