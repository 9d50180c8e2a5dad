// `npm run bench:api`: loopback load on one article through the delivery API (cached),
// the same article through Strapi's generated GraphQL schema, and a bare Node server
// answering the same bytes. Prints medians of several rounds and the two ratios.
import { startCms } from '@baobab/testkit';
import { measure, ratio, startBareServer, type Target } from './lib';

const SLUG = 'hiv-testing-basics';

async function main() {
  console.log(`Starting a CMS with demo content (SQLite${process.env.DATABASE_URL ? ' → PostgreSQL' : ''})…`);
  const cms = await startCms({ env: { LOG_LEVEL: 'warn' } });
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    const deliveryQuery = JSON.stringify({
      query: `query Article($host: String!, $slug: String!) { site(host: $host) { article(slug: $slug) { id slug title lead body locale isFallback availableLocales tags publishedAt updatedAt section { slug title } image { url(width: 320) alt width height } } } }`,
      variables: { host: 'kijana-ke.localhost', slug: SLUG },
    });
    const strapiQuery = JSON.stringify({
      query: `query Article($slug: String!) { articles(filters: { slug: { eq: $slug } }, locale: "en") { documentId slug title lead body locale tags publishedAt updatedAt section image { url alternativeText width height } } }`,
      variables: { slug: SLUG },
    });
    const json = { 'content-type': 'application/json' };
    const delivered = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: json, body: deliveryQuery });
    const bytes = Buffer.from(await delivered.arrayBuffer());
    if (!delivered.ok || !bytes.includes(SLUG)) throw new Error(`delivery did not serve ${SLUG}: ${bytes.toString().slice(0, 300)}`);
    const auth = { ...json, authorization: `Bearer ${cms.apiToken}` };
    const generated = await fetch(`${cms.url}/strapi-graphql`, { method: 'POST', headers: auth, body: strapiQuery });
    const generatedText = await generated.text();
    if (!generated.ok || !generatedText.includes(SLUG)) throw new Error(`Strapi's generated schema did not serve ${SLUG}: ${generatedText.slice(0, 300)}`);
    bare = await startBareServer(bytes, { 'content-type': 'application/json; charset=utf-8' });

    const targets: Target[] = [
      { name: 'delivery /graphql (cached)', url: `${cms.url}/graphql`, method: 'POST', headers: json, body: deliveryQuery },
      { name: "Strapi's generated /strapi-graphql", url: `${cms.url}/strapi-graphql`, method: 'POST', headers: auth, body: strapiQuery },
      { name: 'bare Node http, same bytes', url: bare.url, method: 'POST', headers: json, body: deliveryQuery },
    ];
    console.log(`Response: ${bytes.length} bytes.`);
    const [delivery, strapi, node] = (await measure(targets)).map((row) => row['req/s (median)']);
    console.log(`delivery ÷ Strapi generated: ${ratio(delivery, strapi)}×   (target ≥ 20×)`);
    console.log(`delivery ÷ bare Node:        ${ratio(delivery, node)}×   (target ≥ 0.25×)`);
  } finally {
    bare?.child.kill();
    await cms.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:api failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
