import { renderToStaticMarkup } from 'react-dom/server';
import type { ArticleView, Frame } from '../content';
import type { PageData, PageProps } from '../site-page';
import { SitePage } from '../views';

const frame: Frame = {
  code: 'amal-eg',
  name: 'Amal',
  defaultLocale: 'ar-EG',
  locales: [{ code: 'ar-EG', name: 'العربية', direction: 'rtl' }],
  theme: { name: 'base', tokens: {} },
  variables: {},
  navigation: [],
  pages: [],
  plugins: [],
};

const article = (related: Array<{ slug: string; title: string }>): ArticleView => ({
  slug: 'consent-basics',
  title: 'Consent',
  lead: null,
  body: [],
  locale: 'ar-EG',
  requestedLocale: 'ar-EG',
  isFallback: false,
  availableLocales: ['ar-EG'],
  updatedAt: '2026-01-01T00:00:00.000Z',
  tags: [],
  section: { slug: 'relationships', title: 'Relationships', articles: { nodes: related } },
  image: null,
});

const render = (data: PageData) => {
  const props: Extract<PageProps, { status: 'site' }> = {
    status: 'site',
    lang: 'ar-EG',
    dir: 'rtl',
    css: '',
    frame,
    locale: 'ar-EG',
    route: null,
    data,
    strings: { related: 'Related articles', badLinkTitle: 'This link does not work', badLinkBody: 'Part of this address is broken or out of date.' },
    alternates: [],
    isLite: false,
    plugins: null,
    notice: null,
  };
  return renderToStaticMarkup(<SitePage {...props} />);
};

describe('article view', () => {
  it('shows no "Related articles" heading when the section has no other article', () => {
    expect(render({ kind: 'article', article: article([]) })).not.toContain('Related articles');
    const onlyItself = render({ kind: 'article', article: article([{ slug: 'consent-basics', title: 'Consent' }]) });
    expect(onlyItself).not.toContain('Related articles');
    expect(onlyItself).not.toContain('<aside');
  });

  it('lists related articles under the heading when there are some', () => {
    const html = render({ kind: 'article', article: article([{ slug: 'consent-basics', title: 'Consent' }, { slug: 'premarital-check', title: 'Premarital check' }]) });
    expect(html).toContain('<aside><h2>Related articles</h2><ul><li><a href="/articles/premarital-check">Premarital check</a></li></ul></aside>');
  });
});

describe('bad request view', () => {
  it('says in a sentence that the link does not work, with the site around it', () => {
    const html = render({ kind: 'bad-request' });
    expect(html).toContain('<h1>This link does not work</h1>');
    expect(html).toContain('<p>Part of this address is broken or out of date.</p>');
    expect(html).toContain('<form action="/search"');
  });
});
