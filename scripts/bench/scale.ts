// `npm run bench:scale -- --sites 1000`: one deployment (a CMS, a mobi-site, a chat gateway,
// each its own process) measured with the 4 demo sites, then again after N more sites are
// created as data through the CMS REST API (as `site:new` does), each with two locales, a
// theme, a USSD service code, shared and local articles. Prints memory per process and per
// site, delivery and page latencies cached and uncached, a USSD dial, how long site N+1
// takes to go live, and how many other sites' cached pages survive one site's local edit.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort, randomSecret, startCms, startMobi, stopChild, waitFor, type RunningCms, type RunningMobi } from '@baobab/testkit';
import { z } from 'zod';
import { ensureBuild } from '../../frontends/mobi/scripts/serve';
import { queries } from '../../frontends/mobi/src/content';
import { publishArticle, publishSite, updateArticle, waitUntilServed, type ArticleData, type CmsTarget, type SiteData } from '../cms-rest';
import { median } from './lib';
import { parseScaleFlags, SCALE_USAGE, ScaleFlagsError, type ScaleFlags } from './scale-flags';
import { GC_PRELOAD, memoryAfterGc, peakOf, processMetrics, treeOf, type Memory, type Proc } from './scale-memory';
import { article, benchSite, localePairs, siteData, themes, type BenchSite } from './scale-sites';

const TARGETS = {
  totalRssMb: 1024,
  marginalKbPerSite: 200,
  siteLiveMs: 5000,
  warmShare: 0.99,
  siteQueryP99Ms: 20,
} as const;
/** Shared articles besides the demo's six allSites ones: each of SHARED_BY_LIST carried by a random fifth of the sites, SHARED_BY_ALL by every site. */
const SHARED_BY_LIST = 8;
const SHARED_BY_ALL = 2;
/** Every other bench site gets this many local articles of its own. */
const LOCAL_PER_SITE = 2;

// ---------------------------------------------------------------- small helpers

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile; 0 for no values. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** A deterministic generator, so two runs create the same sites and pick the same samples. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seededRandom(11);
const pick = <T>(list: readonly T[]): T => {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
/** `count` distinct items (all of them when the list is shorter), in random order. */
function sample<T>(list: readonly T[], count: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

/** Runs `task` over `items` with at most `limit` in flight; the results in order. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>, onDone?: (done: number) => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T, index);
      done += 1;
      onDone?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------- HTTP

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly ms: number;
}

/** One request over node:http (fetch() would drop the Host header); the time is to the last byte. */
function request(url: string, options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const started = nowMs();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: { ...options.headers, ...(options.body ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers, ms: nowMs() - started }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const graphql = (cms: string, query: string, variables: Record<string, unknown>) =>
  request(`${cms}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });

/** A page as a phone asks for it (gzip), or as text to read (`isText`). */
const page = (mobi: string, host: string, route: string, isText = false) => request(`${mobi}${route}`, { headers: { host, 'accept-encoding': isText ? 'identity' : 'gzip' } });
const pageCacheOf = (answer: Answer) => String(answer.headers['x-page-cache'] ?? '');

function dial(chat: string, serviceCode: string, sessionId: string, text = ''): Promise<Answer> {
  const form = new URLSearchParams({ sessionId, serviceCode, phoneNumber: `+2547${crypto.randomInt(10_000_000, 99_999_999)}`, networkCode: '63902', text });
  return request(`${chat}/ussd/africastalking`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
}

// ---------------------------------------------------------------- the processes

/** The chat gateway as `npm start` runs it (frontends/chat/scripts/serve.ts), in its own process, so its memory is its own. */
async function startChat(cmsUrl: string, port: number, metricsPort: number, env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const serve = path.resolve(__dirname, '../../frontends/chat/scripts/serve.ts');
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', serve], {
    cwd: path.dirname(path.dirname(serve)),
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), METRICS_PORT: String(metricsPort), CMS_URL: cmsUrl, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-16_384));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the chat gateway exited during start-up:\n${output}`);
      return (await fetch(`${url}/_baobab/health`)).ok;
    },
    60_000,
    `the chat gateway at ${url}`,
  );
  return { url, child, stop: () => stopChild(child, 5000) };
}

// ---------------------------------------------------------------- the demo content

const demoSitesSchema = z.object({
  data: z.object({
    sites: z.array(z.object({ code: z.string(), hostnames: z.array(z.string()), defaultLocale: z.string(), channels: z.object({ ussd: z.object({ serviceCodes: z.array(z.string()) }).optional() }).nullable() })),
  }),
});
const carriedSchema = z.object({
  data: z.object({ site: z.object({ navigation: z.array(z.object({ slug: z.string() })), articles: z.object({ nodes: z.array(z.object({ slug: z.string() })) }) }) }),
});

/** The answer's data, or an error quoting what the CMS said. */
async function ask<T>(cms: string, schema: z.ZodType<T>, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await graphql(cms, query, variables);
  const parsed = schema.safeParse(JSON.parse(answer.body));
  if (!parsed.success) throw new Error(`the delivery API answered ${answer.status} to ${query.slice(0, 80)}…: ${answer.body.slice(0, 500)}`);
  return parsed.data;
}

/** Slugs every list holds. */
const common = (lists: ReadonlyArray<readonly string[]>) => (lists[0] ?? []).filter((slug) => lists.every((list) => list.includes(slug)));

/**
 * The demo sites, and the sections and articles every one of them carries (so every site
 * made here carries them too: sections and allSites articles), read from the delivery API.
 */
async function readDemo(cms: string) {
  const { data } = await ask(cms, demoSitesSchema, '{ sites { code hostnames defaultLocale channels } }');
  const sites: BenchSite[] = data.sites.map((site) => ({ code: site.code, host: site.hostnames[0] ?? '', defaultLocale: site.defaultLocale, serviceCode: site.channels?.ussd?.serviceCodes[0] ?? '' }));
  const carried = await Promise.all(
    sites.map((site) => ask(cms, carriedSchema, 'query Carried($host: String!) { site(host: $host) { navigation { slug } articles(first: 50) { nodes { slug } } } }', { host: site.host })),
  );
  const sections = common(carried.map(({ data: { site } }) => site.navigation.map((section) => section.slug)));
  const slugs = common(carried.map(({ data: { site } }) => site.articles.nodes.map((node) => node.slug)));
  if (sections.length === 0 || slugs.length === 0) throw new Error('the demo sites share no section or article: is the demo content seeded?');
  return { sites, sections, slugs };
}

// ---------------------------------------------------------------- the measurements

interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly n: number;
  /** What the server said of each answer (X-Delivery-Cache, X-Page-Cache, CON/END), counted. */
  readonly states: string;
}

function latency(samples: ReadonlyArray<{ ms: number; state: string }>): Latency {
  const counts = new Map<string, number>();
  for (const { state } of samples) counts.set(state, (counts.get(state) ?? 0) + 1);
  const ms = samples.map((s) => s.ms);
  return { p50: round(percentile(ms, 0.5), 2), p99: round(percentile(ms, 0.99), 2), n: samples.length, states: [...counts].map(([state, n]) => `${n} ${state}`).join(', ') };
}

const SITE_QUERY = 'site(host: $host) { code name defaultLocale locales { code } theme { name } }';
const deliveryState = (answer: Answer) => `${answer.status === 200 && !answer.body.includes('"errors"') ? '' : `${answer.status} error `}${String(answer.headers['x-delivery-cache'] ?? '?')}`;

/**
 * A query text never asked before: the same selection under a fresh alias. Its cache key is
 * new, so the delivery cache misses and executes against the loaded content index; asking
 * the same text again is the cached case.
 */
const freshAlias = () => `s${crypto.randomBytes(6).toString('hex')}`;

async function measureDelivery(cms: string, sites: readonly BenchSite[], samples: number) {
  const site = { uncached: [] as Array<{ ms: number; state: string }>, cached: [] as Array<{ ms: number; state: string }> };
  const home = { uncached: [] as Array<{ ms: number; state: string }>, cached: [] as Array<{ ms: number; state: string }> };
  for (let i = 0; i < samples; i += 1) {
    const target = pick(sites);
    const siteQuery = `query Site($host: String!) { ${freshAlias()}: ${SITE_QUERY} }`;
    for (const bucket of [site.uncached, site.cached]) {
      const answer = await graphql(cms, siteQuery, { host: target.host });
      bucket.push({ ms: answer.ms, state: deliveryState(answer) });
    }
    const homeQuery = queries.home.query.replace('site(host: $host)', `${freshAlias()}: site(host: $host)`);
    for (const bucket of [home.uncached, home.cached]) {
      const answer = await graphql(cms, homeQuery, { host: target.host, locale: target.defaultLocale });
      bucket.push({ ms: answer.ms, state: deliveryState(answer) });
    }
  }
  return { siteUncached: latency(site.uncached), siteCached: latency(site.cached), homeUncached: latency(home.uncached), homeCached: latency(home.cached) };
}

/**
 * The home query (which lists articles) just after one local article of kijana-ke is edited
 * through REST: on the edited site (its answer depends on the article, so it is dropped:
 * uncached after an invalidation) and on another site whose same query was cached just
 * before the edit (still a hit when invalidation is scoped to the sites a change touches).
 */
async function measureAfterWrite(cms: RunningCms, probe: { documentId: string; locale: string; host: string }, sites: readonly BenchSite[], times: number) {
  const query = queries.home.query;
  const edited: Array<{ ms: number; state: string }> = [];
  const other: Array<{ ms: number; state: string }> = [];
  for (let i = 0; i < times; i += 1) {
    const otherHost = pick(sites.filter((site) => site.host !== probe.host)).host;
    await graphql(cms.url, query, { host: probe.host, locale: null });
    await graphql(cms.url, query, { host: otherHost, locale: null });
    await updateArticle(target(cms), probe.documentId, probe.locale, { lead: `Probe edit ${i} at ${Date.now()}.` });
    for (const [bucket, host] of [[edited, probe.host], [other, otherHost]] as const) {
      const answer = await graphql(cms.url, query, { host, locale: null });
      bucket.push({ ms: answer.ms, state: deliveryState(answer) });
    }
  }
  return { edited: latency(edited), other: latency(other) };
}

/** Pages never asked before (cold), each asked again at once (warm). */
async function measurePages(mobi: string, candidates: ReadonlyArray<{ host: string; route: string }>, samples: number) {
  const cold: Array<{ ms: number; state: string }> = [];
  const warm: Array<{ ms: number; state: string }> = [];
  const odd: string[] = [];
  for (const { host, route } of sample(candidates, samples)) {
    const first = await page(mobi, host, route);
    if (first.status !== 200) odd.push(`${first.status} ${host}${route}`);
    cold.push({ ms: first.ms, state: `${first.status} ${pageCacheOf(first)}` });
    const second = await page(mobi, host, route);
    warm.push({ ms: second.ms, state: `${second.status} ${pageCacheOf(second)}` });
  }
  if (odd.length > 0) console.log(`  pages not 200: ${odd.slice(0, 5).join(', ')}${odd.length > 5 ? ` and ${odd.length - 5} more` : ''}`);
  return { cold: latency(cold), warm: latency(warm) };
}

/** A dial on a service code not dialled before (the gateway fetches the site), then again in a new session. */
async function measureUssd(chat: string, sites: readonly BenchSite[], samples: number) {
  const first: Array<{ ms: number; state: string }> = [];
  const again: Array<{ ms: number; state: string }> = [];
  const screen = (answer: Answer) => (answer.status === 200 ? answer.body.slice(0, 3) : String(answer.status));
  for (const site of sample(sites.filter((s) => s.serviceCode), samples)) {
    for (const bucket of [first, again]) {
      const answer = await dial(chat, site.serviceCode, `bench-${crypto.randomUUID()}`);
      bucket.push({ ms: answer.ms, state: screen(answer) });
    }
  }
  return { first: latency(first), again: latency(again) };
}

const target = (cms: RunningCms): CmsTarget => ({ url: cms.url, token: cms.apiToken });

// ---------------------------------------------------------------- the run

interface Phase {
  readonly sites: number;
  readonly rssKb: Record<string, number>;
  readonly heapKb: Record<string, number>;
  readonly delivery: Awaited<ReturnType<typeof measureDelivery>>;
  readonly afterWrite: Awaited<ReturnType<typeof measureAfterWrite>>;
  readonly pages: Awaited<ReturnType<typeof measurePages>>;
  readonly ussd: Awaited<ReturnType<typeof measureUssd>>;
}

async function measurePhase(label: string, cms: RunningCms, mobi: string, chat: string, procs: readonly Proc[], sites: readonly BenchSite[], routes: readonly string[], probe: { documentId: string; locale: string; host: string }, flags: ScaleFlags): Promise<Phase> {
  console.log(`\n[${label}] measuring with ${sites.length} sites…`);
  const { rssKb, heapKb } = await memoryAfterGc(procs);
  const delivery = await measureDelivery(cms.url, sites, flags.samples);
  const afterWrite = await measureAfterWrite(cms, probe, sites, Math.min(20, flags.samples));
  // Pages after the writes above: every candidate is one this run has not asked for.
  const candidates = sites.flatMap((site) => routes.map((route) => ({ host: site.host, route })));
  const pages = await measurePages(mobi, candidates, flags.samples);
  const ussd = await measureUssd(chat, sites, flags.samples);
  return { sites: sites.length, rssKb, heapKb, delivery, afterWrite, pages, ussd };
}

async function createSites(cms: RunningCms, plan: readonly SiteData[], concurrency: number) {
  const started = Date.now();
  const times: number[] = [];
  let lastReport = 0;
  await pool(
    plan,
    concurrency,
    async (site) => {
      const began = nowMs();
      await publishSite(target(cms), site);
      times.push(nowMs() - began);
    },
    (done) => {
      if (Date.now() - lastReport > 10_000 || done === plan.length) {
        lastReport = Date.now();
        console.log(`  ${done}/${plan.length} sites, ${round((Date.now() - started) / 1000)} s, last 50 POSTs median ${round(median(times.slice(-50)))} ms`);
      }
    },
  );
  return { seconds: (Date.now() - started) / 1000, p50: percentile(times, 0.5), p99: percentile(times, 0.99), firstTenth: median(times.slice(0, Math.ceil(times.length / 10))), lastTenth: median(times.slice(-Math.ceil(times.length / 10))) };
}

async function createArticles(cms: RunningCms, sites: readonly BenchSite[], sections: readonly string[], concurrency: number) {
  const started = Date.now();
  const times: number[] = [];
  const timed = async (locale: string, data: ArticleData) => {
    const began = nowMs();
    const created = await publishArticle(target(cms), locale, data);
    times.push(nowMs() - began);
    return created;
  };
  const codes = sites.map((site) => site.code);
  // Shared: each of SHARED_BY_LIST carried by a random fifth of the sites, SHARED_BY_ALL by every site.
  const shared = [
    ...Array.from({ length: SHARED_BY_LIST }, (_, i) => article(`scale-shared-${i}`, `Shared topic ${i}`, pick(sections), sample(codes, Math.max(1, Math.ceil(codes.length / 5))))),
    ...Array.from({ length: SHARED_BY_ALL }, (_, i) => article(`scale-everywhere-${i}`, `Everywhere topic ${i}`, pick(sections), [], true)),
  ];
  await pool(shared, concurrency, (data) => timed('en', data));
  const withLocal = sites.filter((_, i) => i % 2 === 0);
  const local = withLocal.flatMap((site) =>
    Array.from({ length: LOCAL_PER_SITE }, (_, i) => ({ site, locale: site.defaultLocale, data: article(`${site.code}-local-${i}`, `${site.code} local news ${i}`, pick(sections), [site.code]) })),
  );
  const created = await pool(local, concurrency, async ({ site, locale, data }) => ({ site, locale, slug: data.slug, ...(await timed(locale, data)) }));
  return { seconds: (Date.now() - started) / 1000, count: shared.length + local.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99), local: created };
}

/** `site:new` of one more site: the POST, then the mobi-site polled until it serves the host. */
async function siteGoesLive(cms: RunningCms, mobi: string, site: SiteData): Promise<number | null> {
  const started = Date.now();
  await publishSite(target(cms), site);
  const isLive = await waitUntilServed(mobi, site.hostnames[0] ?? '', started + 30_000, 50);
  return isLive ? Date.now() - started : null;
}

/**
 * Warms two pages of each of `others` and of the changed site, changes the changed site's
 * local article through the REST API, waits until the changed site's article page shows the
 * new title (the notice arrived and was applied), then asks every warmed page of the others
 * once and counts X-Page-Cache hits.
 */
async function localChange(cms: RunningCms, mobi: string, changed: { site: BenchSite; locale: string; slug: string; documentId: string }, others: readonly BenchSite[], sharedRoute: string) {
  const routes = ['/', sharedRoute];
  const warmed = others.flatMap((site) => routes.map((route) => ({ host: site.host, route })));
  const own = `/articles/${changed.slug}`;
  const everyPage = [...warmed, { host: changed.site.host, route: own }, { host: changed.site.host, route: '/' }];
  // Warmed until every page answers a hit twice in a row: a notice from an earlier write (site N+1) may still mark pages stale.
  let warmBefore = 0;
  for (let pass = 0; pass < 10 && warmBefore < everyPage.length; pass += 1) {
    await pool(everyPage, 4, ({ host, route }) => page(mobi, host, route));
    await sleep(500);
    const check = await pool(everyPage, 4, ({ host, route }) => page(mobi, host, route));
    warmBefore = check.filter((answer) => pageCacheOf(answer) === 'hit').length;
  }
  const title = `Changed at ${Date.now()}`;
  const started = Date.now();
  await updateArticle(target(cms), changed.documentId, changed.locale, { title });
  let seenMs: number | null = null;
  while (Date.now() - started < 30_000) {
    const answer = await page(mobi, changed.site.host, own, true);
    if (answer.body.includes(title)) {
      seenMs = Date.now() - started;
      break;
    }
    await sleep(50);
  }
  const ownHome = pageCacheOf(await page(mobi, changed.site.host, '/'));
  const after = await pool(warmed, 4, ({ host, route }) => page(mobi, host, route));
  const states = new Map<string, number>();
  for (const answer of after) states.set(pageCacheOf(answer), (states.get(pageCacheOf(answer)) ?? 0) + 1);
  const hits = states.get('hit') ?? 0;
  return { pages: warmed.length, warmBefore, hits, share: warmed.length === 0 ? 0 : hits / warmed.length, seenMs, ownHome, states: [...states].map(([state, n]) => `${n} ${state}`).join(', ') };
}

// ---------------------------------------------------------------- printing

const mb = (kb: number) => round(kb / 1024);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function printPhases(base: Phase, after: Phase) {
  const rows: Array<Record<string, string | number>> = [];
  const add = (figure: string, a: Latency, b: Latency, target = '') =>
    rows.push({ figure, [`p50 ms @${base.sites}`]: a.p50, [`p99 ms @${base.sites}`]: a.p99, [`p50 ms @${after.sites}`]: b.p50, [`p99 ms @${after.sites}`]: b.p99, 'p99 ratio': round(b.p99 / Math.max(a.p99, 0.01), 2), target, [`answers @${after.sites}`]: b.states });
  add('site(host:) uncached (fresh query text)', base.delivery.siteUncached, after.delivery.siteUncached, `p99 ≤ ${TARGETS.siteQueryP99Ms} ms: ${verdict(after.delivery.siteUncached.p99 <= TARGETS.siteQueryP99Ms)}`);
  add('site(host:) cached', base.delivery.siteCached, after.delivery.siteCached);
  add('home query of the edited site, just after a local edit', base.afterWrite.edited, after.afterWrite.edited);
  add('home query of another site, just after a local edit', base.afterWrite.other, after.afterWrite.other);
  add('home query uncached (fresh query text)', base.delivery.homeUncached, after.delivery.homeUncached);
  add('home query cached', base.delivery.homeCached, after.delivery.homeCached);
  add('mobi page cold (never asked)', base.pages.cold, after.pages.cold);
  add('mobi page warm (asked again)', base.pages.warm, after.pages.warm);
  add('USSD dial, code not dialled before', base.ussd.first, after.ussd.first);
  add('USSD dial, same code again', base.ussd.again, after.ussd.again);
  console.table(rows);
}

function printMemory(sites: number, base: Memory, created: Memory, end: Memory, peakKb: Record<string, number>, added: number) {
  const names = Object.keys(base.rssKb);
  const of = (values: Record<string, number>, name: string) => (name === 'all' ? names.reduce((sum, each) => sum + (values[each] ?? 0), 0) : (values[name] ?? 0));
  const rows = [...names, 'all'].map((name) => ({
    process: name,
    [`RSS MB @${sites} sites`]: mb(of(base.rssKb, name)),
    'RSS MB after creation': mb(of(created.rssKb, name)),
    'RSS MB at the end': mb(of(end.rssKb, name)),
    'RSS KB/site': round((of(end.rssKb, name) - of(base.rssKb, name)) / added),
    [`heap MB @${sites}`]: mb(of(base.heapKb, name)),
    'heap MB at the end': mb(of(end.heapKb, name)),
    'heap KB/site': round((of(end.heapKb, name) - of(base.heapKb, name)) / added),
    'peak RSS MB (VmHWM)': mb(of(peakKb, name)),
  }));
  console.table(rows);
  console.log('Each read follows a full GC in each process (SIGUSR2, scripts/bench/gc-on-signal.cjs). RSS: VmRSS of the process and its children (under tsx, esbuild helpers are counted); heap: V8 heap in use after that GC (nodejs_heap_size_used_bytes), what the process holds. KB/site: (end − baseline) ÷ sites added. Peak: the highest RSS each process reached over the whole run, start-up and the write burst included, without a GC first (for "all", the sum of the peaks, which need not have coincided).');
  const total = of(end.rssKb, 'all');
  const marginal = (total - of(base.rssKb, 'all')) / added;
  // RSS moves by tens of MB as V8 takes and returns pages, which swamps a few sites' worth; the heap after a GC does not.
  const marginalHeap = (of(end.heapKb, 'all') - of(base.heapKb, 'all')) / added;
  console.log(`target: all processes ≤ ${TARGETS.totalRssMb} MB → ${mb(total)} MB at the end, ${verdict(mb(total) <= TARGETS.totalRssMb)} (sum of peaks ${mb(of(peakKb, 'all'))} MB); ≤ ${TARGETS.marginalKbPerSite} KB per site → ${round(marginal)} KB of RSS, ${round(marginalHeap)} KB of heap, ${verdict(Math.max(marginal, marginalHeap) <= TARGETS.marginalKbPerSite)}`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  let flags: ScaleFlags;
  try {
    flags = parseScaleFlags(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ScaleFlagsError) {
      console.error(`bench:scale: ${error.message}\n\n${SCALE_USAGE}`);
      return 2;
    }
    throw error;
  }
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl !== undefined && redisUrl !== '' && !/^rediss?:\/\//.test(redisUrl)) {
    console.error(`bench:scale: REDIS_URL "${redisUrl}" must be a redis:// or rediss:// URL`);
    return 2;
  }
  const began = Date.now();
  ensureBuild();
  const notifySecret = randomSecret();
  const [mobiPort, chatPort] = [await freePort(), await freePort()];
  // Each process serves its metrics (heap, invalidation lag) on a port of its own.
  const metricsPorts = { cms: await freePort(), mobi: await freePort(), chat: await freePort() };
  const notifyUrls = [mobiPort, chatPort].map((port) => `http://127.0.0.1:${port}/_baobab/invalidate`).join(',');
  const shared = { BAOBAB_NOTIFY_SECRET: notifySecret, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
  let cms: RunningCms | undefined;
  let mobi: RunningMobi | undefined;
  let chat: Awaited<ReturnType<typeof startChat>> | undefined;
  const cleanup = async () => {
    await chat?.stop();
    await mobi?.stop();
    await cms?.stop();
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    console.log(`bench:scale: ${flags.sites} sites, ${flags.concurrency} writes in flight, ${flags.samples} samples per figure, ${flags.warm} other sites warmed; database ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'SQLite (temporary file)'}; changes ${redisUrl ? 'over Redis (REDIS_URL)' : 'by notice POSTs (BAOBAB_NOTIFY_URLS)'}.`);
    console.log('Starting a CMS with the demo content, a mobi-site and a chat gateway, each in its own process…');
    cms = await startCms({ env: { ...shared, ...GC_PRELOAD, BAOBAB_NOTIFY_URLS: notifyUrls, LOG_LEVEL: 'warn', METRICS_PORT: String(metricsPorts.cms) } });
    mobi = await startMobi({ cmsUrl: cms.url, port: mobiPort, env: { ...shared, ...GC_PRELOAD, METRICS_PORT: String(metricsPorts.mobi) } });
    chat = await startChat(cms.url, chatPort, metricsPorts.chat, { ...shared, ...GC_PRELOAD });
    const procs: Proc[] = [
      { name: 'cms', child: cms.child, metricsPort: metricsPorts.cms },
      { name: 'mobi', child: mobi.child, metricsPort: metricsPorts.mobi },
      { name: 'chat', child: chat.child, metricsPort: metricsPorts.chat },
    ];
    const demo = await readDemo(cms.url);
    const sharedRoute = `/articles/${demo.slugs[0] ?? 'hiv-testing-basics'}`;
    const routes = ['/', ...demo.sections.map((slug) => `/${slug}`), ...demo.slugs.slice(0, 6).map((slug) => `/articles/${slug}`)];
    // One local article on a demo site: what the "just after a local edit" rows edit.
    const probe = { ...(await publishArticle(target(cms), 'en-KE', article('scale-probe', 'Probe', demo.sections[0] ?? 'periods', ['kijana-ke']))), locale: 'en-KE', host: 'kijana-ke.localhost' };
    // Each process touched once, so "before" holds what serving costs, not start-up alone.
    for (const site of demo.sites) {
      await page(mobi.url, site.host, '/');
      if (site.serviceCode) await dial(chat.url, site.serviceCode, `warm-${site.code}`);
    }
    // A pass thrown away, so the first figures do not carry start-up costs (JIT, first loads).
    await measureDelivery(cms.url, demo.sites, 20);
    await measureUssd(chat.url, demo.sites, demo.sites.length);
    const base = await measurePhase(`${demo.sites.length} demo sites`, cms, mobi.url, chat.url, procs, demo.sites, routes, probe, flags);

    const pairs = localePairs();
    const plan = Array.from({ length: flags.sites }, (_, i) => siteData(i + 1, pairs));
    console.log(`\nCreating ${flags.sites} sites through POST /api/sites (${flags.concurrency} at a time; ${pairs.length} locale pairs, themes ${themes.join('/')})…`);
    const created = await createSites(cms, plan, flags.concurrency);
    const benchSites = plan.map(benchSite);
    console.log(`Creating articles: ${SHARED_BY_LIST} shared by a fifth of the sites each, ${SHARED_BY_ALL} by all, ${LOCAL_PER_SITE} local ones on every other site…`);
    const articles = await createArticles(cms, benchSites, demo.sections, flags.concurrency);
    console.table([
      { what: 'sites', count: flags.sites, seconds: round(created.seconds), 'per second': round(flags.sites / created.seconds), 'POST p50 ms': round(created.p50), 'POST p99 ms': round(created.p99), 'first tenth p50 ms': round(created.firstTenth), 'last tenth p50 ms': round(created.lastTenth) },
      { what: 'articles', count: articles.count, seconds: round(articles.seconds), 'per second': round(articles.count / articles.seconds), 'POST p50 ms': round(articles.p50), 'POST p99 ms': round(articles.p99) },
    ]);
    const all = [...demo.sites, ...benchSites];
    // Each process hears of the new sites once before its memory is read.
    await page(mobi.url, pick(benchSites).host, '/');
    await dial(chat.url, pick(benchSites).serviceCode, 'warm-after-creation');
    const createdMemory = await memoryAfterGc(procs);
    const after = await measurePhase(`${all.length} sites`, cms, mobi.url, chat.url, procs, all, routes, probe, flags);

    const extra = siteData(flags.sites + 1, pairs);
    const liveMs = await siteGoesLive(cms, mobi.url, extra);
    const [changed] = sample(articles.local, 1);
    if (!changed) throw new Error('no local article was created');
    const others = sample(
      benchSites.filter((site) => site.code !== changed.site.code),
      flags.warm,
    );
    const change = await localChange(cms, mobi.url, changed, others, sharedRoute);
    const endMemory = await memoryAfterGc(procs);
    const lags = await Promise.all(procs.map(async (proc) => ({ name: proc.name, lag: (await processMetrics(proc.metricsPort)).lag })));

    console.log(`\n=== bench:scale: ${demo.sites.length} demo sites, then ${all.length} (${flags.sites} added) ===`);
    console.log('Latency, client side over loopback, sequential requests. "uncached" = the same selection under a new alias, a query text never asked, so the delivery cache misses with the content index loaded; "just after a local edit" = the home query right after a REST edit of one kijana-ke local article: on kijana-ke (uncached after an invalidation) and on another site whose answer was cached before the edit.');
    printPhases(base, after);
    console.log(`target: uncached site(host:) p99 ≤ ${TARGETS.siteQueryP99Ms} ms → ${after.delivery.siteUncached.p99} ms, ${verdict(after.delivery.siteUncached.p99 <= TARGETS.siteQueryP99Ms)}`);
    console.log('\nResident memory (VmRSS of each process and its children):');
    printMemory(base.sites, base, createdMemory, endMemory, peakOf(procs), flags.sites);
    for (const proc of procs) console.log(`  ${proc.name}: ${treeOf(proc).map((member) => `${member.name} (pid ${member.pid}) ${mb(member.kb)} MB`).join(' + ')}`);
    console.log(`\nsite:new of site ${flags.sites + 1} (${extra.code}) → first mobi page: ${liveMs === null ? 'not within 30 s' : `${liveMs} ms`}; target ≤ ${TARGETS.siteLiveMs} ms: ${verdict(liveMs !== null && liveMs <= TARGETS.siteLiveMs)}`);
    console.log(
      `Local change on ${changed.site.code} (${changed.slug}): seen on its page after ${change.seenMs === null ? 'more than 30 s' : `${change.seenMs} ms`}; its home then answered ${change.ownHome || '?'}. ` +
        `Of ${change.pages} cached pages of ${others.length} other sites (home and ${sharedRoute}; ${change.warmBefore} of ${change.pages + 2} warmed pages were hits just before): ${change.hits} hits (${round(change.share * 100)}%) [${change.states}]; target ≥ ${TARGETS.warmShare * 100}%: ${verdict(change.share >= TARGETS.warmShare)}`,
    );
    console.log(
      `Invalidation lag (baobab_invalidation_lag_seconds, the change-channel contract): ${lags.map(({ name, lag }) => `${name} ${lag === null ? 'not reported' : `${lag.count} changes, mean ${round(lag.meanMs)} ms`}`).join('; ')}.`,
    );
    console.log(`Took ${round((Date.now() - began) / 1000)} s. Load average at the end: ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} on ${os.cpus().length} cores (other work on the machine shows in the p99s).`);
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
