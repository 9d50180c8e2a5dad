// `npm run bench:abuse`: readers' load on the delivery API, alone and while three floods
// run beside it — the amplified fragment query, queries padded with unused variables, and
// mobi pages with a new `?utm=` each time. Prints the readers' p50/p99 in both cases (medians
// of several rounds) and their ratio, what each flood got, and the CMS's memory before
// and after against the documented ceiling.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { randomSecret, startCms, startMobi, type RunningMobi } from '@baobab/testkit';
import { ensureBuild } from '../../frontends/mobi/scripts/serve';
import { CONNECTIONS, median, ROUNDS, SECONDS } from './lib';

/** Shared by the CMS and the mobi-site of this run (production mobi refuses to start without one). */
const WRITE_SECRET = randomSecret();

/** The CMS's resident memory must come back under this after the floods (README: delivery API limits). */
const RSS_CEILING_MB = 700;
const P99_TARGET_MS = 100;
const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

const readerQueries = ['kijana-ke', 'thrive-za', 'mama-ng', 'amal-eg'].flatMap((code) => [
  JSON.stringify({
    query: 'query Article($code: String!, $slug: String!) { site(code: $code) { article(slug: $slug) { id title lead body locale isFallback tags image { url(width: 320) alt } } } }',
    variables: { code, slug: 'hiv-testing-basics' },
  }),
  JSON.stringify({
    query: 'query Home($code: String!) { site(code: $code) { name navigation { slug title } latest: articles(first: 8) { nodes { slug title lead } totalCount } } }',
    variables: { code },
  }),
]);

/** The query the outside testers sent: three fragments, six aliases each, over 50-article pages with bodies. */
const amplified = (() => {
  const fragment = (name: string) =>
    `fragment ${name} on Site { ${Array.from({ length: 6 }, (_, i) => `${name}${i}: articles(first: 50) { nodes { title lead body tags } }`).join(' ')} }`;
  return JSON.stringify({ query: `{ site(code: "kijana-ke") { ...A ...B ...C } } ${fragment('A')} ${fragment('B')} ${fragment('C')}` });
})();

let padding = 0;
const padded = () =>
  JSON.stringify({
    query: readerQueries[1] ? JSON.parse(readerQueries[1]).query : '',
    variables: { code: 'kijana-ke', [`pad${(padding += 1)}`]: 'x'.repeat(4000) },
  });

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}


interface Tally {
  requests: number;
  statuses: Record<string, number>;
  p50: number;
  p99: number;
  errors: number;
}

function run(options: autocannon.Options): Promise<Tally> {
  return new Promise((resolve, reject) => {
    const statuses: Record<string, number> = {};
    const instance = autocannon(options, (error, result) => {
      if (error) reject(error);
      else resolve({ requests: result.requests.total, statuses, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts });
    });
    instance.on('response', (_client: unknown, statusCode: number) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

const readers = (cmsUrl: string, seconds: number) =>
  run({ url: `${cmsUrl}/graphql`, connections: CONNECTIONS, duration: seconds, requests: readerQueries.map((body) => ({ method: 'POST', headers: json, body })) });

async function main() {
  ensureBuild();
  console.log('Starting a CMS with demo content and a mobi-site…');
  const cms = await startCms({ env: { BAOBAB_WRITE_SECRET: WRITE_SECRET, LOG_LEVEL: 'warn' } });
  let mobi: RunningMobi | undefined;
  try {
    mobi = await startMobi({ cmsUrl: cms.url, env: { BAOBAB_WRITE_SECRET: WRITE_SECRET } });
    const mobiUrl = mobi.url;
    // What the amplified query gets, one at a time.
    const refusals: number[] = [];
    let refusal = '';
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      const response = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: json, body: amplified });
      refusal = `${response.status} ${JSON.parse(await response.text()).errors?.[0]?.extensions?.code ?? 'no error'}`;
      refusals.push(performance.now() - started);
    }
    console.log(`Amplified query (${JSON.parse(amplified).query.length} characters): ${refusal}, median ${median(refusals).toFixed(2)} ms.`);

    await readers(cms.url, 2);
    const before = rssMb(cms.child.pid);
    console.log(`Readers: ${CONNECTIONS} connections, ${readerQueries.length} queries in turn; ${ROUNDS} rounds of ${SECONDS} s, alone then with the floods (4 connections each).`);
    const alone: Tally[] = [];
    const loaded: Tally[] = [];
    const floods = { amplified: [] as Tally[], padded: [] as Tally[], utm: [] as Tally[] };
    let utm = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      alone.push(await readers(cms.url, SECONDS));
      const [reader, amp, pad, page] = await Promise.all([
        readers(cms.url, SECONDS),
        run({ url: `${cms.url}/graphql`, connections: 4, duration: SECONDS, method: 'POST', headers: json, body: amplified }),
        run({ url: `${cms.url}/graphql`, connections: 4, duration: SECONDS, requests: [{ method: 'POST', headers: json, setupRequest: (request) => ({ ...request, body: padded() }) }] }),
        run({
          url: mobiUrl,
          connections: 4,
          duration: SECONDS,
          requests: [{ method: 'GET', headers: { host: 'kijana-ke.localhost' }, setupRequest: (request) => ({ ...request, path: `/?utm=${(utm += 1)}` }) }],
        }),
      ]);
      loaded.push(reader);
      floods.amplified.push(amp);
      floods.padded.push(pad);
      floods.utm.push(page);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = rssMb(cms.child.pid);

    const summary = (name: string, rounds: Tally[]) => {
      const statuses: Record<string, number> = {};
      for (const round of rounds) for (const [code, count] of Object.entries(round.statuses)) statuses[code] = (statuses[code] ?? 0) + count;
      return {
        what: name,
        requests: rounds.reduce((total, round) => total + round.requests, 0),
        statuses: Object.entries(statuses).map(([code, count]) => `${code}×${count}`).join(' '),
        'p50 ms': median(rounds.map((round) => round.p50)),
        'p99 ms': median(rounds.map((round) => round.p99)),
        'socket errors': rounds.reduce((total, round) => total + round.errors, 0),
      };
    };
    const rows = [
      summary('readers alone', alone),
      summary('readers during floods', loaded),
      summary('amplified query flood', floods.amplified),
      summary('padded-variables flood', floods.padded),
      summary('mobi ?utm=N flood', floods.utm),
    ];
    console.table(rows);
    const [quiet, busy] = rows;
    const readerFailures = loaded.reduce((total, round) => total + round.errors + Object.entries(round.statuses).filter(([code]) => code !== '200').reduce((sum, [, count]) => sum + count, 0), 0);
    console.log(`Readers' p99 during floods ÷ alone: ${((busy?.['p99 ms'] ?? 0) / Math.max(quiet?.['p99 ms'] ?? 1, 1)).toFixed(2)}×; p99 ${busy?.['p99 ms']} ms (target < ${P99_TARGET_MS} ms).`);
    console.log(`Readers' failed requests during floods: ${readerFailures} (target 0).`);
    console.log(`CMS memory: ${before} MB before the floods, ${after} MB after (ceiling ${RSS_CEILING_MB} MB).`);
    const page = await new Promise<http.IncomingMessage | null>((resolve) => {
      http.get(`${mobiUrl}/`, { headers: { host: 'kijana-ke.localhost' } }, (response) => resolve(response.resume())).on('error', () => resolve(null));
    });
    console.log(`Mobi home after the ?utm flood: ${page?.statusCode ?? 'no answer'}, page cache ${page?.headers['x-page-cache'] ?? 'unknown'}.`);
    const ok = readerFailures === 0 && (busy?.['p99 ms'] ?? Infinity) < P99_TARGET_MS && after <= RSS_CEILING_MB;
    console.log(ok ? 'PASS: no reader errors, p99 and memory within targets.' : 'FAIL: see the figures above.');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await mobi?.stop();
    await cms.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:abuse failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
