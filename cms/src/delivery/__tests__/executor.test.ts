import { getIntrospectionQuery, parse } from 'graphql';
import { createExecutor, type GraphQLResponse } from '../execute';
import { defaultLimits, estimateCost, queryDepth, aliasCount, measureDocument, type QueryLimits } from '../limits';
import { createDeliverySchema } from '../schema';

const schema = createDeliverySchema();
const logged: unknown[] = [];
const executor = (isProduction: boolean, limits: QueryLimits = defaultLimits) =>
  createExecutor({ schema: createDeliverySchema(), limits, isProduction, log: (error) => logged.push(error) });

async function run(query: string, options: { isProduction?: boolean; context?: object; variables?: Record<string, unknown>; limits?: QueryLimits } = {}): Promise<GraphQLResponse> {
  const plan = executor(options.isProduction ?? false, options.limits).plan({ query, variables: options.variables ?? null, operationName: null });
  if ('error' in plan) return plan.error;
  return plan.run(() => options.context ?? {});
}

const code = (result: GraphQLResponse) => result.body.errors?.[0]?.extensions?.code;

/** The query from the outside test: three fragments of six aliases each over 50-article pages with bodies. */
function amplifiedQuery(aliasesPerFragment: number): string {
  const fragment = (name: string) =>
    `fragment ${name} on Site { ${Array.from({ length: aliasesPerFragment }, (_, i) => `${name}${i}: articles(first: 50) { nodes { title lead body tags } }`).join(' ')} }`;
  return `{ site(code: "kijana-ke") { ...A ...B ...C } } ${fragment('A')} ${fragment('B')} ${fragment('C')}`;
}

describe('query limits', () => {
  it('measures depth through fragments and counts aliases', () => {
    const document = parse('query { site(code: "x") { ...S } } fragment S on Site { a: navigation { b: children { slug } } }');
    expect(queryDepth(document)).toBe(4);
    expect(aliasCount(document)).toBe(2);
  });

  it('counts the aliases of a fragment once per spread', () => {
    const document = parse('{ site(code: "x") { ...S ... on Site { ...S } } sites { ...S } } fragment S on Site { a: code b: name c: defaultLocale }');
    expect(aliasCount(document)).toBe(9);
    expect(measureDocument(document).fields).toBe(11);
  });

  it('measures a fragment bomb in linear time and refuses it as TOO_MANY_FIELDS', async () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Site { code }` : `fragment F${i} on Site { ...F${i + 1} a${i}: code ...F${i + 1} }`,
    ).join(' ');
    const query = `{ site(code: "x") { ...F0 } } ${fragments}`;
    const started = Date.now();
    expect(measureDocument(parse(query)).fields).toBeGreaterThan(1e9);
    const result = await run(query);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(['TOO_MANY_ALIASES', 'TOO_MANY_FIELDS']).toContain(code(result));
  });

  it('refuses the amplified fragment query before executing it, with QUERY_TOO_COSTLY', async () => {
    const query = amplifiedQuery(6);
    expect(query.length).toBeLessThan(2000);
    let executed = false;
    const context = {
      get index(): never {
        executed = true;
        throw new Error('must not run');
      },
    };
    const result = await run(query, { context });
    expect(code(result)).toBe('QUERY_TOO_COSTLY');
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.message).toMatch(/estimated at \d+; at most 2500/);
    expect(executed).toBe(false);
    // With 30 aliases a fragment, the alias count (after expansion) refuses it first.
    expect(code(await run(amplifiedQuery(30)))).toBe('TOO_MANY_ALIASES');
  });

  it('multiplies list sizes through the nesting, reading first from literals and variables', () => {
    const cost = (query: string, variables: Record<string, unknown> = {}) => estimateCost(schema, parse(query), null, variables);
    const bodies = cost('{ site(code: "x") { articles(first: 50) { nodes { body } } } }');
    expect(bodies).toBe(1 + 1 + 1 + 50 * 10);
    expect(cost('query($n: Int) { site(code: "x") { articles(first: $n) { nodes { body } } } }', { n: 5 })).toBe(1 + 1 + 1 + 5 * 10);
    // Omitted first: the API's default page of 10.
    expect(cost('{ site(code: "x") { articles { nodes { title } } } }')).toBe(1 + 1 + 1 + 10);
    // Every site's 50 articles: 100 sites assumed, each page multiplied again.
    expect(cost('{ sites { articles(first: 50) { nodes { title } } } }')).toBe(1 + 100 * (1 + 1 + 50));
    // Sections inside navigation inside articles: each level multiplies.
    expect(cost('{ site(code: "x") { navigation { children { articles(first: 2) { nodes { title } } } } } }')).toBe(1 + 1 + 20 * (1 + 20 * (1 + 1 + 2)));
  });

  it('accepts what the mobi-site and the chat gateway ask for', async () => {
    const home = `query Home($host: String!, $locale: String) { site(host: $host) { code name defaultLocale locales { code name direction } theme { name tokens } variables(locale: $locale)
      navigation(locale: $locale) { slug title } pages(locale: $locale) { slug title }
      featured: articles(locale: $locale, featured: true, first: 3) { nodes { slug title lead locale image { url(width: 320) alt width height } } pageInfo { endCursor hasNextPage } totalCount }
      latest: articles(locale: $locale, first: 8) { nodes { slug title lead locale image { url(width: 320) alt width height } } pageInfo { endCursor hasNextPage } totalCount }
      banners(locale: $locale) { slug title text link image { url(width: 320) alt width height } } } }`;
    const cost = estimateCost(schema, parse(home), null, { host: 'x' });
    expect(cost).toBeLessThan(defaultLimits.maxCost / 2);
    const fifty = '{ site(code: "x") { articles(first: 50) { nodes { slug title lead body tags locale image { url alt width height } section { slug title } } } } }';
    expect(estimateCost(schema, parse(fifty), null, {})).toBeLessThanOrEqual(defaultLimits.maxCost);
  });

  it('refuses introspection in production with INTROSPECTION_DISABLED', async () => {
    const result = await run('{ __schema { types { name } } }', { isProduction: true });
    expect(result.status).toBe(400);
    expect(code(result)).toBe('INTROSPECTION_DISABLED');
    expect(code(await run(getIntrospectionQuery(), { isProduction: true }))).toBe('INTROSPECTION_DISABLED');
  });

  it('answers the standard introspection query in development, deeper than the depth limit', async () => {
    const query = getIntrospectionQuery();
    expect(queryDepth(parse(query))).toBeGreaterThan(defaultLimits.maxDepth);
    const result = await run(query);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });

  it('keeps the depth limit on a query that mixes introspection with content', async () => {
    let inner = 'slug';
    for (let level = 0; level < 10; level += 1) inner = `parent { ${inner} }`;
    const result = await run(`{ __typename site(code: "x") { section(slug: "y") { ${inner} } } }`);
    expect(code(result)).toBe('QUERY_TOO_DEEP');
  });

  it('turns an unexpected resolver error into INTERNAL_SERVER_ERROR without its message or stack', async () => {
    const broken = {
      get index(): never {
        throw new Error('secret database detail');
      },
    };
    const result = await run('{ sites { code } }', { isProduction: true, context: broken });
    const text = JSON.stringify(result.body);
    expect(code(result)).toBe('INTERNAL_SERVER_ERROR');
    expect(text).not.toContain('secret database detail');
    expect(logged.length).toBeGreaterThan(0);
  });

  it('refuses documents with too many tokens as QUERY_TOO_LARGE', async () => {
    const query = `{ ${Array.from({ length: 3000 }, () => 'sites { code }').join(' ')} }`;
    expect(code(await run(query))).toBe('QUERY_TOO_LARGE');
  });
});

describe('execution budget', () => {
  const sites = Array.from({ length: 20 }, (_, i) => ({ code: `site-number-${i}`, name: `A site with a long enough name ${i}` }));
  const context = { index: { sites }, plugin: { tag: () => undefined } };

  it('stops an answer that grows past maxResponseBytes with RESPONSE_TOO_LARGE and no partial data', async () => {
    const limits = { ...defaultLimits, maxResponseBytes: 200 };
    const result = await run('{ sites { code name } }', { context, limits });
    expect(code(result)).toBe('RESPONSE_TOO_LARGE');
    expect(result.body.data).toBeUndefined();
    const small = await run('{ sites { code } }', { context, limits: { ...defaultLimits, maxResponseBytes: 10_000 } });
    expect(small.body.errors).toBeUndefined();
  });

  it('stops an execution past maxExecutionMs with QUERY_TIMEOUT', async () => {
    const result = await run('{ sites { code } }', { context, limits: { ...defaultLimits, maxExecutionMs: -1 } });
    expect(code(result)).toBe('QUERY_TIMEOUT');
    expect(result.body.data).toBeUndefined();
  });
});

describe('cache keys', () => {
  const planKey = (query: string, variables: Record<string, unknown> | null, operationName: string | null = null) => {
    const plan = executor(false).plan({ query, variables, operationName });
    if ('error' in plan) throw new Error(JSON.stringify(plan.error.body));
    return plan.key;
  };

  it('ignores variables the operation does not declare, whitespace and comments', () => {
    const query = 'query($code: String) { site(code: $code) { code } }';
    const key = planKey(query, { code: 'kijana-ke' });
    expect(planKey(query, { code: 'kijana-ke', padding: 'x'.repeat(1000) })).toBe(key);
    expect(planKey(`# a comment\n${query.replace(/ /g, '   ')}`, { code: 'kijana-ke', other: 1 })).toBe(key);
    expect(planKey(query, { code: 'mama-ng' })).not.toBe(key);
  });
});
