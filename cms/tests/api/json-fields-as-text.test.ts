// The admin sends JSON fields as the text an editor typed; the same text over REST must save
// as the value it spells, and text that is not JSON must be refused with a readable message.
import { gqlData, problemAt, rest, uniqueSlug } from '../support/client';

describe('JSON fields sent as text', () => {
  it('saves a site whose hostnames, locales, channels, theme tokens and plugins arrive as text, storing the values', async () => {
    const code = uniqueSlug('text');
    const created = await rest('POST', '/sites?status=published', {
      data: {
        code,
        name: 'Text site',
        hostnames: JSON.stringify([`${code}.localhost`]),
        defaultLocale: 'en',
        locales: '["en", "sw-KE"]',
        channels: JSON.stringify({ sms: { shortCode: `9${Date.now() % 100000000}` } }),
        themeTokens: '{"colors": {"primary": "#0b6e4f"}}',
        plugins: '[]',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ hostnames: [`${code}.localhost`], locales: ['en', 'sw-KE'], plugins: [], themeTokens: { colors: { primary: '#0b6e4f' } } });
    const data = await gqlData(`{ site(host: "${code}.localhost") { code hostnames locales { code } } }`);
    expect(data.site).toEqual({ code, hostnames: [`${code}.localhost`], locales: [{ code: 'en' }, { code: 'sw-KE' }] });

    const updated = await rest('PUT', `/sites/${created.body.data.documentId}`, { data: { hostnames: JSON.stringify([`${code}.localhost`, `www.${code}.localhost`]) } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.hostnames).toEqual([`${code}.localhost`, `www.${code}.localhost`]);
  });

  it('still checks what the text spells: a hostname of another site is refused at hostnames', async () => {
    const code = uniqueSlug('text');
    const response = await rest('POST', '/sites', {
      data: { code, name: 'Text site', hostnames: '["kijana-ke.localhost"]', defaultLocale: 'en', locales: '["en"]' },
    });
    expect(problemAt(response, ['hostnames']).message).toContain('already belongs to site kijana-ke');
  });

  it('refuses text that is not JSON, saying how to write the field, and writes nothing', async () => {
    const code = uniqueSlug('text');
    const response = await rest('POST', '/sites', {
      data: { code, name: 'Text site', hostnames: `${code}.localhost`, defaultLocale: 'en', locales: '["en"]' },
    });
    expect(problemAt(response, ['hostnames']).message).toContain('Write a list like ["kijana-ke.localhost"]');
    expect(response.body.error.message).toMatch(/^Web addresses: Write a list like/);
    const found = await rest('GET', `/sites?filters[code][$eq]=${code}&status=draft`);
    expect(found.body.data).toEqual([]);
  });

  it('saves an article whose carrying sites and tags arrive as text, and serves it on those sites only', async () => {
    const slug = uniqueSlug('text-article');
    const created = await rest('POST', '/articles?locale=en&status=published', {
      data: { slug, title: 'Carried by text', sites: '["kijana-ke", "mama-ng"]', tags: '["hiv", "testing"]', allSites: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ sites: ['kijana-ke', 'mama-ng'], tags: ['hiv', 'testing'] });
    const query = (site: string) => `{ site(code: "${site}") { article(slug: "${slug}") { slug } } }`;
    expect((await gqlData(query('kijana-ke'))).site.article).toEqual({ slug });
    expect((await gqlData(query('mama-ng'))).site.article).toEqual({ slug });
    expect((await gqlData(query('thrive-za'))).site.article).toBeNull();
  });

  it('refuses carriage text that is not JSON on pages, banners and sections, at sites', async () => {
    for (const [path, extra] of [
      ['/pages', { title: 'A page' }],
      ['/banners', { title: 'A banner' }],
      ['/sections', { title: 'A section' }],
    ] as const) {
      const response = await rest('POST', `${path}?locale=en`, { data: { slug: uniqueSlug('text'), sites: 'kijana-ke, mama-ng', ...extra } });
      expect(problemAt(response, ['sites']).message).toContain('Write a list like ["kijana-ke", "mama-ng"]');
    }
  });
});
