// The document-service middlewares on their own, the way the admin, REST, GraphQL and
// scripts all reach them: whether a call is scoped depends only on the request's
// authentication strategy, never on the path it came by.
import type { Core } from '@strapi/strapi';
import { registerRoleScoping } from '../enforce';
import { registerReadScoping } from '../reads';

type Middleware = (context: { uid: string; action: string; params: Record<string, unknown> }, next: () => Promise<unknown>) => Promise<unknown>;

const ARTICLE = 'api::article.article';
const rows: Record<string, Array<Record<string, unknown>>> = {
  'api::editor-scope.editor-scope': [{ sites: ['kijana-ke'], locales: [] }],
  'api::site.site': [{ code: 'kijana-ke', locales: ['en-KE', 'sw-KE'] }],
  [ARTICLE]: [
    { documentId: 'ng', slug: 'ng-only', locale: 'en', title: 'Nigeria only', sites: ['mama-ng'], allSites: false, publishedAt: null },
    { documentId: 'ke', slug: 'ke-only', locale: 'en', title: 'Kenya only', sites: ['kijana-ke'], allSites: false, publishedAt: null },
    { documentId: 'all', slug: 'all', locale: 'en', title: 'Everywhere', sites: [], allSites: true, publishedAt: null },
  ],
};

/** A Strapi with just what the middlewares use, and the request they run in. */
function fakeStrapi(request: { strategy: string; method?: string; path?: string } | null): { strapi: Core.Strapi; middlewares: Middleware[] } {
  const middlewares: Middleware[] = [];
  const matches = (row: Record<string, unknown>, where: Record<string, unknown>) =>
    Object.entries(where).every(([key, value]) => key === 'user' || key === 'code' || (value === null ? row[key] == null : row[key] === value));
  const strapi = {
    documents: { use: (middleware: Middleware) => middlewares.push(middleware) },
    requestContext: {
      get: () =>
        request === null
          ? undefined
          : {
              method: request.method ?? 'PUT',
              path: request.path ?? '/content-manager/collection-types/api::article.article/ng',
              state: { auth: { strategy: { name: request.strategy } }, user: { id: 7, roles: [{ code: 'baobab-country-editor' }] } },
            },
    },
    db: {
      query: (uid: string) => ({
        findMany: async ({ where = {} }: { where?: Record<string, unknown> } = {}) => (rows[uid] ?? []).filter((row) => matches(row, where)),
        findOne: async ({ where = {} }: { where?: Record<string, unknown> } = {}) => (rows[uid] ?? []).find((row) => matches(row, where)) ?? null,
      }),
    },
    getModel: () => ({
      attributes: {
        title: { type: 'string', pluginOptions: { i18n: { localized: true } } },
        slug: { type: 'string' },
        sites: { type: 'json' },
        allSites: { type: 'boolean' },
      },
    }),
    plugin: () => ({ service: () => ({ getDefaultLocale: async () => 'en' }) }),
  };
  return { strapi: strapi as unknown as Core.Strapi, middlewares };
}

async function run(middlewares: Middleware[], context: Parameters<Middleware>[0]): Promise<{ ran: boolean; params: Record<string, unknown> }> {
  let ran = false;
  const call = (index: number): Promise<unknown> => {
    const middleware = middlewares[index];
    return middleware === undefined ? Promise.resolve((ran = true)) : middleware(context, () => call(index + 1));
  };
  await call(0);
  return { ran, params: context.params };
}

const writeToNigeria = () => ({ uid: ARTICLE, action: 'update', params: { documentId: 'ng', locale: 'en', data: { title: 'Changed' } } });

describe('the write middleware', () => {
  it('refuses a scoped admin user\u2019s out-of-scope write before it reaches the database, with a sentence', async () => {
    const { strapi, middlewares } = fakeStrapi({ strategy: 'admin' });
    registerRoleScoping(strapi);
    await expect(run(middlewares, writeToNigeria())).rejects.toMatchObject({
      name: 'PolicyError',
      message: 'article "ng-only" is local content of mama-ng; you edit content for kijana-ke only.',
      details: { code: 'OUT_OF_SCOPE' },
    });
  });

  it.each([
    ['an API token (REST or Strapi\u2019s GraphQL)', { strategy: 'api-token' }],
    ['a users-permissions user', { strategy: 'users-permissions' }],
    ['a script, with no request', null],
  ])('leaves %s unscoped', async (_, request) => {
    const { strapi, middlewares } = fakeStrapi(request);
    registerRoleScoping(strapi);
    expect((await run(middlewares, writeToNigeria())).ran).toBe(true);
  });
});

describe('the read middleware', () => {
  it('narrows a country editor\u2019s content-manager list to its local and shared content', async () => {
    const { strapi, middlewares } = fakeStrapi({ strategy: 'admin', method: 'GET', path: `/content-manager/collection-types/${ARTICLE}` });
    registerReadScoping(strapi);
    const { params } = await run(middlewares, { uid: ARTICLE, action: 'findMany', params: { filters: { title: { $contains: 'only' } } } });
    expect(params.filters).toEqual({ $and: [{ title: { $contains: 'only' } }, { documentId: { $in: ['ke', 'all'] } }] });
  });

  it('refuses to open another country\u2019s local content, saying whose it is', async () => {
    const { strapi, middlewares } = fakeStrapi({ strategy: 'admin', method: 'GET', path: `/content-manager/collection-types/${ARTICLE}/ng` });
    registerReadScoping(strapi);
    await expect(run(middlewares, { uid: ARTICLE, action: 'findOne', params: { documentId: 'ng', locale: 'en' } })).rejects.toThrow(
      'You edit kijana-ke and its languages en-KE, sw-KE; article "ng-only" is not yours: it is local to mama-ng.',
    );
  });

  it('leaves reads outside the content manager alone (the delivery API, REST, the write checks)', async () => {
    const { strapi, middlewares } = fakeStrapi({ strategy: 'admin', method: 'PUT', path: `/content-manager/collection-types/${ARTICLE}/ng` });
    registerReadScoping(strapi);
    const { ran, params } = await run(middlewares, { uid: ARTICLE, action: 'findMany', params: {} });
    expect(ran).toBe(true);
    expect(params).toEqual({});
  });
});
