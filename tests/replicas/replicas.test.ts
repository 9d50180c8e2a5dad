// Issue 11's first acceptance: two CMS replicas on PostgreSQL, two mobi and two chat replicas,
// Redis and nginx. An edit through one CMS replica shows, through the load balancer and on
// every replica, on each mobi page, delivery query and USSD menu that shows it within 2 s,
// 20 times in a row, while a bounded load runs; no request fails.
import crypto from 'node:crypto';
import { waitFor, type RunningCms } from '@baobab/testkit';
import { startCluster, type Cluster } from './support/cluster';
import { closeConnections, delivery, page, ussd } from './support/http';
import { startLoad, type RunningLoad } from './support/load';

/** A demo article kijana-ke carries: on its own page, in the Periods section page, in the delivery API and in the USSD Periods menu. */
const ARTICLE = { slug: 'menstrual-hygiene', locale: 'en', titleStart: 'Menstrual hygiene' } as const;
const SITE = { host: 'kijana-ke.localhost', serviceCode: '*384*100#', section: 'periods', sectionTitle: 'Periods & puberty', language: 'English' } as const;
const ROUNDS = 20;
/** Requests the load must have made through nginx before its failures are judged. */
const MIN_LOAD_REQUESTS = 150;
/** The acceptance: every place shows the edit within this long after the edit's answer. */
const LIMIT_MS = 2000;
/** How long a round keeps looking after that, so a failure says how late (or never) a place caught up. */
const WATCH_MS = 5000;
const LOAD = { loops: 3, pauseMs: 100 } as const;

let cluster: Cluster | undefined;
let load: RunningLoad | undefined;
let documentId = '';
/** The USSD inputs from the dial to the Periods menu (language, then section), found once by reading the menus. */
let ussdInputs: string[] = [];

const started = () => {
  if (!cluster) throw new Error('the cluster did not start (see beforeAll)');
  return cluster;
};

async function rest(cms: RunningCms, method: 'GET' | 'PUT', apiPath: string, body?: unknown): Promise<{ status: number; json: { data?: unknown } }> {
  const response = await fetch(`${cms.url}/api${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as { data?: unknown } };
}

/** The numbered choice on a USSD screen whose label starts with `label`, e.g. `2` for `2. English`. */
function choiceOf(screen: string, label: string): string | null {
  const line = screen.split('\n').find((text) => new RegExp(`^\\d+\\. ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text));
  return line === undefined ? null : (line.split('.')[0] ?? null);
}

/** One USSD session from the dial through `inputs`, each hop a request to `base`; answers the last screen. */
async function ussdScreen(base: string, inputs: readonly string[]): Promise<string> {
  const session = { sessionId: `ATUid_${crypto.randomUUID()}`, serviceCode: SITE.serviceCode, phoneNumber: `+2547${crypto.randomInt(10_000_000, 99_999_999)}` };
  let screen = '';
  for (let hop = 0; hop <= inputs.length; hop += 1) {
    const answer = await ussd(base, { ...session, text: inputs.slice(0, hop).join('*') });
    if (answer.status !== 200) throw new Error(`USSD hop ${hop} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    screen = answer.body;
  }
  return screen;
}

/** Dial → language menu → home menu → the Periods menu: the inputs, read from the menus as a reader would. */
async function findUssdInputs(base: string): Promise<string[]> {
  const inputs: string[] = [];
  const first = await ussdScreen(base, inputs);
  const language = choiceOf(first, SITE.language);
  if (language !== null) inputs.push(language);
  const home = await ussdScreen(base, inputs);
  const section = choiceOf(home, SITE.sectionTitle);
  if (section === null) throw new Error(`no "${SITE.sectionTitle}" on the USSD home menu:\n${home}`);
  return [...inputs, section];
}

interface Place {
  readonly name: string;
  /** The text the place shows now. */
  read(): Promise<string>;
}

/** Every place the edited title shows: each replica directly, and nginx. */
function places(c: Cluster): Place[] {
  const mobiPaths = [`/articles/${ARTICLE.slug}`, `/${SITE.section}`];
  const mobiBases = [...c.mobi.map((replica, index) => ({ name: `mobi replica ${index + 1}`, url: replica.url })), { name: 'mobi via nginx', url: c.lb.mobi }];
  const cmsBases = [...c.cms.map((replica, index) => ({ name: `CMS replica ${index + 1}`, url: replica.url })), { name: 'CMS via nginx', url: c.lb.cms }];
  const chatBases = [...c.chat.map((replica, index) => ({ name: `chat replica ${index + 1}`, url: replica.url })), { name: 'chat via nginx', url: c.lb.chat }];
  const query = `{ site(host: "${SITE.host}") { article(slug: "${ARTICLE.slug}") { title } } }`;
  return [
    ...mobiBases.flatMap((base) => mobiPaths.map((path) => ({ name: `${base.name} ${path}`, read: async () => (await page(base.url, SITE.host, path)).body }))),
    ...cmsBases.map((base) => ({ name: `${base.name} delivery article`, read: async () => JSON.stringify((await delivery(base.url, query)).json) })),
    ...chatBases.map((base) => ({ name: `${base.name} USSD ${SITE.section} menu`, read: () => ussdScreen(base.url, ussdInputs) })),
  ];
}

/** Ms from `since` until `place` first showed `text` (read every 50 ms after each answer), or null when it did not within `watchMs`. */
async function firstShown(place: Place, text: string, since: number, watchMs: number): Promise<number | null> {
  while (Date.now() - since < watchMs) {
    if ((await place.read().catch(() => '')).includes(text)) return Date.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Every place watched at once, each on its own: place name → ms until it showed `text`, or null. */
async function watch(all: readonly Place[], text: string, since: number, watchMs: number): Promise<Map<string, number | null>> {
  return new Map(await Promise.all(all.map(async (place) => [place.name, await firstShown(place, text, since, watchMs)] as const)));
}

/** A delay for people: Infinity (a place that never showed the edit) as more than the watch time. */
const delayText = (value: number) => (Number.isFinite(value) ? `${value} ms` : `more than ${WATCH_MS} ms`);

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

beforeAll(async () => {
  cluster = await startCluster();
  const found = await rest(cluster.cms[0] as RunningCms, 'GET', `/articles?filters[slug][$eq]=${ARTICLE.slug}&locale=${ARTICLE.locale}`);
  const data = Array.isArray(found.json.data) ? (found.json.data as Array<{ documentId?: unknown }>) : [];
  documentId = typeof data[0]?.documentId === 'string' ? data[0].documentId : '';
  if (documentId === '') throw new Error(`the seed has no ${ARTICLE.slug} article (answer ${found.status})`);
  ussdInputs = await findUssdInputs(cluster.lb.chat);
  load = startLoad(cluster.lb, LOAD);
}, 900_000);

afterAll(async () => {
  await load?.stop();
  await cluster?.stop();
  closeConnections();
}, 120_000);

describe('replicas behind nginx (two CMS on PostgreSQL, two mobi, two chat, Redis)', () => {
  it('balances every kind of request over both replicas of each process', async () => {
    const c = started();
    const replicas = { cms: c.cms.map((r) => r.url), mobi: c.mobi.map((r) => r.url), chat: c.chat.map((r) => r.url) };
    const unserved = () =>
      Object.entries(replicas).flatMap(([upstream, urls]) =>
        urls.map((url) => new URL(url).host).filter((replica) => !c.nginx.accessLog().some((entry) => entry.upstream === upstream && entry.status === 200 && entry.replicas.includes(replica))).map((replica) => `${upstream} ${replica}`),
      );
    const deadline = Date.now() + 30_000;
    while (unserved().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(unserved()).toEqual([]);
  }, 60_000);

  it('shows the seeded title everywhere before any edit (the places the rounds watch are right)', async () => {
    const all = places(started());
    const seen = await watch(all, ARTICLE.titleStart, Date.now(), 10_000);
    expect([...seen].filter(([, ms]) => ms === null).map(([name]) => name)).toEqual([]);
  }, 60_000);

  it(`shows an edit through one CMS replica everywhere within ${LIMIT_MS} ms, ${ROUNDS} times in a row`, async () => {
    const c = started();
    const all = places(c);
    const delays: number[] = [];
    const late: string[] = [];
    for (let round = 1; round <= ROUNDS && late.length === 0; round += 1) {
      // Alternate the replica edited through, so each one's changes must reach the other.
      const via = round % 2 === 1 ? 0 : 1;
      const title = `${ARTICLE.titleStart} ${round} ${crypto.randomBytes(3).toString('hex')}`;
      const edited = await rest(c.cms[via] as RunningCms, 'PUT', `/articles/${documentId}?locale=${ARTICLE.locale}&status=published`, { data: { title } });
      expect(edited.status).toBe(200);
      const since = Date.now();
      const seen = await watch(all, title, since, WATCH_MS);
      const times = [...seen.values()].map((ms) => ms ?? Infinity);
      delays.push(Math.max(...times));
      for (const [name, ms] of seen) if (ms === null || ms > LIMIT_MS) late.push(`round ${round} (edit via CMS replica ${via + 1}): ${name} ${ms === null ? `not within ${WATCH_MS} ms` : `after ${ms} ms`}`);
      console.log(`replicas: round ${round} via CMS replica ${via + 1}: everywhere after ${delayText(delays.at(-1) ?? Infinity)}; ${[...seen].map(([name, ms]) => `${name} ${ms ?? '—'}`).join(', ')}`);
    }
    const sorted = [...delays].sort((a, b) => a - b);
    console.log(`replicas: ${delays.length} rounds, delay p50 ${delayText(percentile(sorted, 50))}, max ${delayText(sorted.at(-1) ?? Infinity)}; load so far ${load?.sent() ?? 0} requests, ${load?.failures().length ?? 0} failed`);
    expect(late).toEqual([]);
    expect(delays).toHaveLength(ROUNDS);
  }, 300_000);

  it('failed no request of the load that ran through nginx the whole time', async () => {
    // The rounds may end quickly: the load keeps running until it has made enough requests to mean something.
    await waitFor(async () => (load?.sent() ?? 0) >= MIN_LOAD_REQUESTS, 60_000, `${MIN_LOAD_REQUESTS} load requests through nginx`);
    const sent = (await load?.stop()) ?? 0;
    const failures = load?.failures() ?? [];
    console.log(`replicas: load ${sent} requests through nginx, ${failures.length} failed`);
    expect(sent).toBeGreaterThanOrEqual(MIN_LOAD_REQUESTS);
    expect(failures).toEqual([]);
  }, 90_000);
});
