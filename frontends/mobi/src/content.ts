// What each page asks the delivery API for, and the shapes it trusts after parsing.
import { z } from 'zod';

const image = z.object({ url: z.string(), alt: z.string().nullable(), width: z.number().nullable(), height: z.number().nullable() });
const card = z.object({ slug: z.string(), title: z.string(), lead: z.string().nullable(), locale: z.string(), image: image.nullable() });
const connection = z.object({
  nodes: z.array(card),
  pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
  totalCount: z.number(),
});
export type Card = z.infer<typeof card>;
export type Connection = z.infer<typeof connection>;

const frame = {
  code: z.string(),
  name: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.object({ code: z.string(), name: z.string(), direction: z.enum(['ltr', 'rtl']) })),
  theme: z.object({ name: z.string(), tokens: z.record(z.string(), z.unknown()) }),
  variables: z.record(z.string(), z.unknown()),
  navigation: z.array(z.object({ slug: z.string(), title: z.string() })),
  pages: z.array(z.object({ slug: z.string(), title: z.string() })),
  plugins: z.array(z.string()),
};
export const frameSchema = z.object(frame);
export type Frame = z.infer<typeof frameSchema>;

export const FRAME = `code name defaultLocale locales { code name direction } plugins theme { name tokens } variables(locale: $locale)
  navigation(locale: $locale) { slug title } pages(locale: $locale) { slug title }`;
const CARD = 'slug title lead locale image { url(width: 320) alt width height }';
const CONNECTION = `nodes { ${CARD} } pageInfo { endCursor hasNextPage } totalCount`;

const banner = z.object({ slug: z.string(), title: z.string(), text: z.string().nullable(), link: z.string().nullable(), image: image.nullable() });
const sectionView = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  locale: z.string(),
  isFallback: z.boolean(),
  children: z.array(z.object({ slug: z.string(), title: z.string() })),
  articles: connection,
});
/** An article as its page shows it (the preview extends it with the channels' texts). */
export const articleView = z.object({
  slug: z.string(),
  title: z.string(),
  lead: z.string().nullable(),
  body: z.array(z.unknown()),
  locale: z.string(),
  requestedLocale: z.string(),
  isFallback: z.boolean(),
  availableLocales: z.array(z.string()),
  updatedAt: z.string(),
  tags: z.array(z.string()),
  section: z.object({ slug: z.string(), title: z.string(), articles: z.object({ nodes: z.array(z.object({ slug: z.string(), title: z.string() })) }) }).nullable(),
  image: image.nullable(),
});
const pageView = z.object({ slug: z.string(), title: z.string(), body: z.array(z.unknown()), locale: z.string(), isFallback: z.boolean() });
export type Banner = z.infer<typeof banner>;
export type SectionView = z.infer<typeof sectionView>;
export type ArticleView = z.infer<typeof articleView>;
export type PageView = z.infer<typeof pageView>;

/** Loose: what plugins' selections add under `site { }` stays in the parsed site for their slots to read. */
const siteOf = <T extends z.ZodRawShape>(shape: T) => z.object({ site: z.looseObject({ ...frame, ...shape }).nullable() });

/**
 * A page query: `site(host) { FRAME …body }`, and `build(extra)`, the same with plugins'
 * selections (src/plugins.ts) added under `site { }`, so a page stays one round trip.
 */
function pageQuery<T extends z.ZodRawShape>(head: string, body: string, shape: T) {
  const build = (extra: string) => `query ${head} { site(host: $host) { ${FRAME}
      ${body}${extra ? `
      ${extra}` : ''} } }`;
  return { query: build(''), build, schema: siteOf(shape) };
}

export const queries = {
  frame: pageQuery('Frame($host: String!, $locale: String)', '', {}),
  home: pageQuery(
    'Home($host: String!, $locale: String)',
    `featured: articles(locale: $locale, featured: true, first: 3) { ${CONNECTION} }
      latest: articles(locale: $locale, first: 8) { ${CONNECTION} }
      banners(locale: $locale) { slug title text link image { url(width: 320) alt width height } }`,
    { featured: connection, latest: connection, banners: z.array(banner) },
  ),
  section: pageQuery(
    'Section($host: String!, $locale: String, $slug: String!, $after: String)',
    `section(slug: $slug, locale: $locale) { slug title description locale isFallback children { slug title }
        articles(first: 10, after: $after) { ${CONNECTION} } }`,
    { section: sectionView.nullable() },
  ),
  article: pageQuery(
    'Article($host: String!, $locale: String, $slug: String!)',
    `article(slug: $slug, locale: $locale) { slug title lead body locale requestedLocale isFallback availableLocales updatedAt tags
        section { slug title articles(first: 4) { nodes { slug title } } }
        image { url alt width height } }`,
    { article: articleView.nullable() },
  ),
  page: pageQuery('Page($host: String!, $locale: String, $slug: String!)', 'page(slug: $slug, locale: $locale) { slug title body locale isFallback }', { page: pageView.nullable() }),
  search: pageQuery(
    'Search($host: String!, $locale: String, $query: String!, $after: String)',
    `search(query: $query, locale: $locale, first: 10, after: $after) { ${CONNECTION} }`,
    { search: connection },
  ),
  sites: {
    query: '{ sites { code name hostnames } }',
    schema: z.object({ sites: z.array(z.object({ code: z.string(), name: z.string(), hostnames: z.array(z.string()) })) }),
  },
} as const;
