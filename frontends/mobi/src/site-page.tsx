// Everything a mobi page needs, decided on the server: which site (by Host), which
// locale and route (by path), and the content for it. Returns plain props.
import type { IncomingMessage } from 'node:http';
import { normalizeHost } from '@baobab/kit';
import { getLocale } from '@baobab/locales';
import { CmsError, delivery, isRefusedInput } from './cms';
import { mobiConfig } from './config';
import { uiStrings } from './i18n';
import { queries, type ArticleView, type Banner, type Connection, type Frame, type PageView, type SectionView } from './content';
import { isLiteRequest } from './lite';
import { loadMobiHalves, slotFor, slotSelection } from './plugins';
import { BACK_FIELD, CSRF_FIELD, READER_COOKIE, cookieValue, formTokenMarker, isStateSigned, verifyReader } from './reader';
import { SIGNATURE_PARAM, parseRoute, pathFor, uncachedQuery, type Route } from './routes';
import { siteCss } from './themes';

export type PageData =
  | { kind: 'home'; featured: Connection; latest: Connection; banners: Banner[] }
  | { kind: 'section'; section: SectionView }
  | { kind: 'article'; article: ArticleView }
  | { kind: 'page'; page: PageView }
  | { kind: 'search'; query: string; results: Connection | null }
  | { kind: 'language' }
  | { kind: 'not-found' }
  | { kind: 'bad-request' }
  | { kind: 'unavailable' }
  /** A client address over its budget of plugin posts: try again in a minute (429). */
  | { kind: 'too-many-posts' };

/** What a page's plugin slots render from (null on pages without a slot, and in the draft preview). */
export interface PluginSlotsProps {
  /** The parsed `site { }` answer, holding what the enabled plugins' selections asked for. */
  readonly data: unknown;
  /** The page's path without its query: where forms post back and redirect to. */
  readonly path: string;
  /** The form state slots may read (`voted`, `poll`, `error`, `choice`…: `uncachedParams` in src/routes.ts), each a list of slugs. */
  readonly query: Record<string, string[]>;
  /** Whether that state came from this reader's own post (signed for their cookie), not a link anyone could share. */
  readonly isOwnRedirect: boolean;
  /** Hidden fields of every plugin form: the CSRF token (a marker the HTTP layer fills per reader) and this page. */
  readonly formFields: Record<string, string>;
}

export type PageProps =
  | {
      status: 'site';
      lang: string;
      dir: 'ltr' | 'rtl';
      css: string;
      frame: Frame;
      locale: string;
      route: Route | null;
      data: PageData;
      strings: Record<string, string>;
      /** Absolute URL of this page in each locale it is served in, for hreflang. */
      alternates: Array<{ locale: string; href: string }>;
      /** Zero-rated or proxy-browser traffic: no banners, no heavy images. */
      isLite: boolean;
      plugins: PluginSlotsProps | null;
      /** A message shown above the page: a plugin form's post was refused (the page again, with a 4xx). */
      notice: string | null;
    }
  | { status: 'unknown-host'; lang: 'en'; dir: 'ltr'; host: string; sites: Array<{ name: string; host: string; href: string }> }
  | { status: 'unavailable'; lang: 'en'; dir: 'ltr'; strings: Record<string, string> };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Set by the HTTP layer (server/http.ts), and removed from what readers send, when the
 * raw URL is malformed (bad percent-encoding): the page answers a themed 400.
 */
export const BAD_REQUEST_HEADER = 'x-baobab-bad-request';
/**
 * Set by the HTTP layer (and removed from what readers send) when it renders a page again
 * after a refused plugin post: the message to show, percent-encoded.
 */
export const NOTICE_HEADER = 'x-baobab-notice';
/** Set by the page on its response: the code of the site it rendered, for the server's metrics (never sent: server/http.ts answers with its own headers). */
export const SITE_HEADER = 'x-baobab-site';
/**
 * Set by the HTTP layer (and removed from what readers send) when a client address has
 * spent its budget of plugin posts: the page answers the short 429 page in the locale of
 * its path, without the page's own content.
 */
export const TOO_MANY_POSTS_HEADER = 'x-baobab-too-many-posts';

/** The status of each kind of page: a reader's malformed link is 400, a missing page 404. */
const STATUS: Partial<Record<PageData['kind'], number>> = { 'not-found': 404, 'bad-request': 400, unavailable: 503, 'too-many-posts': 429 };
const statusOf = (data: PageData): number => STATUS[data.kind] ?? 200;

/** The last frame each host was rendered with, so a CMS outage still gets a themed page. */
const lastFrames = new Map<string, Frame>();

/** The request's host (a proxy's X-Forwarded-Host first), normalised by the shared rule. */
export function requestHost(req: Pick<IncomingMessage, 'headers'>): string {
  const raw = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '').split(',')[0] ?? '';
  return normalizeHost(raw) ?? '';
}

/** The message the HTTP layer asked this page to show (a refused plugin post), or null. */
function noticeOf(req: Pick<IncomingMessage, 'headers'>): string | null {
  const raw = req.headers[NOTICE_HEADER];
  if (typeof raw !== 'string' || raw === '') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * Whether a page's form state is the reader's own: signed for the reader in their cookie by
 * the redirect after their post. Only pages with form state can say yes, and those are
 * rendered for one request and never cached (`bypassesPageCache`).
 */
function isOwnRedirect(req: Pick<IncomingMessage, 'headers'>, state: Readonly<Record<string, readonly string[]>>, signature: string | string[] | undefined): boolean {
  if (Object.keys(state).length === 0) return false;
  const { readerSecret } = mobiConfig();
  const reader = verifyReader(readerSecret, cookieValue(req.headers.cookie, READER_COOKIE));
  return reader !== null && isStateSigned(readerSecret, reader, state, Array.isArray(signature) ? signature[0] : signature);
}

async function siteList(host: string): Promise<PageProps> {
  // On localhost, list the sites so a newcomer can click into each (hosts on *.localhost resolve to this machine).
  if (!LOCAL_HOSTS.has(host)) return { status: 'unknown-host', lang: 'en', dir: 'ltr', host, sites: [] };
  const { sites } = await delivery(queries.sites.schema, queries.sites.query, {});
  return {
    status: 'unknown-host',
    lang: 'en',
    dir: 'ltr',
    host,
    sites: sites.flatMap((site) => (site.hostnames[0] ? [{ name: site.name, host: site.hostnames[0], href: `http://${site.hostnames[0]}:${mobiConfig().port}/` }] : [])),
  };
}

/** The delivery query for a route, and the frame and data it answers (not-found when the site lacks it). */
async function routeData(route: Route, vars: { host: string; locale: string }, base: Frame, extra: string): Promise<{ frame: Frame; data: PageData }> {
  const notFound = (frame: Frame | null): { frame: Frame; data: PageData } => ({ frame: frame ?? base, data: { kind: 'not-found' } });
  switch (route.kind) {
    case 'home': {
      const { site } = await delivery(queries.home.schema, queries.home.build(extra), vars);
      return site ? { frame: site, data: { kind: 'home', featured: site.featured, latest: site.latest, banners: site.banners } } : notFound(null);
    }
    case 'section': {
      const { site } = await delivery(queries.section.schema, queries.section.build(extra), { ...vars, slug: route.slug, after: route.after });
      return site?.section ? { frame: site, data: { kind: 'section', section: site.section } } : notFound(site);
    }
    case 'article': {
      const { site } = await delivery(queries.article.schema, queries.article.build(extra), { ...vars, slug: route.slug });
      return site?.article ? { frame: site, data: { kind: 'article', article: site.article } } : notFound(site);
    }
    case 'page': {
      const { site } = await delivery(queries.page.schema, queries.page.query, { ...vars, slug: route.slug });
      return site?.page ? { frame: site, data: { kind: 'page', page: site.page } } : notFound(site);
    }
    case 'search': {
      if (route.query.trim() === '') {
        const { site } = await delivery(queries.frame.schema, queries.frame.query, vars);
        return { frame: site ?? base, data: { kind: 'search', query: '', results: null } };
      }
      const { site } = await delivery(queries.search.schema, queries.search.query, { ...vars, query: route.query, after: route.after });
      return site ? { frame: site, data: { kind: 'search', query: route.query, results: site.search } } : notFound(null);
    }
    case 'language': {
      const { site } = await delivery(queries.frame.schema, queries.frame.query, vars);
      return { frame: site ?? base, data: { kind: 'language' } };
    }
  }
}

export async function loadPage(
  req: IncomingMessage,
  segments: readonly string[],
  query: Readonly<Record<string, string | string[] | undefined>>,
): Promise<{ props: PageProps; statusCode: number }> {
  const host = requestHost(req);
  try {
    const base = await delivery(queries.frame.schema, queries.frame.query, { host, locale: null });
    if (!base.site) {
      const props = await siteList(host);
      // localhost's home listing the sites is a page (200); any other path, or host, without a site is not found.
      const isIndex = props.status === 'unknown-host' && props.sites.length > 0 && segments.length === 0;
      return { props, statusCode: isIndex ? 200 : 404 };
    }
    const parsed = req.headers[BAD_REQUEST_HEADER] === undefined ? parseRoute(segments, query, { defaultLocale: base.site.defaultLocale, locales: base.site.locales.map((entry) => entry.code) }) : { locale: base.site.defaultLocale, problem: 'malformed URL' };
    const locale = parsed?.locale ?? base.site.defaultLocale;
    const vars = { host, locale };
    const isTooManyPosts = req.headers[TOO_MANY_POSTS_HEADER] !== undefined;
    // The 429 page takes only the locale from its path: not the page's content, nor its plugins.
    const route = parsed && 'route' in parsed && !isTooManyPosts ? parsed.route : null;
    let frame: Frame = base.site;
    let data: PageData = isTooManyPosts ? { kind: 'too-many-posts' } : parsed && 'problem' in parsed ? { kind: 'bad-request' } : { kind: 'not-found' };
    // Plugins the site enables add their slot's selection to this page's one query.
    const slot = route ? slotFor(route) : null;
    const extra = slotSelection(await loadMobiHalves(), base.site, slot);
    if (route) {
      try {
        ({ frame, data } = await routeData(route, vars, base.site, extra));
      } catch (error) {
        // The delivery API refused a variable the reader chose (a forged cursor): their link is bad, the CMS is fine.
        if (!isRefusedInput(error)) throw error;
        data = { kind: 'bad-request' };
      }
    } else if (isTooManyPosts) {
      // The frame in the reader's locale (menu and site name), as the language page has it.
      frame = (await delivery(queries.frame.schema, queries.frame.query, vars)).site ?? base.site;
    }
    const origin = `${String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0]}://${String(req.headers.host ?? host)}`;
    const served = data.kind === 'article' ? data.article.availableLocales : frame.locales.map((entry) => entry.code);
    const alternates = route && data.kind !== 'not-found' && data.kind !== 'bad-request' ? served.map((code) => ({ locale: code, href: `${origin}${pathFor(code, frame.defaultLocale, route)}` })) : [];
    lastFrames.set(host, frame);
    const direction = frame.locales.find((entry) => entry.code === locale)?.direction ?? getLocale(locale)?.direction ?? 'ltr';
    const hasSlot = slot !== null && route !== null && (data.kind === 'home' || data.kind === 'section' || data.kind === 'article');
    const path = route ? pathFor(locale, frame.defaultLocale, route).split('?')[0] ?? '/' : '/';
    const state = uncachedQuery(query);
    const plugins: PluginSlotsProps | null = hasSlot ? { data: frame, path, query: state, isOwnRedirect: isOwnRedirect(req, state, query[SIGNATURE_PARAM]), formFields: { [CSRF_FIELD]: formTokenMarker(), [BACK_FIELD]: path } } : null;
    return {
      props: {
        status: 'site',
        lang: locale,
        dir: direction,
        css: siteCss(frame.theme.name, frame.theme.tokens),
        frame,
        locale,
        route,
        data,
        strings: uiStrings(locale),
        alternates,
        isLite: isLiteRequest(req.headers),
        plugins,
        notice: noticeOf(req),
      },
      statusCode: statusOf(data),
    };
  } catch (error) {
    // The CMS unreachable is a 503 the reader can retry; anything else is our bug, a 500.
    const statusCode = error instanceof CmsError ? 503 : 500;
    console.error(error instanceof CmsError ? `mobi: ${error.code}: ${error.message}` : `mobi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const frame = lastFrames.get(host);
    if (!frame) return { props: { status: 'unavailable', lang: 'en', dir: 'ltr', strings: uiStrings('en') }, statusCode };
    const known = frame.locales.map((entry) => entry.code);
    const locale = segments[0] !== undefined && known.includes(segments[0]) ? segments[0] : frame.defaultLocale;
    return {
      props: {
        status: 'site',
        lang: locale,
        dir: frame.locales.find((entry) => entry.code === locale)?.direction ?? 'ltr',
        css: siteCss(frame.theme.name, frame.theme.tokens),
        frame,
        locale,
        route: null,
        data: { kind: 'unavailable' },
        strings: uiStrings(locale),
        alternates: [],
        isLite: isLiteRequest(req.headers),
        plugins: null,
        notice: null,
      },
      statusCode,
    };
  }
}
