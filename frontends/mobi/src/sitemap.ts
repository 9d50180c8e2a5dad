// robots.txt and sitemap.xml per site: every section and article in every locale the site
// serves, with hreflang alternates.
import { z } from 'zod';
import { delivery } from './cms';
import { pathFor, type Route } from './routes';

const listing = z.object({
  site: z
    .object({
      defaultLocale: z.string(),
      locales: z.array(z.object({ code: z.string() })),
      navigation: z.array(z.object({ slug: z.string(), children: z.array(z.object({ slug: z.string() })) })),
      articles: z.object({
        nodes: z.array(z.object({ slug: z.string(), updatedAt: z.string() })),
        pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
      }),
    })
    .nullable(),
});

const QUERY = `query Sitemap($host: String!, $after: String) { site(host: $host) { defaultLocale locales { code }
  navigation { slug children { slug } } articles(first: 50, after: $after) { nodes { slug updatedAt } pageInfo { endCursor hasNextPage } } } }`;
const MAX_PAGES = 40;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sitemap XML for a host, or null when no site has that host. */
export async function sitemapXml(host: string, origin: string): Promise<string | null> {
  const routes: Array<{ route: Route; updatedAt?: string }> = [{ route: { kind: 'home' } }];
  let after: string | null = null;
  let site: z.infer<typeof listing>['site'] = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const data: z.infer<typeof listing> = await delivery(listing, QUERY, { host, after });
    if (!data.site) return null;
    site = data.site;
    if (page === 0) {
      for (const section of site.navigation) {
        routes.push({ route: { kind: 'section', slug: section.slug, after: null } });
        for (const child of section.children) routes.push({ route: { kind: 'section', slug: child.slug, after: null } });
      }
    }
    for (const article of site.articles.nodes) routes.push({ route: { kind: 'article', slug: article.slug }, updatedAt: article.updatedAt });
    if (!site.articles.pageInfo.hasNextPage) break;
    after = site.articles.pageInfo.endCursor;
  }
  if (!site) return null;
  const { defaultLocale } = site;
  const locales = site.locales.map((entry) => entry.code);
  const urls = routes.flatMap(({ route, updatedAt }) =>
    locales.map((locale) => {
      const alternates = locales
        .map((other) => `<xhtml:link rel="alternate" hreflang="${other}" href="${escapeXml(origin + pathFor(other, defaultLocale, route))}"/>`)
        .join('');
      const lastmod = updatedAt ? `<lastmod>${updatedAt.slice(0, 10)}</lastmod>` : '';
      return `<url><loc>${escapeXml(origin + pathFor(locale, defaultLocale, route))}</loc>${lastmod}${alternates}</url>`;
    }),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}

export function robotsTxt(origin: string): string {
  return `User-agent: *\nAllow: /\nSitemap: ${origin}/sitemap.xml\n`;
}
