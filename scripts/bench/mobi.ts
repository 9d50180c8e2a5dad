// `npm run bench:mobi`: loopback load on a warm article page from the page cache, the
// same page rendered by Next with the page cache off, and a bare Node server answering
// the same bytes; then the gzip size of every page type of every demo site against the
// 14,000-byte budget (and the status of a forged cursor, 400); then a ?utm flood, which
// must be answered from one cached page.
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomSecret, startCms, startMobi, type RunningMobi } from '@baobab/testkit';
import { ensureBuild } from '../../frontends/mobi/scripts/serve';
import { measure, ratio, startBareServer, type Target } from './lib';

/** Shared by the CMS and the mobi-site of this run (production mobi refuses to start without one). */
const WRITE_SECRET = randomSecret();

const BUDGET = 14_000;
const ARTICLE = '/articles/hiv-testing-basics';
const PAGES = ['/', '/hiv-and-stis', ARTICLE, '/pages/about', '/search?q=hiv', '/language', '/articles/no-such-page', '/hiv-and-stis?after=!!!!'];
const UTM_FLOOD = 5200;
const SITES = ['kijana-ke', 'thrive-za', 'mama-ng', 'amal-eg'];


function get(url: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; cache: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host, ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), cache: String(response.headers['x-page-cache'] ?? '') }));
      })
      .on('error', reject);
  });
}

async function main() {
  ensureBuild();
  console.log('Starting a CMS with demo content and two mobi-sites (page cache on, off)…');
  const cms = await startCms({ env: { BAOBAB_WRITE_SECRET: WRITE_SECRET, LOG_LEVEL: 'warn' } });
  const children: ChildProcess[] = [];
  const mobis: RunningMobi[] = [];
  try {
    const cached = await startMobi({ cmsUrl: cms.url, env: { BAOBAB_WRITE_SECRET: WRITE_SECRET } });
    mobis.push(cached);
    const uncached = await startMobi({ cmsUrl: cms.url, env: { BAOBAB_WRITE_SECRET: WRITE_SECRET, BAOBAB_PAGE_CACHE: 'off' } });
    mobis.push(uncached);
    const host = 'kijana-ke.localhost';
    const page = await get(`${cached.url}${ARTICLE}`, host);
    if (page.status !== 200) throw new Error(`${host}${ARTICLE} answered ${page.status}`);
    const bare = await startBareServer(page.body, { 'content-type': 'text/html; charset=utf-8' });
    children.push(bare.child);
    const headers = { host };
    const targets: Target[] = [
      { name: `mobi ${ARTICLE} (page cache)`, url: `${cached.url}${ARTICLE}`, method: 'GET', headers },
      { name: 'same page, Next without page cache', url: `${uncached.url}${ARTICLE}`, method: 'GET', headers },
      { name: 'bare Node http, same bytes', url: bare.url, method: 'GET', headers },
    ];
    console.log(`Page: ${page.body.length} bytes of HTML.`);
    const [hit, next, node] = (await measure(targets)).map((row) => row['req/s (median)']);
    console.log(`page cache ÷ Next rendering: ${ratio(hit, next)}×   (target ≥ 3×)`);
    console.log(`page cache ÷ bare Node:      ${ratio(hit, node)}×   (target ≥ 0.2×)`);

    const sizes: Array<Record<string, string | number>> = [];
    for (const site of SITES) {
      for (const pagePath of PAGES) {
        const result = await get(`${cached.url}${pagePath}`, `${site}.localhost`, { 'accept-encoding': 'identity' });
        const gzip = zlib.gzipSync(result.body, { level: 9 }).length;
        sizes.push({ site, page: pagePath, status: result.status, 'html bytes': result.body.length, 'gzip bytes': gzip, budget: gzip <= BUDGET ? 'ok' : 'OVER' });
      }
    }
    console.table(sizes);
    const over = sizes.filter((row) => row.budget !== 'ok').length;
    console.log(over === 0 ? `Every page is within ${BUDGET} bytes gzip.` : `${over} pages are over ${BUDGET} bytes gzip.`);

    const started = Date.now();
    const states = new Map<string, number>();
    for (let batch = 0; batch < UTM_FLOOD; batch += 100) {
      const answers = await Promise.all(Array.from({ length: Math.min(100, UTM_FLOOD - batch) }, (_, n) => get(`${cached.url}/hiv-and-stis?utm=${batch + n}`, host)));
      for (const answer of answers) states.set(`${answer.status} ${answer.cache}`, (states.get(`${answer.status} ${answer.cache}`) ?? 0) + 1);
    }
    const flood = [...states].map(([state, times]) => `${times} × ${state}`).join(', ');
    console.log(`${UTM_FLOOD} requests for /hiv-and-stis?utm=N in ${Date.now() - started} ms: ${flood}   (target: every one a hit)`);
  } finally {
    for (const child of children) child.kill();
    for (const mobi of mobis) await mobi.stop();
    await cms.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:mobi failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
