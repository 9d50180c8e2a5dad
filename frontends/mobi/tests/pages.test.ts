import { count, links, page } from './support/http';

const SITES = [
  { code: 'kijana-ke', host: 'kijana-ke.localhost', lang: 'en-KE', dir: 'ltr', other: 'sw-KE' },
  { code: 'thrive-za', host: 'thrive-za.localhost', lang: 'en-ZA', dir: 'ltr', other: 'zu-ZA' },
  { code: 'mama-ng', host: 'mama-ng.localhost', lang: 'en-NG', dir: 'ltr', other: 'pcm-NG' },
  { code: 'amal-eg', host: 'amal-eg.localhost', lang: 'ar-EG', dir: 'rtl', other: 'en' },
] as const;

const BUDGET = 14_000;

function expectGoodPage(html: string, where: string) {
  expect({ where, scripts: count(html, /<script\b/gi) }).toEqual({ where, scripts: 0 });
  expect({ where, h1: count(html, /<h1\b/gi) }).toEqual({ where, h1: 1 });
  expect(html).toMatch(/<html lang="[^"]+" dir="(ltr|rtl)"/);
}

describe.each(SITES)('$code', (site) => {
  it('serves its home page in its default locale and direction', async () => {
    const home = await page(site.host, '/');
    expect(home.status).toBe(200);
    expect(home.html).toContain(`<html lang="${site.lang}" dir="${site.dir}"`);
    expectGoodPage(home.html, `${site.code} /`);
  });

  it('has no broken link, script or page over budget anywhere reachable from home', async () => {
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    while (queue.length > 0 && seen.size < 120) {
      const path = queue.shift() ?? '/';
      const result = await page(site.host, path);
      expect({ path, status: result.status }).toEqual({ path, status: 200 });
      expectGoodPage(result.html, `${site.code} ${path}`);
      expect({ path, gzipBytes: result.gzipBytes <= BUDGET }).toEqual({ path, gzipBytes: true });
      for (const link of links(result.html)) {
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('switches language by a plain link and serves the other locale under its prefix', async () => {
    const language = await page(site.host, '/language');
    expect(language.html).toContain(`href="/${site.other}"`);
    const other = await page(site.host, `/${site.other}`);
    expect(other.status).toBe(200);
    expect(other.html).toContain(`<html lang="${site.other}"`);
  });

  it('answers an unknown path with a themed 404 in the site language', async () => {
    const missing = await page(site.host, '/articles/no-such-article');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain(`<html lang="${site.lang}"`);
    expect(missing.html).toContain('<style');
    expectGoodPage(missing.html, `${site.code} 404`);
  });
});

describe('all sites', () => {
  it('answers an unknown host with a small 404, not a 500', async () => {
    const unknown = await page('nowhere.example', '/');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Site not found');
    expect(unknown.gzipBytes).toBeLessThan(2000);
  });

  it('lists every demo site on localhost', async () => {
    const index = await page('localhost', '/');
    expect(index.status).toBe(200);
    expect((await page('localhost', '/no-such-page')).status).toBe(404);
    // Linked on the mobi-site's own PORT (src/config.ts), which the test setup chose.
    const port = new URL(process.env.BAOBAB_TEST_MOBI_URL ?? '').port;
    for (const site of SITES) expect(index.html).toContain(`href="http://${site.host}:${port}/"`);
  });

  it('says in the reader\'s language when an article falls back to another language, and links what exists', async () => {
    const fallback = await page('kijana-ke.localhost', '/sw-KE/articles/period-pain-relief');
    expect(fallback.status).toBe(200);
    expect(fallback.html).toContain('Makala hii bado haipatikani');
    expect(fallback.html).toMatch(/hreflang="en-KE"/i);
  });

  it('searches with a GET form and pages nothing when nothing matches', async () => {
    const results = await page('kijana-ke.localhost', '/search?q=HIV');
    expect(results.status).toBe(200);
    expect(links(results.html).some((link) => link.startsWith('/articles/'))).toBe(true);
    const none = await page('kijana-ke.localhost', '/search?q=zzzzqqq');
    expect(none.html).toContain('Nothing found');
  });
});

describe('site files and alternates', () => {
  it('serves robots.txt and a sitemap with every locale of each site', async () => {
    const robots = await page('thrive-za.localhost', '/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.html).toContain('Sitemap: http://thrive-za.localhost');
    const sitemap = await page('thrive-za.localhost', '/sitemap.xml');
    expect(sitemap.status).toBe(200);
    expect(sitemap.headers.get('content-type')).toContain('xml');
    expect(sitemap.html).toContain('/zu-ZA/articles/');
    expect(sitemap.html).toMatch(/hreflang="zu-ZA"/);
    expect((await page('nowhere.example', '/sitemap.xml')).status).toBe(404);
  });

  it('links every translation with hreflang alternates', async () => {
    const home = await page('mama-ng.localhost', '/');
    for (const locale of ['en-NG', 'ha-NG', 'pcm-NG']) expect(home.html).toMatch(new RegExp(`rel="alternate" hreflang="${locale}"`, 'i'));
  });

  it('drops banners and images for zero-rated and Opera Mini traffic, never the page', async () => {
    const full = await page('kijana-ke.localhost', '/articles/hiv-testing-basics');
    const lite = await page('kijana-ke.localhost', '/articles/hiv-testing-basics', { via: '1.1 Internet.org' });
    const mini = await page('kijana-ke.localhost', '/', { 'x-operamini-phone-ua': 'Nokia' });
    expect(full.html).toContain('<img');
    expect(lite.status).toBe(200);
    expect(lite.html).not.toContain('<img');
    expect(mini.status).toBe(200);
    expect(mini.html).not.toContain('class="notice"');
  });
});

describe('Next\'s own status pages', () => {
  it('answers unknown API paths with a static 404 that has no script', async () => {
    const missing = await page('kijana-ke.localhost', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.html).not.toMatch(/<script/i);
  });
});
