// `npm run bench:polls-api`: the polls plugin's delivery API alone (no mobi-site). Reads of a
// site's polls (cached, 5 s at most), then BENCH_VOTES votes by distinct readers with
// BENCH_CONNECTIONS in flight, checking every one was counted exactly once, and reads while
// those votes run.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { startCms } from '@baobab/testkit';
import { CONNECTIONS, measure, median, positiveInt } from './lib';

const VOTES = positiveInt('BENCH_VOTES', 5000, 1_000_000);
const SECRET = process.env.BAOBAB_WRITE_SECRET ?? 'baobab-dev-only-secret';
const json = { 'content-type': 'application/json' };
const pollsQuery = JSON.stringify({
  query: '{ site(host: "mama-ng.localhost") { polls(placement: HOME) { id slug question isOpen totalVotes choices { id label votes percent } } } }',
});
const VOTE = 'mutation($reader: String!, $choice: ID!) { vote(site: "mama-ng", poll: "mama-home", choices: [$choice], reader: $reader) { counted poll { totalVotes } } }';

async function vote(url: string, reader: string, choice: string): Promise<{ ms: number; counted: boolean; total: number; error?: string }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${SECRET}` },
    body: JSON.stringify({ query: VOTE, variables: { reader, choice } }),
  });
  const body: { data?: { vote?: { counted: boolean; poll: { totalVotes: number } } }; errors?: Array<{ extensions?: { code?: string } }> } = await response.json();
  const ms = performance.now() - started;
  if (!body.data?.vote) return { ms, counted: false, total: -1, error: body.errors?.[0]?.extensions?.code ?? String(response.status) };
  return { ms, counted: body.data.vote.counted, total: body.data.vote.poll.totalVotes };
}

async function main() {
  console.log(`Starting a CMS with demo content (SQLite${process.env.DATABASE_URL ? ' → PostgreSQL' : ''})…`);
  const cms = await startCms({ env: { LOG_LEVEL: 'warn' } });
  try {
    const probe = `bench-probe-${randomUUID()}`;
    const before = await vote(cms.url, probe, 'never');
    if (before.error) throw new Error(`the first vote failed: ${before.error}`);

    console.log('\nReads of Site.polls (home placement, with counts):');
    await measure([{ name: 'Site.polls', url: `${cms.url}/graphql`, method: 'POST', headers: json, body: pollsQuery }]);

    console.log(`\n${VOTES} votes by distinct readers, ${CONNECTIONS} in flight, with reads alongside:`);
    let reads: autocannon.Instance | undefined;
    const readsDone = new Promise<autocannon.Result>((resolve, reject) => {
      reads = autocannon(
        { url: `${cms.url}/graphql`, method: 'POST', headers: json, body: pollsQuery, connections: Math.max(1, Math.floor(CONNECTIONS / 2)), duration: 3600 },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
    const started = performance.now();
    const latencies: number[] = [];
    const errors = new Map<string, number>();
    let counted = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < VOTES) {
          const index = (next += 1);
          const result = await vote(cms.url, `bench-${index}-${randomUUID()}`, index % 3 === 0 ? 'sometimes' : 'every-night');
          latencies.push(result.ms);
          if (result.error) errors.set(result.error, (errors.get(result.error) ?? 0) + 1);
          else if (result.counted) counted += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    reads?.stop();
    const readResult = await readsDone;
    const after = await vote(cms.url, probe, 'never');
    const sorted = [...latencies].sort((a, b) => a - b);
    console.table([
      {
        'votes/s': Math.round(VOTES / seconds),
        'vote p50 ms': Math.round(median(latencies)),
        'vote p99 ms': Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
        counted,
        refused: [...errors.entries()].map(([code, count]) => `${code}×${count}`).join(' ') || 0,
        'reads/s alongside': Math.round(readResult.requests.average),
        'read p99 ms alongside': readResult.latency.p99,
      },
    ]);
    const exact = after.total - before.total === VOTES && counted === VOTES && !after.counted;
    console.log(`Counted ${after.total - before.total} of ${VOTES} votes: ${exact ? 'exact' : 'WRONG'}.`);
    if (!exact) process.exitCode = 1;
  } finally {
    await cms.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:polls-api failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
