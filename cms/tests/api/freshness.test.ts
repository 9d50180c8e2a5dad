import { createArticle, gql, gqlData, paragraph, rest, uniqueSlug } from '../support/client';

const SITES = ['kijana-ke', 'thrive-za', 'mama-ng', 'amal-eg'];

describe('publishing reaches every site', () => {
  it('shows an update to a shared article on all four sites within 2 seconds', async () => {
    const slug = uniqueSlug('shared-update');
    const documentId = await createArticle({ title: 'Before', slug, allSites: true });
    const titleOn = async (site: string) => {
      const data = await gqlData('query($site: String!, $slug: String!, $locale: String) { site(code: $site) { article(slug: $slug, locale: $locale) { title } } }', {
        site,
        slug,
        locale: site === 'amal-eg' ? 'en' : undefined,
      });
      return data.site.article?.title;
    };
    for (const site of SITES) expect(await titleOn(site)).toBe('Before'); // now cached

    const started = Date.now();
    const update = await rest('PUT', `/articles/${documentId}?locale=en&status=published`, { data: { title: 'After' } });
    expect(update.status).toBe(200);
    const seen = new Map<string, number>();
    while (seen.size < SITES.length && Date.now() - started < 5000) {
      for (const site of SITES) if (!seen.has(site) && (await titleOn(site)) === 'After') seen.set(site, Date.now() - started);
      if (seen.size < SITES.length) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([...seen.keys()].sort()).toEqual([...SITES].sort());
    for (const elapsed of seen.values()) expect(elapsed).toBeLessThan(2000);
  });

  it('drops a deleted article from delivery at once', async () => {
    const slug = uniqueSlug('unpublish');
    const documentId = await createArticle({ title: 'Soon gone', slug, sites: ['kijana-ke'] });
    const query = `{ site(code: "kijana-ke") { article(slug: "${slug}") { title } } }`;
    expect((await gqlData(query)).site.article.title).toBe('Soon gone');
    const response = await rest('DELETE', `/articles/${documentId}?locale=en`);
    expect([200, 204]).toContain(response.status);
    expect((await gqlData(query)).site.article).toBeNull();
  });
});

describe('database cost', () => {
  it('costs the same number of database queries for a 50-item listing as for a 5-item one', async () => {
    const site = uniqueSlug('bulk');
    const created = await rest('POST', '/sites?status=published', {
      data: { code: site, name: 'Bulk test', hostnames: [`${site}.localhost`], defaultLocale: 'en', locales: ['en'] },
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 50; i += 1) {
      await createArticle({ title: `Bulk ${i}`, slug: uniqueSlug(`bulk-${i}`), sites: [site], section: 'nutrition', tags: ['bulk'], body: [paragraph(`Item ${i}`)] });
    }
    const listing = (first: number) =>
      gql(`query($site: String!, $first: Int) { site(code: $site) { articles(first: $first, tag: "bulk") { totalCount nodes { title lead body sms: channelText(channel: "sms") tags section { title } image { url } } } } }`, {
        site,
        first,
      });
    // Strapi's after-commit events for the last writes may still be arriving; let them land,
    // then load the content index so both listings start from the same warm state.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await gql('{ sites { code } }');
    const five = await listing(5);
    const fifty = await listing(50);
    expect(five.data.site.articles.nodes).toHaveLength(5);
    expect(fifty.data.site.articles.nodes).toHaveLength(50);
    expect(five.headers.get('x-delivery-cache')).toBe('miss');
    expect(fifty.headers.get('x-delivery-cache')).toBe('miss');
    const queries = (result: typeof five) => Number(result.headers.get('x-delivery-db-queries'));
    expect(queries(five)).toBeGreaterThan(0);
    expect(queries(fifty)).toBe(queries(five));
  });
});
