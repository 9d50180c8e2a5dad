// `npm run bench:api`: loopback load on one article through the delivery API (cached),
// the same article through Strapi's generated GraphQL schema, and a bare Node server
// answering the same bytes. Prints medians of several rounds and the two ratios.
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { freePort, startCms, waitFor } from '../../cms/tests/support/cms-process';

/** A positive whole number from the environment, or the default; anything else stops with a message. */
function positiveInt(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`${name}="${raw}" must be a whole number from 1 to ${max}`);
    process.exit(2);
  }
  return value;
}

const CONNECTIONS = positiveInt('BENCH_CONNECTIONS', 20, 1000);
const SECONDS = positiveInt('BENCH_SECONDS', 5, 600);
const ROUNDS = positiveInt('BENCH_ROUNDS', 3, 25);
const SLUG = 'hiv-testing-basics';

interface Target {
  readonly name: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

interface Round {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function load(target: Target, seconds: number): Promise<Round> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: target.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

async function main() {
  console.log(`Starting a CMS with demo content (SQLite${process.env.DATABASE_URL ? ' → PostgreSQL' : ''})…`);
  const cms = await startCms({ env: { LOG_LEVEL: 'warn' } });
  let bareServer: ReturnType<typeof spawn> | undefined;
  try {
    const deliveryQuery = JSON.stringify({
      query: `query Article($host: String!, $slug: String!) { site(host: $host) { article(slug: $slug) { id slug title lead body locale isFallback availableLocales tags publishedAt updatedAt section { slug title } image { url(width: 320) alt width height } } } }`,
      variables: { host: 'kijana-ke.localhost', slug: SLUG },
    });
    const strapiQuery = JSON.stringify({
      query: `query Article($slug: String!) { articles(filters: { slug: { eq: $slug } }, locale: "en") { documentId slug title lead body locale tags publishedAt updatedAt section image { url alternativeText width height } } }`,
      variables: { slug: SLUG },
    });
    const delivered = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deliveryQuery });
    const bytes = Buffer.from(await delivered.arrayBuffer());
    if (!delivered.ok || !bytes.includes(SLUG)) throw new Error(`delivery did not serve ${SLUG}: ${bytes.toString().slice(0, 300)}`);
    const generated = await fetch(`${cms.url}/strapi-graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${cms.apiToken}` }, body: strapiQuery });
    const generatedText = await generated.text();
    if (!generated.ok || !generatedText.includes(SLUG)) throw new Error(`Strapi's generated schema did not serve ${SLUG}: ${generatedText.slice(0, 300)}`);

    const barePort = await freePort();
    bareServer = spawn(process.execPath, ['-e', BARE_SERVER], { stdio: ['pipe', 'inherit', 'inherit'], env: { ...process.env, BARE_PORT: String(barePort) } });
    bareServer.stdin?.end(bytes);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${barePort}/`, { method: 'POST', body: '{}' })).ok, 10_000, 'the bare server');

    const targets: Target[] = [
      { name: 'delivery /graphql (cached)', url: `${cms.url}/graphql`, headers: {}, body: deliveryQuery },
      { name: "Strapi's generated /strapi-graphql", url: `${cms.url}/strapi-graphql`, headers: { authorization: `Bearer ${cms.apiToken}` }, body: strapiQuery },
      { name: 'bare Node http, same bytes', url: `http://127.0.0.1:${barePort}/`, headers: {}, body: deliveryQuery },
    ];
    console.log(`Load: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per target (after a 2 s warm-up), interleaved; response ${bytes.length} bytes.`);
    for (const target of targets) await load(target, 2);
    const rounds = new Map<string, Round[]>(targets.map((target) => [target.name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const target of targets) rounds.get(target.name)?.push(await load(target, SECONDS));
    }
    const summary = targets.map((target) => {
      const results = rounds.get(target.name) ?? [];
      return {
        target: target.name,
        'req/s (median)': Math.round(median(results.map((r) => r.rps))),
        'p50 ms': median(results.map((r) => r.p50)),
        'p99 ms': median(results.map((r) => r.p99)),
        'non-2xx': results.reduce((total, r) => total + r.non2xx, 0),
      };
    });
    console.table(summary);
    const [delivery, strapi, node] = summary.map((row) => row['req/s (median)']);
    const ratio = (a = 0, b = 1) => (a / b).toFixed(2);
    console.log(`delivery ÷ Strapi generated: ${ratio(delivery, strapi)}×   (target ≥ 20×)`);
    console.log(`delivery ÷ bare Node:        ${ratio(delivery, node)}×   (target ≥ 0.25×)`);
  } finally {
    bareServer?.kill();
    await cms.stop();
  }
}

/** A bare Node server that reads the request body and answers the bytes from stdin. */
const BARE_SERVER = `
let bytes = Buffer.alloc(0);
process.stdin.on('data', (chunk) => { bytes = Buffer.concat([bytes, chunk]); });
process.stdin.on('end', () => {
  require('http').createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
      res.end(bytes);
    });
  }).listen(Number(process.env.BARE_PORT || 0), '127.0.0.1');
});
`;

main().catch((error: unknown) => {
  console.error(`bench:api failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
