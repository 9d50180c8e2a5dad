import { createArticle, gql, gqlData, paragraph, rest, uniqueSlug } from '../support/client';

const ARTICLE = 'slug title lead body locale requestedLocale isFallback availableLocales tags section { slug title } image { url(width: 320) alt width height }';
const article = (site: string, slug: string, locale?: string) =>
  gqlData(`query($site: String!, $slug: String!, $locale: String) { site(code: $site) { article(slug: $slug, locale: $locale) { ${ARTICLE} } } }`, {
    site,
    slug,
    locale,
  }).then((data) => data.site.article);

describe('locale fallback', () => {
  it('falls back from sw-KE to sw when the Kenyan translation is missing', async () => {
    const served = await article('kijana-ke', 'hiv-testing-basics', 'sw-KE');
    expect(served).toMatchObject({ locale: 'sw', requestedLocale: 'sw-KE', isFallback: true });
    expect(served.availableLocales).toEqual(expect.arrayContaining(['en-KE', 'sw-KE']));
  });

  it('falls back from sw-KE through sw to en when only English exists', async () => {
    const served = await article('kijana-ke', 'period-pain-relief', 'sw-KE');
    expect(served).toMatchObject({ locale: 'en', requestedLocale: 'sw-KE', isFallback: true });
    expect(served.availableLocales).toEqual(['en-KE']);
  });

  it('falls back from ha-NG to en and reports the served locale', async () => {
    const served = await article('mama-ng', 'hiv-testing-basics', 'ha-NG');
    expect(served).toMatchObject({ locale: 'en', requestedLocale: 'ha-NG', isFallback: true });
  });

  it('serves the site default locale when none is asked', async () => {
    const served = await article('kijana-ke', 'period-pain-relief');
    expect(served.requestedLocale).toBe('en-KE');
  });

  it('rejects a locale the site does not serve, naming the allowed ones', async () => {
    const result = await gql('{ site(code: "kijana-ke") { article(slug: "hiv-testing-basics", locale: "zu-ZA") { title } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('en-KE, sw-KE');
  });

  it('answers null for an unknown slug', async () => {
    expect(await article('kijana-ke', 'no-such-article')).toBeNull();
  });

  it('serves Arabic to the right-to-left site from the ar translation', async () => {
    const served = await article('amal-eg', 'hiv-testing-basics');
    expect(served.locale).toBe('ar');
    expect(served.title).toMatch(/[\u0600-\u06FF]/);
  });
});

describe('sharing and variables', () => {
  it('shows a shared article on every site with that site\'s helpline substituted', async () => {
    const helplines = await gqlData('{ sites { code variables } }');
    const demoSites = (helplines.sites as Array<{ code: string; variables: { helpline: string } }>).filter((site) =>
      ['kijana-ke', 'thrive-za', 'mama-ng', 'amal-eg'].includes(site.code),
    );
    expect(demoSites).toHaveLength(4);
    for (const site of demoSites) {
      const served = await article(site.code, 'hiv-testing-basics');
      expect(served).not.toBeNull();
      const text = JSON.stringify([served.title, served.lead, served.body]);
      expect(text).not.toContain('{{helpline}}');
      expect(text).toContain(site.variables.helpline);
    }
  });

  it('leaves an unknown variable as written', async () => {
    const slug = uniqueSlug('unknown-var');
    await createArticle({ title: 'Ask {{nobodyKnows}}', slug, allSites: true, body: [paragraph('Call {{helpline}} or {{nobodyKnows}}.')] });
    const served = await article('thrive-za', slug);
    expect(served.title).toBe('Ask {{nobodyKnows}}');
    expect(JSON.stringify(served.body)).toContain('{{nobodyKnows}}');
    expect(JSON.stringify(served.body)).not.toContain('{{helpline}}');
  });

  it('shows a local article only on its own site', async () => {
    const slug = uniqueSlug('local-only');
    await createArticle({ title: 'Only in Nigeria', slug, sites: ['mama-ng'] });
    expect(await article('mama-ng', slug)).toMatchObject({ title: 'Only in Nigeria' });
    expect(await article('kijana-ke', slug)).toBeNull();
    const listing = await gqlData('{ site(code: "kijana-ke") { articles(first: 50) { nodes { slug } } } }');
    expect(listing.site.articles.nodes.map((node: { slug: string }) => node.slug)).not.toContain(slug);
  });

  it('refuses to save a javascript: link, naming the field', async () => {
    const body = [{ type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'click' }] }] }];
    const response = await rest('POST', '/articles?locale=en', { data: { title: 'Links', slug: uniqueSlug('unsafe-link'), allSites: true, body } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['body', '0', 'children', '0', 'url']);
  });
});

describe('what is never served', () => {
  it('never serves a draft', async () => {
    const slug = uniqueSlug('draft');
    await createArticle({ title: 'Draft only', slug, allSites: true }, { status: 'draft' });
    expect(await article('kijana-ke', slug)).toBeNull();
  });

  it('never serves an expired or not-yet-live article, in lookups or listings', async () => {
    const expired = uniqueSlug('expired');
    const future = uniqueSlug('future');
    const hour = 3600_000;
    await createArticle({ title: 'Expired', slug: expired, sites: ['thrive-za'], goLiveAt: new Date(Date.now() - 2 * hour).toISOString(), expireAt: new Date(Date.now() - hour).toISOString() });
    await createArticle({ title: 'Future', slug: future, sites: ['thrive-za'], goLiveAt: new Date(Date.now() + hour).toISOString() });
    expect(await article('thrive-za', expired)).toBeNull();
    expect(await article('thrive-za', future)).toBeNull();
    const listing = await gqlData('{ site(code: "thrive-za") { articles(first: 50) { nodes { slug } } } }');
    const slugs = listing.site.articles.nodes.map((node: { slug: string }) => node.slug);
    expect(slugs).not.toContain(expired);
    expect(slugs).not.toContain(future);
  });

  it('refuses an expiry before the go-live time', async () => {
    const response = await rest('POST', '/articles?locale=en', {
      data: { title: 'Bad window', slug: uniqueSlug('window'), allSites: true, goLiveAt: '2026-05-02T00:00:00Z', expireAt: '2026-05-01T00:00:00Z' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('Expires at: Choose a time after "Goes live at".');
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['expireAt'] })]);
  });
});

describe('listings, navigation and search', () => {
  it('pages through a listing with cursors and a stable total', async () => {
    const first = await gqlData('{ site(code: "kijana-ke") { articles(first: 3) { nodes { slug } pageInfo { endCursor hasNextPage } totalCount } } }');
    const page1 = first.site.articles;
    expect(page1.nodes).toHaveLength(3);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await gqlData('query($after: String) { site(code: "kijana-ke") { articles(first: 3, after: $after) { nodes { slug } totalCount } } }', { after: page1.pageInfo.endCursor });
    expect(second.site.articles.totalCount).toBe(page1.totalCount);
    const overlap = second.site.articles.nodes.filter((node: { slug: string }) => page1.nodes.some((other: { slug: string }) => other.slug === node.slug));
    expect(overlap).toEqual([]);
  });

  it('rejects a cursor it did not make', async () => {
    const result = await gql('{ site(code: "kijana-ke") { articles(after: "bogus") { totalCount } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('builds navigation with nested sections and their articles', async () => {
    const data = await gqlData('{ site(code: "kijana-ke") { navigation(locale: "sw-KE") { slug title locale children { slug parent { slug } } articles(first: 2) { totalCount nodes { slug } } } } }');
    const navigation = data.site.navigation;
    expect(navigation.length).toBeGreaterThanOrEqual(6);
    const withChildren = navigation.find((section: { children: unknown[] }) => section.children.length > 0);
    expect(withChildren.children[0].parent.slug).toBe(withChildren.slug);
    expect(navigation.some((section: { articles: { totalCount: number } }) => section.articles.totalCount > 0)).toBe(true);
  });

  it('filters by section, tag and featured', async () => {
    const data = await gqlData(`{ site(code: "kijana-ke") {
      hiv: article(slug: "hiv-testing-basics") { section { slug } tags }
      featured: articles(featured: true, first: 50) { totalCount nodes { slug } }
      all: articles(first: 50) { totalCount }
    } }`);
    const { section, tags } = data.site.hiv;
    const filtered = await gqlData(`query($section: String, $tag: String) { site(code: "kijana-ke") { bySection: articles(section: $section, first: 50) { nodes { slug section { slug } } } byTag: articles(tag: $tag, first: 50) { nodes { slug tags } } } }`, { section: section.slug, tag: tags[0] });
    expect(filtered.site.bySection.nodes.every((node: { section: { slug: string } }) => node.section.slug === section.slug)).toBe(true);
    expect(filtered.site.byTag.nodes.every((node: { tags: string[] }) => node.tags.includes(tags[0]))).toBe(true);
    expect(data.site.featured.totalCount).toBeGreaterThan(0);
    expect(data.site.featured.totalCount).toBeLessThan(data.site.all.totalCount);
  });

  it('finds articles by a word in their body, in the reader\'s locale', async () => {
    const slug = uniqueSlug('search');
    await createArticle({ title: 'Water and health', slug, sites: ['kijana-ke'], body: [paragraph('Drink clean water every day: zebrafruit.')] });
    const data = await gqlData('{ site(code: "kijana-ke") { search(query: "ZEBRAFRUIT") { totalCount nodes { slug } } } }');
    expect(data.site.search.nodes.map((node: { slug: string }) => node.slug)).toEqual([slug]);
    const empty = await gql('{ site(code: "kijana-ke") { search(query: "   ") { totalCount } } }');
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds an article by its new words after a save of the whole text and after a save of one field', async () => {
    const slug = uniqueSlug('search-edit');
    const find = async (word: string) =>
      ((await gqlData(`{ site(code: "kijana-ke") { search(query: "${word}") { nodes { slug } } } }`)).site.search.nodes as Array<{ slug: string }>).map((node) => node.slug);
    const documentId = await createArticle({ title: 'Quinceberry title', lead: 'Lead', slug, sites: ['kijana-ke'], body: [paragraph('Body of durianleaf.')] });
    expect(await find('quinceberry')).toEqual([slug]);
    expect(await find('durianleaf')).toEqual([slug]);
    // Title, lead and body together: the search text is written with them.
    const whole = await rest('PUT', `/articles/${documentId}?locale=en&status=published`, { data: { title: 'Jackfruitseed title', lead: 'Lead', body: [paragraph('Body of tamarindpod.')] } });
    expect(whole.status).toBe(200);
    expect(await find('jackfruitseed')).toEqual([slug]);
    expect(await find('tamarindpod')).toEqual([slug]);
    expect(await find('quinceberry')).toEqual([]);
    // The lead alone: the stored title and body still count.
    const one = await rest('PUT', `/articles/${documentId}?locale=en&status=published`, { data: { lead: 'Lead of gooseplum' } });
    expect(one.status).toBe(200);
    expect(await find('gooseplum')).toEqual([slug]);
    expect(await find('jackfruitseed')).toEqual([slug]);
  });

  it('serves images with sizes, alt text and a width-chosen rendition', async () => {
    const data = await gqlData('{ site(code: "kijana-ke") { articles(first: 50) { nodes { image { small: url(width: 320) original: url alt width height } } } } }');
    const image = data.site.articles.nodes.map((node: { image: unknown }) => node.image).find(Boolean);
    expect(image.alt).toBeTruthy();
    expect(image.width).toBeGreaterThan(0);
    expect(image.small).not.toBe(image.original);
    const response = await fetch(image.small);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/');
  });

  it('serves pages and banners for the site', async () => {
    const data = await gqlData('{ site(code: "kijana-ke") { about: page(slug: "about") { title body locale } pages { slug } banners { slug title } } }');
    expect(data.site.about.title).toBeTruthy();
    expect(JSON.stringify(data.site.about.body)).not.toContain('{{helpline}}');
    expect(data.site.pages.map((page: { slug: string }) => page.slug)).toEqual(expect.arrayContaining(['about', 'privacy', 'contact']));
    expect(data.site.banners.length).toBeGreaterThan(0);
  });
});
