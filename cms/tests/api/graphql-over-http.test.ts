// The delivery API as standard clients see it: GraphQL over HTTP status codes and media
// types, Apollo Client's error handling and normalised cache, introspection for tools, and
// CDN-friendly GET answers.
import http from 'node:http';
import { ApolloClient, CombinedGraphQLErrors, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import { getIntrospectionQuery } from 'graphql';
import { cmsUrl, gql, postGraphql } from '../support/client';

interface ArticleQuery {
  site: { id: string; code: string; article: { id: string; documentId: string; title: string; requestedLocale: string; body: unknown } | null } | null;
}

const apollo = () => new ApolloClient({ link: new HttpLink({ uri: `${cmsUrl()}/graphql`, fetch }), cache: new InMemoryCache() });

describe('GraphQL over HTTP', () => {
  it('answers request errors as 200 under application/json, and 400 under application/graphql-response+json', async () => {
    const invalid = JSON.stringify({ query: '{ site(code: "kijana-ke") { nope } }' });
    const legacy = await postGraphql(invalid);
    expect(legacy.status).toBe(200);
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
    expect(legacy.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const modern = await postGraphql(invalid, { accept: 'application/graphql-response+json, application/json;q=0.9' });
    expect(modern.status).toBe(400);
    expect(modern.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(modern.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // A client that prefers application/json keeps getting it.
    const prefersJson = await postGraphql(invalid, { accept: 'application/json, application/graphql-response+json;q=0.5' });
    expect(prefersJson.headers.get('content-type')).toMatch(/^application\/json/);
    expect(prefersJson.status).toBe(200);
  });

  it('lets Apollo Client read the error code of a refused query and of a bad argument', async () => {
    const client = apollo();
    const refused = await client.query({ query: apolloGql`{ site(code: "kijana-ke") { nope } }`, errorPolicy: 'none' }).catch((error: unknown) => error);
    expect(CombinedGraphQLErrors.is(refused)).toBe(true);
    if (!CombinedGraphQLErrors.is(refused)) return;
    expect(refused.errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.message).not.toMatch(/status code/);

    const badLocale = await client
      .query({ query: apolloGql`{ site(code: "kijana-ke") { code article(slug: "hiv-testing-basics", locale: "xx-XX") { title } } }` })
      .catch((error: unknown) => error);
    expect(CombinedGraphQLErrors.is(badLocale)).toBe(true);
    if (!CombinedGraphQLErrors.is(badLocale)) return;
    expect(badLocale.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badLocale.errors[0]?.message).toContain('sw-KE');
  });

  it('keeps two languages and two sites apart in Apollo Client\'s normalised cache', async () => {
    const client = apollo();
    const query = apolloGql`
      query Article($code: String!, $locale: String) {
        site(code: $code) { id code article(slug: "hiv-testing-basics", locale: $locale) { id documentId title requestedLocale body } }
      }`;
    const english = await client.query<ArticleQuery>({ query, variables: { code: 'kijana-ke', locale: 'en-KE' } });
    const swahili = await client.query<ArticleQuery>({ query, variables: { code: 'kijana-ke', locale: 'sw-KE' } });
    const nigeria = await client.query<ArticleQuery>({ query, variables: { code: 'mama-ng', locale: 'en-NG' } });
    const articles = [english, swahili, nigeria].map((result) => result.data?.site?.article);
    expect(new Set(articles.map((article) => article?.id)).size).toBe(3);
    expect(new Set(articles.map((article) => article?.documentId)).size).toBe(1);
    expect(english.data?.site?.id).toBe('kijana-ke');
    // Read back from the cache: each answer is still what its own request got.
    const cachedEnglish = client.readQuery<ArticleQuery>({ query, variables: { code: 'kijana-ke', locale: 'en-KE' } });
    expect(cachedEnglish?.site?.article?.requestedLocale).toBe('en-KE');
    expect(cachedEnglish?.site?.article?.title).toBe(articles[0]?.title);
    const cachedNigeria = client.readQuery<ArticleQuery>({ query, variables: { code: 'mama-ng', locale: 'en-NG' } });
    // Site variables differ per site ({{helpline}}), so the bodies differ too.
    expect(JSON.stringify(cachedNigeria?.site?.article?.body)).toBe(JSON.stringify(articles[2]?.body));
    expect(JSON.stringify(articles[0]?.body)).not.toBe(JSON.stringify(articles[2]?.body));
  });

  it('answers the standard introspection query outside production (GraphiQL, code generators)', async () => {
    const result = await gql(getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    expect(result.data.__schema.queryType.name).toBe('Query');
    expect(result.data.__schema.types.some((type: { name: string }) => type.name === 'Article')).toBe(true);
  });

  it('lets CDNs keep clean GET answers, and never errors', async () => {
    const query = encodeURIComponent('{ site(code: "thrive-za") { code name } }');
    const clean = await fetch(`${cmsUrl()}/graphql?query=${query}`);
    const cacheControl = clean.headers.get('cache-control') ?? '';
    expect(cacheControl).toMatch(/\bpublic\b/);
    expect(cacheControl).toMatch(/\bs-maxage=\d+/);
    expect(cacheControl).toMatch(/\bstale-while-revalidate=\d+/);
    expect(clean.headers.get('etag')).toBeTruthy();
    expect(clean.headers.get('vary')).toMatch(/Accept\b/);
    const revalidated = await fetch(`${cmsUrl()}/graphql?query=${query}`, { headers: { 'if-none-match': clean.headers.get('etag') ?? '' } });
    expect(revalidated.status).toBe(304);

    const failing = await fetch(`${cmsUrl()}/graphql?query=${encodeURIComponent('{ site(code: "thrive-za") { nope } }')}`);
    expect(failing.headers.get('cache-control')).toBe('no-store');
    const post = await gql('{ site(code: "thrive-za") { code } }');
    expect(post.headers.get('cache-control')).not.toMatch(/public/);
  });

  it('answers a 10 MB body with 413 QUERY_TOO_LARGE that the client reads, not a reset connection', async () => {
    const url = new URL(`${cmsUrl()}/graphql`);
    const body = Buffer.alloc(10 * 1024 * 1024, 'a');
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe('QUERY_TOO_LARGE');
  });
});
