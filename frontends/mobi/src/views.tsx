// Server-rendered views. Links and forms only: no script, no hover menus, one h1 a page.
import { isSafeUrl } from '@baobab/kit';
import { getLocale } from '@baobab/locales';
import type { Slot } from '@baobab/plugin-api';
import { isValidElement, type ReactNode } from 'react';
import { IMAGE_WIDTHS, imagePath } from './image-path';
import { Blocks } from './blocks';
import type { ArticleView, Card, Connection, Frame } from './content';
import { enabledHalves, loadedMobiHalves } from './plugin-slots';
import { pathFor, type Route } from './routes';
import { createTranslate, type Translate } from './translate';
import type { PageData, PageProps, PluginSlotsProps } from './site-page';

type SiteProps = Extract<PageProps, { status: 'site' }>;

interface Ctx {
  readonly isLite: boolean;
  readonly plugins: PluginSlotsProps | null;
  readonly frame: Frame;
  readonly locale: string;
  readonly t: Translate;
  readonly href: (route: Route, locale?: string) => string;
}

const nativeName = (frame: Frame, code: string) => frame.locales.find((entry) => entry.code === code)?.name ?? getLocale(code)?.name ?? code;

function Layout({ ctx, children }: { ctx: Ctx; children: ReactNode }) {
  const { frame, t, href } = ctx;
  const helpline = typeof frame.variables.helpline === 'string' ? frame.variables.helpline : null;
  return (
    <>
      <header>
        <a href={href({ kind: 'home' })}>{frame.name}</a>
      </header>
      <nav className="topics" aria-label={t('sections')}>
        <ul>
          {frame.navigation.map((section) => (
            <li key={section.slug}>
              <a href={href({ kind: 'section', slug: section.slug, after: null })}>{section.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main>{children}</main>
      <footer>
        <form action={href({ kind: 'search', query: '', after: null })} method="get" role="search">
          <label>
            {t('search')} <input type="search" name="q" placeholder={t('searchPlaceholder')} />
          </label>{' '}
          <button type="submit">{t('search')}</button>
        </form>
        {helpline ? <p>{t('helpline', { helpline })}</p> : null}
        <ul>
          {frame.pages.map((page) => (
            <li key={page.slug}>
              <a href={href({ kind: 'page', slug: page.slug })}>{page.title}</a>
            </li>
          ))}
          <li>
            <a href={href({ kind: 'language' })}>{t('language')}</a>
          </li>
        </ul>
      </footer>
    </>
  );
}

/** A CMS image through the image route: 320 px by default, larger in srcset, lazy, sized. */
function Picture({ image }: { image: { url: string; alt: string | null; width: number | null; height: number | null } }) {
  const src = imagePath(image.url, 320);
  if (!src) return null;
  const height = image.width && image.height ? Math.round((320 * image.height) / image.width) : undefined;
  const srcSet = IMAGE_WIDTHS.map((width) => `${imagePath(image.url, width)} ${width}w`).join(', ');
  return <img src={src} srcSet={srcSet} sizes="(max-width: 40rem) 100vw, 40rem" alt={image.alt ?? ''} width={320} height={height} loading="lazy" decoding="async" />;
}

function Cards({ ctx, cards }: { ctx: Ctx; cards: readonly Card[] }) {
  return (
    <ul className="cards">
      {cards.map((card) => (
        <li key={card.slug}>
          <a href={ctx.href({ kind: 'article', slug: card.slug })}>{card.title}</a>
          {card.lead ? <div className="meta">{card.lead}</div> : null}
        </li>
      ))}
    </ul>
  );
}

function More({ ctx, connection, route }: { ctx: Ctx; connection: Connection; route: (after: string) => Route }) {
  if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return null;
  return (
    <p>
      <a href={ctx.href(route(connection.pageInfo.endCursor))} rel="next">
        {ctx.t('next')}
      </a>
    </p>
  );
}

/** Other articles of the article's section; nothing at all, not even the heading, when there are none. */
function Related({ ctx, article }: { ctx: Ctx; article: ArticleView }) {
  const related = (article.section?.articles.nodes ?? []).filter((node) => node.slug !== article.slug);
  if (related.length === 0) return null;
  return (
    <aside>
      <h2>{ctx.t('related')}</h2>
      <ul>
        {related.map((node) => (
          <li key={node.slug}>
            <a href={ctx.href({ kind: 'article', slug: node.slug })}>{node.title}</a>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/**
 * What the enabled plugins render in a named slot, each in its own section, in registry
 * order. A plugin's component answers an element or null; anything else renders nothing.
 */
function PluginSlot({ ctx, slot }: { ctx: Ctx; slot: Slot }) {
  const { plugins, frame } = ctx;
  if (plugins === null) return null;
  const site = { code: frame.code, defaultLocale: frame.defaultLocale, locales: frame.locales.map((entry) => entry.code), plugins: frame.plugins };
  const t = (key: string, values?: Readonly<Record<string, string | number>>) => ctx.t(key, values && Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])));
  const rendered = enabledHalves(loadedMobiHalves(), site).flatMap(({ name, half }) => {
    const Component = half.slots?.[slot];
    if (!Component) return [];
    const element = Component({ site, locale: ctx.locale, path: plugins.path, data: plugins.data, query: plugins.query, isOwnRedirect: plugins.isOwnRedirect, formFields: plugins.formFields, t });
    return isValidElement(element) ? [{ name, element }] : [];
  });
  return (
    <>
      {rendered.map(({ name, element }) => (
        <section key={name} className={`plugin plugin-${name}`}>
          {element}
        </section>
      ))}
    </>
  );
}

function Body({ ctx, data }: { ctx: Ctx; data: PageData }) {
  const { t, frame, locale } = ctx;
  switch (data.kind) {
    case 'home':
      return (
        <>
          <h1>{frame.name}</h1>
          {!ctx.isLite
            ? data.banners.map((banner) => (
                <p key={banner.slug} className="notice">
                  {banner.link && isSafeUrl(banner.link) ? <a href={banner.link}>{banner.title}</a> : <strong>{banner.title}</strong>}
                  {banner.text ? <> {banner.text}</> : null}
                </p>
              ))
            : null}
          {data.featured.nodes.length > 0 ? (
            <>
              <h2>{t('featured')}</h2>
              <Cards ctx={ctx} cards={data.featured.nodes} />
            </>
          ) : null}
          <h2>{t('latest')}</h2>
          <Cards ctx={ctx} cards={data.latest.nodes.filter((card) => !data.featured.nodes.some((featured) => featured.slug === card.slug))} />
          <PluginSlot ctx={ctx} slot="home" />
        </>
      );
    case 'section':
      return (
        <>
          <h1>{data.section.title}</h1>
          {data.section.description ? <p className="lead">{data.section.description}</p> : null}
          {data.section.children.length > 0 ? (
            <ul>
              {data.section.children.map((child) => (
                <li key={child.slug}>
                  <a href={ctx.href({ kind: 'section', slug: child.slug, after: null })}>{child.title}</a>
                </li>
              ))}
            </ul>
          ) : null}
          <Cards ctx={ctx} cards={data.section.articles.nodes} />
          <More ctx={ctx} connection={data.section.articles} route={(after) => ({ kind: 'section', slug: data.section.slug, after })} />
          <PluginSlot ctx={ctx} slot="section" />
        </>
      );
    case 'article': {
      const { article } = data;
      const sameLanguage = article.locale.split('-')[0] === locale.split('-')[0];
      return (
        <article lang={article.locale === locale ? undefined : article.locale}>
          {article.isFallback && !sameLanguage ? (
            <p className="notice" lang={locale}>
              {t('fallbackNotice', { requested: nativeName(frame, locale), served: getLocale(article.locale)?.name ?? article.locale })}{' '}
              {article.availableLocales.filter((code) => code !== locale).map((code) => (
                <a key={code} href={ctx.href({ kind: 'article', slug: article.slug }, code)} hrefLang={code} lang={code}>
                  {nativeName(frame, code)}{' '}
                </a>
              ))}
            </p>
          ) : null}
          <h1>{article.title}</h1>
          {article.lead ? <p className="lead">{article.lead}</p> : null}
          {article.image && !ctx.isLite ? <Picture image={article.image} /> : null}
          <Blocks blocks={article.body} />
          <PluginSlot ctx={ctx} slot="articleEnd" />
          <p className="meta">{t('lastUpdated', { date: new Date(article.updatedAt).toISOString().slice(0, 10) })}</p>
          <Related ctx={ctx} article={article} />
        </article>
      );
    }
    case 'page':
      return (
        <>
          <h1>{data.page.title}</h1>
          <Blocks blocks={data.page.body} />
        </>
      );
    case 'search':
      return (
        <>
          <h1>{data.query ? t('searchResults', { query: data.query }) : t('search')}</h1>
          {data.results && data.results.nodes.length === 0 ? <p>{t('noResults')}</p> : null}
          {data.results ? <Cards ctx={ctx} cards={data.results.nodes} /> : null}
          {data.results ? <More ctx={ctx} connection={data.results} route={(after) => ({ kind: 'search', query: data.query, after })} /> : null}
        </>
      );
    case 'language':
      return (
        <>
          <h1>{t('language')}</h1>
          <ul>
            {frame.locales.map((entry) => (
              <li key={entry.code}>
                <a href={ctx.href({ kind: 'home' }, entry.code)} hrefLang={entry.code} lang={entry.code} dir={entry.direction}>
                  {entry.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      );
    case 'unavailable':
      return (
        <>
          <h1>{t('errorTitle')}</h1>
          <p>{t('errorBody')}</p>
          <p>
            <a href="">{t('tryAgain')}</a>
          </p>
        </>
      );
    case 'too-many-posts':
      // Many posts from one address in a minute (server/plugin-post.ts): nothing was sent on; the reader waits and tries again.
      return (
        <>
          <h1>{t('tooManyPostsTitle')}</h1>
          <p>{t('tooManyPostsBody')}</p>
        </>
      );
    case 'bad-request':
      // A link no page makes (a forged cursor, a broken escape): the reader can only go home or search.
      return (
        <>
          <h1>{t('badLinkTitle')}</h1>
          <p>{t('badLinkBody')}</p>
        </>
      );
    case 'not-found':
      return (
        <>
          <h1>{t('notFoundTitle')}</h1>
          <p>{t('notFoundBody')}</p>
        </>
      );
  }
}

export function SitePage(props: SiteProps) {
  const { frame, locale } = props;
  const ctx: Ctx = {
    isLite: props.isLite,
    plugins: props.plugins,
    frame,
    locale,
    t: createTranslate(props.strings),
    href: (route, target = locale) => pathFor(target, frame.defaultLocale, route),
  };
  return (
    <Layout ctx={ctx}>
      {props.notice ? (
        <p className="notice" role="alert">
          <strong>{props.notice}</strong>
        </p>
      ) : null}
      <Body ctx={ctx} data={props.data} />
    </Layout>
  );
}

export function UnknownHost({ host, sites }: Extract<PageProps, { status: 'unknown-host' }>) {
  return (
    <main>
      <h1>{sites.length > 0 ? 'Baobab sites' : 'Site not found'}</h1>
      {sites.length > 0 ? (
        <ul>
          {sites.map((site) => (
            <li key={site.host}>
              <a href={site.href}>{site.name}</a> ({site.host})
            </li>
          ))}
        </ul>
      ) : (
        <p>No site is configured for {host || 'this address'}.</p>
      )}
    </main>
  );
}

export function Unavailable({ strings }: Extract<PageProps, { status: 'unavailable' }>) {
  const t = createTranslate(strings);
  return (
    <main>
      <h1>{t('errorTitle')}</h1>
      <p>{t('errorBody')}</p>
    </main>
  );
}
