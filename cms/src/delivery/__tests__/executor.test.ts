import { createExecutor } from '../execute';
import { defaultLimits, queryDepth, aliasCount } from '../limits';
import { createDeliverySchema } from '../schema';
import { parse } from 'graphql';

const schema = createDeliverySchema();
const logged: unknown[] = [];
const executor = (isProduction: boolean) => createExecutor({ schema, limits: defaultLimits, isProduction, log: (error) => logged.push(error) });
const request = (query: string) => ({ query, variables: null, operationName: null });

describe('query limits', () => {
  it('measures depth through fragments and counts aliases', () => {
    const document = parse('query { site(code: "x") { ...S } } fragment S on Site { a: navigation { b: children { slug } } }');
    expect(queryDepth(document)).toBe(4);
    expect(aliasCount(document)).toBe(2);
  });

  it('refuses introspection in production with INTROSPECTION_DISABLED', async () => {
    const result = await executor(true).run(request('{ __schema { types { name } } }'), {});
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
  });

  it('allows introspection in development', async () => {
    const result = await executor(false).run(request('{ __schema { queryType { name } } }'), {});
    expect(result.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('turns an unexpected resolver error into INTERNAL_SERVER_ERROR without its message or stack', async () => {
    const broken = { get index(): never { throw new Error('secret database detail'); } };
    const result = await executor(true).run(request('{ sites { code } }'), broken);
    const text = JSON.stringify(result.body);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(text).not.toContain('secret database detail');
    expect(logged.length).toBeGreaterThan(0);
  });

  it('refuses documents with too many tokens as QUERY_TOO_LARGE', async () => {
    const query = `{ ${Array.from({ length: 3000 }, () => 'sites { code }').join(' ')} }`;
    const result = await executor(false).run(request(query), {});
    expect(result.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
  });
});
