// The plugin seam without a server: which selection a page query gets for a site, and which
// slots render, with stand-in plugins loaded the way the registry's are.
import { definePlugin, type SlotProps } from '@baobab/plugin-api';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Frame } from '../content';
import { importMobiHalves, slotFor, slotSelection } from '../plugins';
import type { PageProps } from '../site-page';
import { SitePage } from '../views';

let imports = 0;
const seen: SlotProps[] = [];
const quiz = definePlugin({
  name: 'quiz',
  title: 'Quiz',
  description: 'A stand-in',
  mobi: async () => {
    imports += 1;
    return {
      default: {
        queries: { articleEnd: 'quiz(article: $slug) { question }', home: 'quiz { question }' },
        slots: {
          articleEnd: (props: SlotProps) => {
            seen.push(props);
            return createElement('p', { className: 'quiz' }, props.t('pollVote', { count: 2 }));
          },
        },
      },
    };
  },
});
const chatOnly = definePlugin({ name: 'survey', title: 'Survey', description: 'No mobi half', chat: async () => ({ default: { views: {} } }) });

const frame = (plugins: string[]): Frame => ({
  code: 'kijana-ke',
  name: 'Kijana',
  defaultLocale: 'en-KE',
  locales: [{ code: 'en-KE', name: 'English', direction: 'ltr' }],
  theme: { name: 'base', tokens: {} },
  variables: {},
  navigation: [],
  pages: [],
  plugins,
});

const render = (plugins: string[]) => {
  const props: Extract<PageProps, { status: 'site' }> = {
    status: 'site',
    lang: 'en-KE',
    dir: 'ltr',
    css: '',
    frame: frame(plugins),
    locale: 'en-KE',
    route: { kind: 'article', slug: 'a' },
    data: {
      kind: 'article',
      article: { slug: 'a', title: 'A', lead: null, body: [], locale: 'en-KE', requestedLocale: 'en-KE', isFallback: false, availableLocales: ['en-KE'], updatedAt: '2026-01-01T00:00:00.000Z', tags: [], section: null, image: null },
    },
    strings: { pollVote: 'Vote {{count}}' },
    alternates: [],
    isLite: false,
    plugins: { data: { quiz: { question: 'Q' } }, path: '/articles/a', query: { voted: ['q'] }, isOwnRedirect: false, formFields: { _csrf: 'MARK', _back: '/articles/a' } },
    notice: null,
  };
  return renderToStaticMarkup(<SitePage {...props} />);
};

describe('the plugin seam', () => {
  beforeAll(async () => {
    globalThis.__baobabLoadedMobiHalves = await importMobiHalves([quiz, chatOnly]);
  });

  afterAll(() => {
    globalThis.__baobabLoadedMobiHalves = undefined;
  });

  it('loads each mobi half once, and only plugins that have one', () => {
    expect(imports).toBe(1);
    expect(globalThis.__baobabLoadedMobiHalves?.map((loaded) => loaded.name)).toEqual(['quiz']);
  });

  it("adds an enabled plugin's selection for the page's slot, and nothing for a site that does not enable it", () => {
    const halves = globalThis.__baobabLoadedMobiHalves ?? [];
    expect(slotSelection(halves, { plugins: ['quiz'] }, slotFor({ kind: 'article', slug: 'a' }))).toBe('quiz(article: $slug) { question }');
    expect(slotSelection(halves, { plugins: ['quiz'] }, slotFor({ kind: 'home' }))).toBe('quiz { question }');
    expect(slotSelection(halves, { plugins: ['quiz'] }, slotFor({ kind: 'section', slug: 's', after: null }))).toBe('');
    expect(slotSelection(halves, { plugins: [] }, 'articleEnd')).toBe('');
    expect(slotFor({ kind: 'search', query: 'x', after: null })).toBeNull();
  });

  it('renders an enabled plugin in its slot after the article body, with the slot props', () => {
    seen.length = 0;
    const html = render(['quiz']);
    expect(html).toContain('<section class="plugin plugin-quiz"><p class="quiz">Vote 2</p></section><p class="meta">');
    expect(seen[0]).toMatchObject({ site: { code: 'kijana-ke', locales: ['en-KE'], plugins: ['quiz'] }, locale: 'en-KE', path: '/articles/a', query: { voted: ['q'] }, isOwnRedirect: false, formFields: { _csrf: 'MARK' }, data: { quiz: { question: 'Q' } } });
  });

  it('renders nothing of a plugin the site does not enable', () => {
    seen.length = 0;
    expect(render([])).not.toContain('plugin-quiz');
    expect(seen).toHaveLength(0);
  });
});
