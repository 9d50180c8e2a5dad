// `npm run bench:polls`: votes over the web form path (a reader's POST to the mobi-site,
// CSRF token and signed cookie checked, the CMS's vote mutation, 303 to the results), with
// p50/p99, beside the cached article page the poll sits on, in the same run. Every vote is
// by a distinct reader (cookies and tokens collected first by reading the page as a new
// browser would), so each one is a real insert; the poll's total is checked after.
import http from 'node:http';
import autocannon from 'autocannon';
import { randomSecret, startCms, startMobi, type RunningMobi } from '@baobab/testkit';
import { ensureBuild } from '../../frontends/mobi/scripts/serve';
import { CONNECTIONS, measure, median, positiveInt, ROUNDS, SECONDS } from './lib';

/** Shared by the CMS and the mobi-site of this run (production mobi refuses to start without one). */
const WRITE_SECRET = randomSecret();

const HOST = 'kijana-ke.localhost';
const SITE = 'kijana-ke';
const TARGET_VOTES_PER_SECOND = 500;

interface Voter {
  readonly cookie: string;
  readonly body: string;
}


function get(url: string): Promise<{ status: number; body: string; cookies: string[] }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host: HOST } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, cookies: response.headers['set-cookie'] ?? [] }));
      })
      .on('error', reject);
  });
}

const attribute = (tag: string, name: string): string | null => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
const unescapeHtml = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The poll form on a page as a browser would submit it: its action, hidden fields and first choice. */
function pollForm(html: string): { action: string; fields: URLSearchParams } | null {
  const form = /<form\b[^>]*>[\s\S]*?<\/form>/g;
  for (const match of html.matchAll(form)) {
    const open = /<form\b[^>]*>/.exec(match[0])?.[0] ?? '';
    const action = attribute(open, 'action');
    if (!action?.startsWith('/_plugins/polls/')) continue;
    const fields = new URLSearchParams();
    let choice = false;
    for (const input of match[0].matchAll(/<input\b[^>]*>/g)) {
      const type = attribute(input[0], 'type');
      const name = attribute(input[0], 'name');
      const value = attribute(input[0], 'value');
      if (name === null || value === null) continue;
      if (type === 'hidden') fields.append(name, unescapeHtml(value));
      if ((type === 'radio' || type === 'checkbox') && !choice) {
        fields.append(name, unescapeHtml(value));
        choice = true;
      }
    }
    // The action's fragment (#poll-…) is for the browser; it is never sent.
    return choice ? { action: unescapeHtml(action).split('#')[0] ?? action, fields } : null;
  }
  return null;
}

async function collectVoters(pageUrl: string, count: number): Promise<{ action: string; voters: Voter[] }> {
  const voters: Voter[] = [];
  let action = '';
  const batch = 50;
  for (let start = 0; start < count; start += batch) {
    const pages = await Promise.all(Array.from({ length: Math.min(batch, count - start) }, () => get(pageUrl)));
    for (const page of pages) {
      const form = pollForm(page.body);
      if (page.status !== 200 || !form) throw new Error(`${HOST}${new URL(pageUrl).pathname} answered ${page.status} without a poll form`);
      action = form.action;
      voters.push({ cookie: page.cookies.map((cookie) => cookie.split(';')[0]).join('; '), body: form.fields.toString() });
    }
  }
  return { action, voters };
}

/** One round of votes: each request takes the next reader not yet used. */
async function voteRound(url: string, voters: Voter[], next: { index: number }, seconds: number) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const voter = voters[next.index % voters.length];
          next.index += 1;
          return { ...request, headers: { ...request.headers, host: HOST, 'content-type': 'application/x-www-form-urlencoded', cookie: voter?.cookie ?? '' }, body: voter?.body ?? '' };
        },
      },
    ],
  });
  // Requests still in flight when a round ends are neither: only answers other than 303, and errors, count against.
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, redirects: result['3xx'], other: result['2xx'] + result['4xx'] + result['5xx'] + result.errors };
}

/** The poll's total on the site, read fresh (a vote drops the cached counts). */
async function totalVotes(cmsUrl: string, slug: string): Promise<number | null> {
  const response = await fetch(`${cmsUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ site(code: "${SITE}") { poll(slug: "${slug}") { totalVotes } } }` }),
  });
  const body = (await response.json()) as { data?: { site?: { poll?: { totalVotes: number | null } } } };
  return body.data?.site?.poll?.totalVotes ?? null;
}

async function main() {
  ensureBuild();
  console.log('Starting a CMS with demo content (SQLite, or DATABASE_URL) and the mobi-site…');
  const cms = await startCms({ env: { BAOBAB_WRITE_SECRET: WRITE_SECRET, LOG_LEVEL: 'warn' } });
  let mobi: RunningMobi | undefined;
  try {
    // Votes come from one address here: the per-address budget of plugin posts goes to its highest.
    mobi = await startMobi({ cmsUrl: cms.url, env: { BAOBAB_WRITE_SECRET: WRITE_SECRET, BAOBAB_POSTS_PER_MINUTE: '100000' } });
    const polls = (await (
      await fetch(`${cms.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ site(code: "${SITE}") { polls(placement: ARTICLE) { slug article } } }` }),
      })
    ).json()) as { data?: { site?: { polls?: Array<{ slug: string; article: string | null }> } } };
    const poll = polls.data?.site?.polls?.find((candidate) => candidate.article !== null);
    if (!poll?.article) throw new Error(`${SITE} has no poll placed after an article`);
    const articlePath = `/articles/${poll.article}`;
    const before = await totalVotes(cms.url, poll.slug);
    const expected = Math.ceil(TARGET_VOTES_PER_SECOND * 4 * (SECONDS * ROUNDS + 2));
    const readers = positiveInt('BENCH_READERS', expected, 200_000);
    console.log(`Collecting ${readers} new readers' cookies and tokens from ${HOST}${articlePath}…`);
    const { action, voters } = await collectVoters(`${mobi.url}${articlePath}`, readers);

    const [page] = await measure([{ name: `mobi ${articlePath} (page cache)`, url: `${mobi.url}${articlePath}`, method: 'GET', headers: { host: HOST } }]);
    console.log(`Votes: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s (after a 2 s warm-up), each by a new reader.`);
    const next = { index: 0 };
    const warmUp = await voteRound(`${mobi.url}${action}`, voters, next, 2);
    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) rounds.push(await voteRound(`${mobi.url}${action}`, voters, next, SECONDS));
    const votesPerSecond = Math.round(median(rounds.map((r) => r.rps)));
    console.table([
      { target: `POST ${action} (vote, 303)`, 'req/s (median)': votesPerSecond, 'p50 ms': median(rounds.map((r) => r.p50)), 'p99 ms': median(rounds.map((r) => r.p99)), 'not 303': rounds.reduce((t, r) => t + r.other, 0) },
    ]);
    const pageRps = page?.['req/s (median)'] ?? 1;
    console.log(`votes/s ÷ cached article page req/s: ${(votesPerSecond / pageRps).toFixed(2)}`);
    console.log(`target ≥ ${TARGET_VOTES_PER_SECOND} votes/s on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}: ${votesPerSecond >= TARGET_VOTES_PER_SECOND ? 'met' : 'NOT met'} (${votesPerSecond})`);
    const used = Math.min(next.index, voters.length);
    const total = await totalVotes(cms.url, poll.slug);
    // Every vote answered 303 was counted (a refused one is the page again with a 4xx); a post
    // still in flight when a round stopped may or may not have been.
    const answered = [warmUp, ...rounds].reduce((sum, round) => sum + round.redirects, 0);
    const exact = total !== null && before !== null && total >= answered + before && total <= used + before;
    console.log(`distinct readers who posted: ${used}${next.index > voters.length ? ` (then ${next.index - voters.length} repeats, which must not count)` : ''}, ${answered} answered 303; the poll's total on ${SITE} went from ${before ?? 'hidden'} to ${total ?? 'hidden'}: ${exact ? 'every answered vote counted once' : 'COUNTS WRONG'}`);
    if (!exact) process.exitCode = 1;
  } finally {
    await mobi?.stop();
    await cms.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:polls: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
