// Runs the mobi-site: its settings checked (src/config.ts), a production build (zero
// JavaScript holds only there) rebuilt when any source is newer than the last build, then
// one Node server for every site.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createChangeReceiver, joinChanges, REPLICA_SETTLE_MS, type ChangeBus } from '@baobab/kit/changes';
import { createCmsReadiness, createDelivery, createWriteDelivery, type Readiness } from '@baobab/kit/delivery';
import { createLogger } from '@baobab/kit/log';
import { client, createProcessMetrics, startMetricsServer } from '@baobab/kit/metrics';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from '@baobab/kit/request-id';
import next from 'next';
import { z } from 'zod';
import { createRequestHandler, previewFrameAncestors, type MobiMetrics } from '../server/http';
import { createImageHandler } from '../server/images';
import { createPageCache } from '../server/page-cache';
import { createPluginPostHandler } from '../server/plugin-post';
import { MobiConfigError, mobiConfig } from '../src/config';
import { uiStrings } from '../src/i18n';
import { loadMobiHalves } from '../src/plugins';
import { requestHost } from '../src/site-page';
import { createTranslate } from '../src/translate';

const appDir = path.resolve(__dirname, '..');
const watched = ['pages', 'src', 'next.config.js', '../../packages', '../../themes', '../../plugins', '../../locales', '../../baobab.config.ts'];

/** What a plugin post needs of the site its Host names. */
const POST_SITE = {
  query: 'query PostSite($host: String!) { site(host: $host) { code defaultLocale locales { code } plugins } }',
  schema: z.object({ site: z.object({ code: z.string(), defaultLocale: z.string(), locales: z.array(z.object({ code: z.string() })), plugins: z.array(z.string()) }).nullable() }),
};

function newestSource(): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      if (path.basename(entry) === 'node_modules' || path.basename(entry) === '__tests__') return;
      for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of watched) visit(path.resolve(appDir, entry));
  return newest;
}

/** A runtime folder made by `npm run build:dist` (what the image holds) carries its build and its marker file: it never rebuilds. */
export const DIST_MARKER = path.resolve(appDir, '../../.baobab-dist.json');

export function ensureBuild(): void {
  const buildId = path.join(appDir, '.next', 'BUILD_ID');
  if (fs.existsSync(DIST_MARKER)) {
    if (!fs.existsSync(buildId)) throw new Error(`this runtime folder has no mobi build (${buildId}): make it again with npm run build:dist`);
    return;
  }
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSource()) return;
  console.log('Building the mobi-site (production build, about 20 s)…');
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: appDir,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}

/**
 * In a runtime folder, Next runs as its own standalone output does: with the configuration its
 * build resolved (.next/required-server-files.json) instead of loading next.config.js, which
 * needs Next's build-time files that build:dist leaves out (only the server's traced files stay).
 */
export function useBuiltConfig(): void {
  if (!fs.existsSync(DIST_MARKER) || process.env.__NEXT_PRIVATE_STANDALONE_CONFIG !== undefined) return;
  const { config } = JSON.parse(fs.readFileSync(path.join(appDir, '.next', 'required-server-files.json'), 'utf8')) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // The bundled server cannot find locales/ from its own location (see @baobab/locales/ui-strings).
  process.env.BAOBAB_LOCALES_DIR ??= path.dirname(require.resolve('@baobab/locales/package.json'));
  // Settings before the build, so a bad value stops start-up at once, naming the variable.
  const config = mobiConfig();
  const logger = createLogger({ name: 'mobi', level: config.logLevel });
  ensureBuild();
  useBuiltConfig();
  const { port, host } = config;
  const app = next({ dev: false, dir: appDir, port, hostname: host });
  await app.prepare();
  const handle = app.getRequestHandler();
  const cache = config.pageCache ? createPageCache(config.pageCache) : null;
  const warn = (message: string) => logger.warn(message);
  const metrics = config.metrics ? createMobiMetrics() : undefined;
  // A change heard on Redis may reach this process before the CMS replica a render asks: renders wait for it to settle.
  const changes = createChangeReceiver({ cache: 'page', metrics, apply: (change, via) => cache?.invalidate(change, via === 'redis' ? REPLICA_SETTLE_MS : 0) });
  const bus = await joinChanges(config.redisUrl, 'mobi', changes, warn);
  const images = createImageHandler({
    cmsUrl: config.cmsUrl,
    cacheDir: config.imageCacheDir,
    log: warn,
  });
  const read = createDelivery(config.cmsUrl);
  const pluginPost = createPluginPostHandler({
    halves: loadMobiHalves,
    siteFor: async (req) => {
      const { site } = await read(POST_SITE.schema, POST_SITE.query, { host: requestHost(req) });
      return site ? { ...site, locales: site.locales.map((entry) => entry.code) } : null;
    },
    readerSecret: config.readerSecret,
    delivery: createWriteDelivery(config.cmsUrl, config.writeSecret),
    translate: (locale) => {
      const t = createTranslate(uiStrings(locale));
      return (key, values) => t(key, values && Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])));
    },
    log: warn,
    postsPerMinute: config.postsPerMinute,
    trustedProxies: config.trustedProxies,
  });
  const onRequest = createRequestHandler({
    handle: (req, res) => handle(req, res),
    images,
    cache,
    notifySecret: config.notifySecret ?? undefined,
    log: warn,
    frameAncestors: previewFrameAncestors(config.adminUrls),
    readerSecret: config.readerSecret,
    pluginPost,
    metrics,
    readiness: readinessOf(config.cmsUrl, bus),
    onChange: changes.receive,
  });
  const logsRequests = logger.isLevelEnabled('http');
  const server = http.createServer((req, res) => {
    // One id per request (the caller's when well formed): every CMS call made for it and every log line carry it.
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    if (logsRequests) {
      const started = process.hrtime.bigint();
      res.once('finish', () =>
        withRequestId(requestId, () => logger.http({ method: req.method, url: (req.url ?? '').slice(0, 200), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request')),
      );
    }
    withRequestId(requestId, () => onRequest(req, res)).catch((error: unknown) => {
      withRequestId(requestId, () => logger.error({ err: error }, 'request failed'));
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Something went wrong. Please try again.');
      }
    });
  });
  const metricsServer = metrics && config.metrics ? await startMetricsServer(metrics.registry, config.metrics) : null;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`PORT ${port} on ${host} is already used by another program; set PORT to a free port`) : error),
    );
    server.listen(port, host, () => resolve());
  }).catch(async (error: unknown) => {
    await metricsServer?.close();
    await bus?.close();
    throw error;
  });
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  logger.info(`mobi-site on http://${shownHost}:${port} (CMS at ${config.cmsUrl}, page cache ${cache ? 'on' : 'off'}, changes ${bus ? 'from Redis and notices' : 'from notices'}, metrics ${metricsServer ? `at ${metricsServer.url}` : 'off'})`);
  const stop = () => {
    void metricsServer?.close();
    void bus?.close();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function createMobiMetrics(): MobiMetrics {
  const base = createProcessMetrics('mobi');
  const pluginPosts = new client.Counter({
    name: 'baobab_plugin_posts_total',
    help: "Readers' plugin form posts (votes) by result: accepted, refused, rate_limited, rejected",
    labelNames: ['result'] as const,
    registers: [base.registry],
  });
  return { ...base, pluginPosts };
}

/**
 * Ready once the CMS has answered (createCmsReadiness: then ready through a CMS outage,
 * serving cached pages, and says so); Redis away only makes it degraded too: pages are
 * served, changes arrive when it answers again.
 */
function readinessOf(cmsUrl: string, bus: ChangeBus | null): () => Promise<Readiness> {
  const cms = createCmsReadiness(cmsUrl);
  return async () => {
    const state = await cms();
    if (!state.ready || bus === null || bus.isConnected()) return state;
    return { ready: true, degraded: [state.degraded, 'Redis (REDIS_URL) is not reachable: content changes arrive when it answers again'].filter(Boolean).join('; ') };
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const code = error instanceof MobiConfigError ? ` [${error.code}]` : '';
    console.error(`mobi-site failed to start${code}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
