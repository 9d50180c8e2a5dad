// Readers keep being answered while abusive requests flood the delivery API: the amplified
// fragment query is refused before it runs, queries padded with unused variables share one
// cache entry, and the CMS's memory stays under the ceiling the README documents.
import fs from 'node:fs';
import autocannon from 'autocannon';
import { cmsUrl, postGraphql } from '../support/client';

/** The resident-memory ceiling documented in cms/README.md (delivery API limits). */
const RSS_CEILING_MB = 700;
const strict = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

const readerQuery = 'query Home($code: String!) { site(code: $code) { name navigation { slug title } latest: articles(first: 8) { nodes { slug title lead } totalCount } } }';
const readerBodies = ['kijana-ke', 'thrive-za', 'mama-ng', 'amal-eg'].map((code) => JSON.stringify({ query: readerQuery, variables: { code } }));

function amplifiedQuery(): string {
  const fragment = (name: string) =>
    `fragment ${name} on Site { ${Array.from({ length: 6 }, (_, i) => `${name}${i}: articles(first: 50) { nodes { title lead body tags } }`).join(' ')} }`;
  return `{ site(code: "kijana-ke") { ...A ...B ...C } } ${fragment('A')} ${fragment('B')} ${fragment('C')}`;
}

let padding = 0;
const paddedBody = () => JSON.stringify({ query: readerQuery, variables: { code: 'kijana-ke', [`pad${(padding += 1)}`]: 'x'.repeat(8000) } });

interface Outcome {
  requests: number;
  statuses: Record<string, number>;
  socketErrors: number;
}

function load(options: autocannon.Options): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const statuses: Record<string, number> = {};
    const instance = autocannon(options, (error, result) => {
      if (error) reject(error);
      else resolve({ requests: result.requests.total, statuses, socketErrors: result.errors + result.timeouts });
    });
    instance.on('response', (_client: unknown, status: number) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

function rssMb(): number {
  const pid = process.env.BAOBAB_TEST_CMS_PID;
  if (!pid) throw new Error('BAOBAB_TEST_CMS_PID is not set: run through jest (global-setup boots the CMS)');
  return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

describe('abuse beside readers', () => {
  it('answers every reader while the amplified query and a padded-variables flood run, and memory stays under the ceiling', async () => {
    const url = `${cmsUrl()}/graphql`;
    const duration = 4;
    const [readers, amplified, padded] = await Promise.all([
      load({ url, connections: 8, duration, requests: readerBodies.map((body) => ({ method: 'POST', headers: strict, body })) }),
      load({ url, connections: 2, duration, method: 'POST', headers: strict, body: JSON.stringify({ query: amplifiedQuery() }) }),
      load({ url, connections: 2, duration, requests: [{ method: 'POST', headers: strict, setupRequest: (request) => ({ ...request, body: paddedBody() }) }] }),
    ]);
    expect(readers.requests).toBeGreaterThan(100);
    expect({ statuses: readers.statuses, socketErrors: readers.socketErrors }).toEqual({ statuses: { 200: readers.requests }, socketErrors: 0 });
    // Every amplified query was refused, none executed.
    expect(amplified.statuses).toEqual({ 400: amplified.requests });
    expect(padded.statuses).toEqual({ 200: padded.requests });
    expect(padded.requests).toBeGreaterThan(100);

    const refused = await postGraphql(JSON.stringify({ query: amplifiedQuery() }), strict);
    expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    // Padding variables the operation does not declare do not make new cache entries.
    const paddedAgain = await postGraphql(paddedBody(), strict);
    expect(paddedAgain.headers.get('x-delivery-cache')).toBe('hit');

    expect(rssMb()).toBeLessThan(RSS_CEILING_MB);
  });
});
