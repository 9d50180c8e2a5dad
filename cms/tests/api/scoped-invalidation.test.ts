// A change drops only the cached answers that depend on it (delivery/scope.ts): a local
// article's edit leaves other sites' answers cached and its own site's listings fresh; a
// shared article reaches every site that carries it; a site record reaches that site only;
// saving a draft reaches nothing.
import { createArticle, gql, rest, uniqueSlug } from '../support/client';

const HOME = 'query($site: String!) { site(code: $site) { name articles(first: 20) { nodes { slug title } } } }';
const ARTICLE = 'query($site: String!, $slug: String!) { site(code: $site) { article(slug: $slug) { title } } }';

/** Asks twice, so the second answer says whether it came from the cache. */
async function cacheOf(query: string, variables: Record<string, unknown>) {
  const answer = await gql(query, variables);
  return { state: answer.headers.get('x-delivery-cache'), data: answer.data };
}
async function warm(query: string, variables: Record<string, unknown>) {
  await gql(query, variables);
  expect((await cacheOf(query, variables)).state).toBe('hit');
}

describe('invalidating what changed, not everything', () => {
  it('keeps other sites cached after a local article changes, and refreshes its own site', async () => {
    const slug = uniqueSlug('local-edit');
    const other = uniqueSlug('local-other');
    const documentId = await createArticle({ title: 'Local before', slug, sites: ['kijana-ke'] });
    await createArticle({ title: 'Another local one', slug: other, sites: ['kijana-ke'] });
    await warm(HOME, { site: 'thrive-za' });
    await warm(HOME, { site: 'kijana-ke' });
    await warm(ARTICLE, { site: 'kijana-ke', slug: other });
    await warm(ARTICLE, { site: 'kijana-ke', slug });

    const update = await rest('PUT', `/articles/${documentId}?locale=en&status=published`, { data: { title: 'Local after' } });
    expect(update.status).toBe(200);

    expect((await cacheOf(HOME, { site: 'thrive-za' })).state).toBe('hit');
    // Another article's page on the same site does not read this one.
    expect((await cacheOf(ARTICLE, { site: 'kijana-ke', slug: other })).state).toBe('hit');
    const home = await cacheOf(HOME, { site: 'kijana-ke' });
    expect(home.state).toBe('miss');
    expect(home.data.site.articles.nodes).toContainEqual({ slug, title: 'Local after' });
    expect((await cacheOf(ARTICLE, { site: 'kijana-ke', slug })).data.site.article.title).toBe('Local after');
  });

  it('refreshes the listings a local article leaves and enters when it moves to another site', async () => {
    const slug = uniqueSlug('moving');
    const documentId = await createArticle({ title: 'Moving article', slug, sites: ['kijana-ke'] });
    await warm(HOME, { site: 'kijana-ke' });
    await warm(HOME, { site: 'mama-ng' });
    await warm(HOME, { site: 'thrive-za' });
    const moved = await rest('PUT', `/articles/${documentId}?locale=en&status=published`, { data: { sites: ['mama-ng'] } });
    expect(moved.status).toBe(200);
    const slugsOn = async (site: string) => (await cacheOf(HOME, { site })).data.site.articles.nodes.map((node: { slug: string }) => node.slug);
    expect(await slugsOn('kijana-ke')).not.toContain(slug);
    expect(await slugsOn('mama-ng')).toContain(slug);
    expect((await cacheOf(HOME, { site: 'thrive-za' })).state).toBe('hit');
  });

  it('reaches every site with an article every site carries', async () => {
    const slug = uniqueSlug('everywhere');
    const documentId = await createArticle({ title: 'Everywhere before', slug, allSites: true });
    await warm(HOME, { site: 'thrive-za' });
    await warm(HOME, { site: 'kijana-ke' });
    const update = await rest('PUT', `/articles/${documentId}?locale=en&status=published`, { data: { title: 'Everywhere after' } });
    expect(update.status).toBe(200);
    for (const site of ['thrive-za', 'kijana-ke']) {
      const home = await cacheOf(HOME, { site });
      expect(home.state).toBe('miss');
      expect(home.data.site.articles.nodes).toContainEqual({ slug, title: 'Everywhere after' });
    }
  });

  it('reaches only its own site when a site record changes', async () => {
    const sites = await rest('GET', '/sites?filters[code][$eq]=mama-ng&status=published');
    const site = sites.body.data[0];
    await warm(HOME, { site: 'mama-ng' });
    await warm(HOME, { site: 'thrive-za' });
    try {
      const renamed = await rest('PUT', `/sites/${site.documentId}?status=published`, { data: { name: `${site.name} (renamed)` } });
      expect(renamed.status).toBe(200);
      expect((await cacheOf(HOME, { site: 'thrive-za' })).state).toBe('hit');
      const home = await cacheOf(HOME, { site: 'mama-ng' });
      expect(home.state).toBe('miss');
      expect(home.data.site.name).toBe(`${site.name} (renamed)`);
    } finally {
      expect((await rest('PUT', `/sites/${site.documentId}?status=published`, { data: { name: site.name } })).status).toBe(200);
    }
  });

  it('drops nothing when an editor saves a draft', async () => {
    const slug = uniqueSlug('draft-save');
    const documentId = await createArticle({ title: 'Published title', slug, sites: ['kijana-ke'] });
    await warm(ARTICLE, { site: 'kijana-ke', slug });
    // The REST API publishes unless told otherwise; the admin saves drafts like this.
    const saved = await rest('PUT', `/articles/${documentId}?locale=en&status=draft`, { data: { title: 'Draft title' } });
    expect(saved.status).toBe(200);
    const answer = await cacheOf(ARTICLE, { site: 'kijana-ke', slug });
    expect(answer.state).toBe('hit');
    expect(answer.data.site.article.title).toBe('Published title');
  });
});
