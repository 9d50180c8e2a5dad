import { cmsUrl, gql, gqlData, postGraphql, rest, uniqueSlug } from '../support/client';

/** Asks for the GraphQL over HTTP media type, under which refused requests carry a 4xx status. */
const strict = { accept: 'application/graphql-response+json' };

/** A query nesting section.parent to reach exactly `depth` levels of fields. */
function nestedQuery(depth: number): string {
  // site(1) > section(2) > parent(3) > ... > slug(depth)
  let inner = 'slug';
  for (let level = depth - 1; level >= 3; level -= 1) inner = `parent { ${inner} }`;
  return `{ site(code: "kijana-ke") { section(slug: "hiv-and-stis") { ${inner} } } }`;
}

async function stillAnswers() {
  const data = await gqlData('{ site(code: "kijana-ke") { code } }');
  expect(data.site.code).toBe('kijana-ke');
}

describe('query limits', () => {
  it('accepts depth 10 and rejects depth 11 with QUERY_TOO_DEEP', async () => {
    const ok = await gql(nestedQuery(10));
    expect(ok.errors).toBeUndefined();
    const rejected = await gql(nestedQuery(11), undefined, strict);
    expect(rejected.status).toBe(400);
    expect(rejected.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(rejected.errors?.[0]?.message).toContain('11');
    await stillAnswers();
  });

  it('rejects first: 51 with BAD_USER_INPUT', async () => {
    const result = await gql('{ site(code: "kijana-ke") { articles(first: 51) { totalCount } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('50');
    await stillAnswers();
  });

  it('rejects a 100-alias query with TOO_MANY_ALIASES', async () => {
    const fields = Array.from({ length: 100 }, (_, i) => `a${i}: site(code: "kijana-ke") { code }`).join(' ');
    const result = await gql(`{ ${fields} }`, undefined, strict);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    await stillAnswers();
  });

  it('rejects a 1 MB query with QUERY_TOO_LARGE, fast', async () => {
    const started = Date.now();
    const result = await gql(`{ site(code: "kijana-ke") { code } } # ${'x'.repeat(1024 * 1024)}`);
    expect(result.status).toBe(413);
    expect(result.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2000);
    await stillAnswers();
  });

  it('answers garbage with a clear error and no stack trace', async () => {
    const cases: Array<[string, string, number]> = [
      ['{not json', 'BAD_REQUEST', 400],
      ['[{"query":"{ sites { code } }"}]', 'BAD_REQUEST', 400],
      ['{"query": 42}', 'BAD_REQUEST', 400],
      ['{"query":"{ site(code: \\"x\\") { nope } }"}', 'GRAPHQL_VALIDATION_FAILED', 400],
      ['{"query":"{ site(code: "}', 'GRAPHQL_PARSE_FAILED', 400],
      ['{"query":"query($n: Int) { site(code: \\"kijana-ke\\") { articles(first: $n) { totalCount } } }","variables":{"n":"many"}}', 'BAD_USER_INPUT', 400],
    ];
    for (const [body, code, status] of cases) {
      const result = await postGraphql(body, strict);
      expect({ body, status: result.status, code: result.errors?.[0]?.extensions?.code }).toEqual({ body, status, code });
      expect(JSON.stringify(result.errors)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    const wrongType = await fetch(`${cmsUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    await stillAnswers();
  });
});

describe('HTTP caching', () => {
  it('answers a repeated query from cache with an ETag, and 304 to If-None-Match', async () => {
    const query = '{ site(code: "thrive-za") { code name navigation { slug } } }';
    await gql(query);
    const second = await gql(query);
    expect(second.headers.get('x-delivery-cache')).toBe('hit');
    const etag = second.headers.get('etag');
    expect(etag).toBeTruthy();
    const revalidated = await fetch(`${cmsUrl()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-none-match': etag ?? '' },
      body: JSON.stringify({ query }),
    });
    expect(revalidated.status).toBe(304);
  });

  it('serves GET requests the same as POST', async () => {
    const query = '{ site(code: "mama-ng") { code } }';
    const response = await fetch(`${cmsUrl()}/graphql?query=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { site: { code: 'mama-ng' } } });
  });
});

describe('JSON nesting', () => {
  /** An article whose body holds a paragraph `depth` paragraphs deep, as the request's JSON text (built as text: too deep for JSON.stringify to be sure of). */
  const nestedArticle = (depth: number) => {
    let node = '{"type":"text","text":"deep"}';
    for (let level = 0; level < depth; level += 1) node = `{"type":"paragraph","children":[${node}]}`;
    return `{"data":{"title":"Deep","slug":"${uniqueSlug('deep')}","sites":["kijana-ke"],"body":[${node}]}}`;
  };
  const post = (body: string) =>
    fetch(`${cmsUrl()}/api/articles?locale=en&status=draft`, {
      method: 'POST',
      headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_API_TOKEN ?? ''}`, 'content-type': 'application/json' },
      body,
    });

  it('refuses a body nested 5,000 levels deep (170 KB, under the size limit) with 400 BODY_TOO_DEEP, not a 500', async () => {
    const response = await post(nestedArticle(5000));
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: { message: string; details: { code: string } } };
    expect(answer.error.details.code).toBe('BODY_TOO_DEEP');
    expect(answer.error.message).toMatch(/more than 64 levels/);
  });

  it('answers delivery variables nested 30,000 lists deep (60 KB) with a 400 BAD_REQUEST, not a 500', async () => {
    const deep = '['.repeat(30_000) + ']'.repeat(30_000);
    const refused = await postGraphql(`{"query":"query($site: String!) { site(code: $site) { name } }","variables":{"site":${deep}}}`, strict);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(refused.errors?.[0]?.message).toMatch(/more than 64 levels/);
    // A shallow wrong value is still GraphQL's own refusal.
    const shallow = await postGraphql('{"query":"query($site: String!) { site(code: $site) { name } }","variables":{"site":[["x"]]}}', strict);
    expect(shallow.errors?.[0]?.message).toMatch(/String cannot represent a non string value/);
  });

  it('saves an article whose body has a list nested five deep', async () => {
    let list: Record<string, unknown> = { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'innermost' }] }] };
    for (let level = 1; level < 5; level += 1) list = { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: `level ${level}` }] }, list] };
    const response = await rest('POST', '/articles?locale=en&status=draft', { data: { title: 'Nested lists', slug: uniqueSlug('lists'), sites: ['kijana-ke'], body: [list] } });
    expect(response.status).toBe(201);
  });
});
