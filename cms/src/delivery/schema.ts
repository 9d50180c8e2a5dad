// The delivery GraphQL schema (the contract in shared/specs/delivery-api.md, plus pages,
// banners, variables, channels and channel text) and its resolvers. Every resolver reads the
// in-memory content index; article bodies, images and channel overrides come through one
// batched loader per request.
import { getLocale } from '@baobab/locales';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type DataLoader from 'dataloader';
import { GraphQLScalarType, Kind, type GraphQLSchema } from 'graphql';
import type { ContentIndex } from './content-index';
import type { ExecutionBudget } from './execute';
import type { PluginDeliveryContext } from '@baobab/plugin-api';
import { pluginSchema, type DeliveryPlugin } from './plugins';
import type { PreviewAccess } from './preview';
import { badInput } from './errors';
import type { ArticleDetail, ArticleRow, BannerRow, ImageRecord, LocalizedRow, PageRow, SectionRow, SiteRecord } from './records';
import {
  availableLocales,
  carries,
  chatChannel,
  DocumentSet,
  chainFor,
  isFeatured,
  isLive,
  paginate,
  prepareBlocks,
  safeLink,
  resolveLocale,
  siteForHost,
  substitute,
  variablesFor,
} from './rules';
import { docTag, listTag, siteTag, SITES_TAG } from './scope';
import { themeFor } from './themes';

export const typeDefs = /* GraphQL */ `
  scalar JSON
  scalar DateTime

  type Query {
    "Exactly one argument. host: case-insensitive, any port ignored. Null when no site matches."
    site(host: String, code: String): Site
    "Every published site, by code."
    sites: [Site!]!
  }

  type Site {
    "The site's code: stable, unique."
    id: ID!
    code: String!
    name: String!
    hostnames: [String!]!
    defaultLocale: String!
    locales: [Locale!]!
    theme: Theme!
    plugins: [String!]!
    "The site's variables for a locale (locale-specific values first)."
    variables(locale: String): JSON!
    "Channel settings: USSD service codes, WhatsApp phone-number id, SMS short code, ..."
    channels: JSON!
    navigation(locale: String): [Section!]!
    section(slug: String!, locale: String): Section
    "previewToken: from the CMS's Preview button; when it names this article (by slug) and is valid, the draft is served instead, and the answer is never cached."
    article(slug: String!, locale: String, previewToken: String): Article
    articles(locale: String, section: String, tag: String, featured: Boolean, first: Int, after: String): ArticleConnection!
    search(query: String!, locale: String, first: Int, after: String): ArticleConnection!
    page(slug: String!, locale: String): Page
    pages(locale: String): [Page!]!
    banners(locale: String): [Banner!]!
    "The draft a preview token names, as this site would serve it (its variables, in the site locale that reads the draft's language). Null when the site does not carry the draft or serve its language. Errors PREVIEW_TOKEN_INVALID, PREVIEW_TOKEN_EXPIRED. Never cached."
    preview(token: String!): Article
  }

  type Locale {
    code: String!
    name: String!
    englishName: String!
    "ltr or rtl"
    direction: String!
  }

  type Theme {
    name: String!
    "Package tokens merged with the site's overrides."
    tokens: JSON!
  }

  type Section {
    "Unique per served object: document, site and requested locale (a client cache never merges two languages or two sites' variables)."
    id: ID!
    "The document's id, the same in every locale and on every site."
    documentId: ID!
    slug: String!
    title: String!
    description: String
    locale: String!
    requestedLocale: String!
    isFallback: Boolean!
    parent: Section
    children: [Section!]!
    articles(first: Int, after: String): ArticleConnection!
  }

  type Article {
    "Unique per served object: document, site and requested locale (a client cache never merges two languages or two sites' variables)."
    id: ID!
    "The document's id, the same in every locale and on every site."
    documentId: ID!
    slug: String!
    title: String!
    lead: String
    "Structured blocks, site variables already substituted."
    body: JSON!
    "The editor's override text for one chat channel (whatsapp, sms, ussd, telegram, messenger) in the served translation, site variables substituted; null when there is none."
    channelText(channel: String!): String
    "The locale actually served."
    locale: String!
    requestedLocale: String!
    isFallback: Boolean!
    "The site's locales in which this article exists in the reader's own language."
    availableLocales: [String!]!
    section: Section
    tags: [String!]!
    image: Image
    publishedAt: DateTime!
    updatedAt: DateTime!
  }

  type Page {
    "Unique per served object: document, site and requested locale (a client cache never merges two languages or two sites' variables)."
    id: ID!
    "The document's id, the same in every locale and on every site."
    documentId: ID!
    slug: String!
    title: String!
    body: JSON!
    locale: String!
    requestedLocale: String!
    isFallback: Boolean!
    updatedAt: DateTime!
  }

  type Banner {
    "Unique per served object: document, site and requested locale (a client cache never merges two languages or two sites' variables)."
    id: ID!
    "The document's id, the same in every locale and on every site."
    documentId: ID!
    slug: String!
    title: String!
    text: String
    link: String
    image: Image
    locale: String!
  }

  type ArticleConnection {
    nodes: [Article!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  type Image {
    "The smallest stored rendition at least this wide (the original when none is)."
    url(width: Int): String!
    alt: String
    width: Int
    height: Int
  }
`;

export interface DeliveryContext {
  readonly index: ContentIndex;
  readonly now: number;
  readonly details: DataLoader<number, ArticleDetail | null>;
  readonly searchMatches: (query: string, chain: readonly string[]) => Promise<ReadonlySet<number>>;
  readonly publicUrl: string;
  /** What this execution may still spend (time, answer bytes); checked by every resolver. */
  readonly budget: ExecutionBudget;
  /** Drafts, for a valid preview token only. */
  readonly preview: PreviewAccess;
  /** What plugin resolvers get as their context. */
  readonly plugin: PluginDeliveryContext;
}

interface Scope {
  readonly site: SiteRecord;
  readonly requestedLocale: string;
  readonly chain: readonly string[];
}
interface View<Row> extends Scope {
  readonly row: Row;
}
interface ImageView {
  readonly image: ImageRecord;
  readonly publicUrl: string;
}

type LocaleArgs = { locale?: string | null };
type SlugArgs = LocaleArgs & { slug: string };
type ArticleArgs = SlugArgs & { previewToken?: string | null };
type PageArgs = { first?: number | null; after?: string | null };
type ArticlesArgs = LocaleArgs & PageArgs & { section?: string | null; tag?: string | null; featured?: boolean | null };
type SearchArgs = LocaleArgs & PageArgs & { query: string };

/** The site locale whose readers get a translation in `locale` soonest (the default locale on a tie), or null. */
function previewLocale(site: SiteRecord, locale: string): string | null {
  let best: { code: string; rank: number } | null = null;
  for (const code of [site.defaultLocale, ...site.locales]) {
    const rank = chainFor(site, code).indexOf(locale);
    if (rank >= 0 && (best === null || rank < best.rank)) best = { code, rank };
  }
  return best?.code ?? null;
}

function scope(site: SiteRecord, locale: string | null | undefined): Scope {
  const requestedLocale = resolveLocale(site, locale);
  return { site, requestedLocale, chain: chainFor(site, requestedLocale) };
}

const view = <Row>(at: Scope, row: Row): View<Row> => ({ ...at, row });

/** One id per served object: the same document on another site or in another requested locale is another object to a client cache. */
const servedId = ({ row, site, requestedLocale }: View<{ documentId: string }>) => `${row.documentId}:${site.code}:${requestedLocale}`;

/** This answer lists the site's documents in the request's locales: a change to any it carries, or may carry, reaches it (scope.ts). */
function dependOnListing(context: DeliveryContext, at: Scope): void {
  for (const locale of at.chain) context.plugin.tag(listTag(at.site.code, locale));
}

function liveArticles(context: DeliveryContext, at: Scope): ArticleRow[] {
  dependOnListing(context, at);
  return context.index.articles
    .pickAll(at.site, at.chain)
    .filter((row) => isLive(row, context.now))
    .sort(byNewest);
}

const sortDate = (row: ArticleRow) => row.goLiveAt ?? row.createdAt;
const byNewest = (a: ArticleRow, b: ArticleRow) => sortDate(b) - sortDate(a) || a.documentId.localeCompare(b.documentId);
const byPosition = (a: { position: number; title: string }, b: { position: number; title: string }) =>
  a.position - b.position || a.title.localeCompare(b.title);

function carriedSections(context: DeliveryContext, at: Scope): SectionRow[] {
  dependOnListing(context, at);
  return context.index.sections.pickAll(at.site, at.chain).sort(byPosition);
}

/** A document by slug; the answer depends on that document, or, when the site has none by that slug, on its listings (one may be published). */
function findBySlug<Row extends LocalizedRow>(context: DeliveryContext, set: DocumentSet<Row>, slug: string, at: Scope): Row | null {
  const documentId = set.documentIdForSlug(slug);
  const row = documentId === undefined ? undefined : set.pick(documentId, at.chain);
  const found = row && carries(at.site, row) ? row : null;
  if (found) context.plugin.tag(docTag(found.documentId));
  else dependOnListing(context, at);
  return found;
}

function articleConnection(at: Scope, rows: ArticleRow[], args: PageArgs) {
  const page = paginate(rows, args.first, args.after);
  return { ...page, nodes: page.nodes.map((row) => view(at, row)) };
}

const jsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : null),
});

const dateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO 8601 instant in UTC',
  serialize: (value) => new Date(typeof value === 'number' || typeof value === 'string' ? value : Number.NaN).toISOString(),
});

export const resolvers = {
  JSON: jsonScalar,
  DateTime: dateTimeScalar,
  Query: {
    site(_: unknown, args: { host?: string | null; code?: string | null }, context: DeliveryContext) {
      const given = [args.host, args.code].filter((value) => value !== undefined && value !== null);
      if (given.length !== 1) throw badInput('site takes exactly one argument: host or code');
      const site = typeof args.host === 'string' ? siteForHost(context.index.sitesByHost, args.host) : (context.index.sitesByCode.get(args.code ?? '') ?? null);
      context.plugin.tag(site ? siteTag(site.code) : SITES_TAG);
      return site;
    },
    sites(_: unknown, __: unknown, context: DeliveryContext) {
      context.plugin.tag(SITES_TAG);
      return [...context.index.sites].sort((a, b) => a.code.localeCompare(b.code));
    },
  },
  Site: {
    id: (site: SiteRecord) => site.code,
    locales: (site: SiteRecord) =>
      site.locales.map((code) => {
        const known = getLocale(code);
        return { code, name: known?.name ?? code, englishName: known?.englishName ?? code, direction: known?.direction ?? 'ltr' };
      }),
    theme: (site: SiteRecord) => themeFor(site.theme, site.themeTokens),
    variables: (site: SiteRecord, args: LocaleArgs) =>
      Object.fromEntries(variablesFor(site, resolveLocale(site, args.locale))),
    navigation(site: SiteRecord, args: LocaleArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      const sections = carriedSections(context, at);
      const carriedSlugs = new Set(sections.map((row) => row.slug));
      return sections.filter((row) => row.parent === null || !carriedSlugs.has(row.parent)).map((row) => view(at, row));
    },
    section(site: SiteRecord, args: SlugArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      const row = findBySlug(context, context.index.sections, args.slug, at);
      return row ? view(at, row) : null;
    },
    async article(site: SiteRecord, args: ArticleArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      if (args.previewToken != null) {
        // Honoured only for the document the token names, on a site that carries it, in a language the reader gets.
        const draft = await context.preview.draftArticle(args.previewToken);
        if (draft && draft.slug === args.slug && carries(site, draft) && at.chain.includes(draft.locale)) return view(at, draft);
      }
      const row = findBySlug(context, context.index.articles, args.slug, at);
      return row && isLive(row, context.now) ? view(at, row) : null;
    },
    articles(site: SiteRecord, args: ArticlesArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      const rows = liveArticles(context, at).filter(
        (row) =>
          (args.section == null || row.section === args.section) &&
          (args.tag == null || row.tags.includes(args.tag)) &&
          (args.featured == null || isFeatured(row, context.now) === args.featured),
      );
      if (args.featured === true) rows.sort((a, b) => (b.featuredFrom ?? 0) - (a.featuredFrom ?? 0) || byNewest(a, b));
      return articleConnection(at, rows, args);
    },
    async search(site: SiteRecord, args: SearchArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      const query = args.query.trim().toLocaleLowerCase();
      if (query.length === 0 || query.length > 100) throw badInput('query must be between 1 and 100 characters');
      const matches = await context.searchMatches(query, at.chain);
      const rows = liveArticles(context, at).filter((row) => matches.has(row.id));
      const inTitle = (row: ArticleRow) => (row.title.toLocaleLowerCase().includes(query) ? 0 : 1);
      rows.sort((a, b) => inTitle(a) - inTitle(b) || byNewest(a, b));
      return articleConnection(at, rows, args);
    },
    page(site: SiteRecord, args: SlugArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      const row = findBySlug(context, context.index.pages, args.slug, at);
      return row ? view(at, row) : null;
    },
    pages(site: SiteRecord, args: LocaleArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      dependOnListing(context, at);
      return context.index.pages.pickAll(site, at.chain).sort(byPosition).map((row) => view(at, row));
    },
    async preview(site: SiteRecord, args: { token: string }, context: DeliveryContext) {
      const draft = await context.preview.draftArticle(args.token);
      if (!draft || !carries(site, draft)) return null;
      const requestedLocale = previewLocale(site, draft.locale);
      return requestedLocale === null ? null : view(scope(site, requestedLocale), draft);
    },
    banners(site: SiteRecord, args: LocaleArgs, context: DeliveryContext) {
      const at = scope(site, args.locale);
      dependOnListing(context, at);
      return context.index.banners
        .pickAll(site, at.chain)
        .filter((row) => isLive(row, context.now))
        .sort(byPosition)
        .map((row) => view(at, row));
    },
  },
  Section: {
    id: servedId,
    documentId: ({ row }: View<SectionRow>) => row.documentId,
    slug: ({ row }: View<SectionRow>) => row.slug,
    title: ({ row, site, requestedLocale }: View<SectionRow>) => substitute(row.title, variablesFor(site, requestedLocale)),
    description: ({ row, site, requestedLocale }: View<SectionRow>) =>
      row.description === null ? null : substitute(row.description, variablesFor(site, requestedLocale)),
    locale: ({ row }: View<SectionRow>) => row.locale,
    isFallback: ({ row, requestedLocale }: View<SectionRow>) => row.locale !== requestedLocale,
    parent(at: View<SectionRow>, _: unknown, context: DeliveryContext) {
      if (at.row.parent === null) return null;
      const parent = findBySlug(context, context.index.sections, at.row.parent, at);
      return parent ? view(at, parent) : null;
    },
    children: (at: View<SectionRow>, _: unknown, context: DeliveryContext) =>
      carriedSections(context, at)
        .filter((row) => row.parent === at.row.slug)
        .map((row) => view(at, row)),
    articles: (at: View<SectionRow>, args: PageArgs, context: DeliveryContext) =>
      articleConnection(
        at,
        liveArticles(context, at).filter((row) => row.section === at.row.slug),
        args,
      ),
  },
  Article: {
    id: servedId,
    documentId: ({ row }: View<ArticleRow>) => row.documentId,
    slug: ({ row }: View<ArticleRow>) => row.slug,
    title: ({ row, site, requestedLocale }: View<ArticleRow>) => substitute(row.title, variablesFor(site, requestedLocale)),
    lead: ({ row, site, requestedLocale }: View<ArticleRow>) =>
      row.lead === null ? null : substitute(row.lead, variablesFor(site, requestedLocale)),
    async body({ row, site, requestedLocale }: View<ArticleRow>, _: unknown, context: DeliveryContext) {
      const detail = await context.details.load(row.id);
      return prepareBlocks(detail?.body ?? [], variablesFor(site, requestedLocale));
    },
    async channelText({ row, site, requestedLocale }: View<ArticleRow>, args: { channel: string }, context: DeliveryContext) {
      const channel = chatChannel(args.channel);
      const detail = await context.details.load(row.id);
      const override = detail?.channelOverrides.find((item) => item.channel === channel);
      return override ? substitute(override.text, variablesFor(site, requestedLocale)) : null;
    },
    locale: ({ row }: View<ArticleRow>) => row.locale,
    isFallback: ({ row, requestedLocale }: View<ArticleRow>) => row.locale !== requestedLocale,
    availableLocales: ({ row, site }: View<ArticleRow>, _: unknown, context: DeliveryContext) =>
      availableLocales(site, context.index.articles, row.documentId),
    section(at: View<ArticleRow>, _: unknown, context: DeliveryContext) {
      if (at.row.section === null) return null;
      const section = findBySlug(context, context.index.sections, at.row.section, at);
      return section ? view(at, section) : null;
    },
    tags: ({ row }: View<ArticleRow>) => row.tags,
    async image({ row }: View<ArticleRow>, _: unknown, context: DeliveryContext): Promise<ImageView | null> {
      const detail = await context.details.load(row.id);
      return detail?.image ? { image: detail.image, publicUrl: context.publicUrl } : null;
    },
    publishedAt: ({ row }: View<ArticleRow>) => row.publishedAt,
    updatedAt: ({ row }: View<ArticleRow>) => row.updatedAt,
  },
  Page: {
    id: servedId,
    documentId: ({ row }: View<PageRow>) => row.documentId,
    slug: ({ row }: View<PageRow>) => row.slug,
    title: ({ row, site, requestedLocale }: View<PageRow>) => substitute(row.title, variablesFor(site, requestedLocale)),
    body: ({ row, site, requestedLocale }: View<PageRow>) => prepareBlocks(row.body, variablesFor(site, requestedLocale)),
    locale: ({ row }: View<PageRow>) => row.locale,
    isFallback: ({ row, requestedLocale }: View<PageRow>) => row.locale !== requestedLocale,
    updatedAt: ({ row }: View<PageRow>) => row.updatedAt,
  },
  Banner: {
    id: servedId,
    documentId: ({ row }: View<BannerRow>) => row.documentId,
    slug: ({ row }: View<BannerRow>) => row.slug,
    title: ({ row, site, requestedLocale }: View<BannerRow>) => substitute(row.title, variablesFor(site, requestedLocale)),
    text: ({ row, site, requestedLocale }: View<BannerRow>) =>
      row.text === null ? null : substitute(row.text, variablesFor(site, requestedLocale)),
    link: ({ row, site, requestedLocale }: View<BannerRow>) => (row.link === null ? null : safeLink(row.link, variablesFor(site, requestedLocale))),
    image: ({ row }: View<BannerRow>, _: unknown, context: DeliveryContext): ImageView | null =>
      row.image ? { image: row.image, publicUrl: context.publicUrl } : null,
    locale: ({ row }: View<BannerRow>) => row.locale,
  },
  Image: {
    url({ image, publicUrl }: ImageView, args: { width?: number | null }) {
      const url = imageUrlFor(image, args.width ?? null);
      return url.startsWith('/') ? `${publicUrl}${url}` : url;
    },
    alt: ({ image }: ImageView) => image.alternativeText,
    width: ({ image }: ImageView) => image.width,
    height: ({ image }: ImageView) => image.height,
  },
};

/** The smallest rendition at least `width` wide; the original when none is or no width is asked. */
export function imageUrlFor(image: ImageRecord, width: number | null): string {
  if (width === null) return image.url;
  if (!Number.isInteger(width) || width < 1 || width > 4096) throw badInput(`width must be between 1 and 4096 (got ${width})`);
  const candidates = Object.values(image.formats)
    .filter((format) => format.width >= width)
    .sort((a, b) => a.width - b.width);
  return candidates[0]?.url ?? image.url;
}

/** The core schema with the installed plugins' delivery halves merged in. */
export function createDeliverySchema(plugins: readonly DeliveryPlugin[] = []): GraphQLSchema {
  const extension = pluginSchema(plugins);
  const merged: Record<string, object> = { ...resolvers };
  for (const [type, fields] of Object.entries(extension.resolvers)) merged[type] = { ...merged[type], ...fields };
  return makeExecutableSchema({ typeDefs: [typeDefs, ...extension.typeDefs], resolvers: merged });
}
