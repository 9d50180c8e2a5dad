// An article picker storing the article's slug (a poll's `article`): the editor searches
// articles by title or web address name, in the language being edited and then the source
// language, and picks one; the chosen article shows by title and slug, and a stored slug no
// article has any more shows flagged "not found". Everything comes from the content
// manager's own admin API, so an editor sees only the articles they may read.
import { createElement as h, useEffect, useState } from 'react';
import { useFetchClient, useQueryParams } from '@strapi/strapi/admin';
import { frame, hintStyle, inputStyle, isRecord, type FieldProps } from '../field-values.js';

const ARTICLES = '/content-manager/collection-types/api::article.article';
/** Results shown per search; a longer search narrows them. */
const SHOWN = 10;
/** What a search may hold: a title fragment, not a document. */
const MAX_SEARCH = 100;
const WAIT_MS = 250;

export interface ArticleOption {
  readonly slug: string;
  readonly title: string;
  /** The locale the title is in. */
  readonly locale: string;
}

type FetchGet = ReturnType<typeof useFetchClient>['get'];

const optionOf = (row: unknown): ArticleOption[] =>
  isRecord(row) && typeof row.slug === 'string'
    ? [{ slug: row.slug, title: typeof row.title === 'string' && row.title.trim() !== '' ? row.title : row.slug, locale: typeof row.locale === 'string' ? row.locale : '' }]
    : [];

/** Articles in one locale matching `filters`; null when the request failed (no permission, no server). */
async function articlesIn(get: FetchGet, locale: string, filters: Record<string, unknown>): Promise<ArticleOption[] | null> {
  try {
    const { data } = await get(ARTICLES, { params: { page: 1, pageSize: SHOWN, sort: 'title:ASC', locale, filters } });
    return isRecord(data) && Array.isArray(data.results) ? data.results.flatMap(optionOf) : [];
  } catch {
    return null;
  }
}

/** Each slug once, the first locale's title first: the edited locale, then the source. */
async function inLocales(get: FetchGet, locales: readonly string[], filters: Record<string, unknown>): Promise<ArticleOption[] | null> {
  const answers = await Promise.all([...new Set(locales)].map((locale) => articlesIn(get, locale, filters)));
  if (answers.every((answer) => answer === null)) return null;
  const bySlug = new Map<string, ArticleOption>();
  for (const option of answers.flatMap((answer) => answer ?? [])) if (!bySlug.has(option.slug)) bySlug.set(option.slug, option);
  return [...bySlug.values()].slice(0, SHOWN);
}

/** The i18n default locale (the source every translation starts from); null while loading. */
function useSourceLocale(): string | null {
  const { get } = useFetchClient();
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    get('/i18n/locales')
      .then(({ data }: { data: unknown }) => {
        const found = Array.isArray(data) ? data.find((locale) => isRecord(locale) && locale.isDefault === true) : undefined;
        if (isCurrent) setSource(isRecord(found) && typeof found.code === 'string' ? found.code : 'en');
      })
      .catch(() => isCurrent && setSource('en'));
    return () => {
      isCurrent = false;
    };
  }, [get]);
  return source;
}

/** The locale of the document being edited (the i18n switcher's), else the source. */
function useEditedLocale(source: string | null): string | null {
  const [{ query }] = useQueryParams<{ plugins?: Record<string, unknown> }>();
  const plugins = isRecord(query.plugins) ? query.plugins : {};
  const locale = isRecord(plugins.i18n) && typeof plugins.i18n.locale === 'string' ? plugins.i18n.locale : null;
  return locale ?? source;
}

/** What the stored slug names: loading, an article, none ("not found"), or unknown when it could not be looked up. */
type Chosen = { readonly state: 'loading' } | { readonly state: 'found'; readonly article: ArticleOption } | { readonly state: 'missing' } | { readonly state: 'unknown' };

export default function ArticleInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const { get } = useFetchClient();
  const source = useSourceLocale();
  const locale = useEditedLocale(source);
  const current = typeof value === 'string' ? value : '';
  const [chosen, setChosen] = useState<Chosen>({ state: 'loading' });
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<ArticleOption[] | null>(null);
  const [isSearching, setIsSearching] = useState(false);

  useEffect(() => {
    if (current === '' || locale === null || source === null) return;
    const locales = [locale, source];
    let isCurrent = true;
    setChosen((before) => (before.state === 'found' && before.article.slug === current ? before : { state: 'loading' }));
    void inLocales(get, locales, { slug: { $eq: current } }).then((found) => {
      if (!isCurrent) return;
      const article = found?.[0];
      setChosen(found === null ? { state: 'unknown' } : article === undefined ? { state: 'missing' } : { state: 'found', article });
    });
    return () => {
      isCurrent = false;
    };
  }, [get, current, locale, source]);

  const words = search.trim();
  useEffect(() => {
    if (words === '' || locale === null || source === null) {
      setResults(null);
      return;
    }
    const locales = [locale, source];
    let isCurrent = true;
    setIsSearching(true);
    const timer = setTimeout(() => {
      void inLocales(get, locales, { $or: [{ title: { $containsi: words } }, { slug: { $containsi: words } }] }).then((found) => {
        if (!isCurrent) return;
        setResults(found ?? []);
        setIsSearching(false);
      });
    }, WAIT_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [get, words, locale, source]);

  const pick = (article: ArticleOption) => {
    setChosen({ state: 'found', article });
    setSearch('');
    onChange(name, article.slug);
  };
  const inOtherLocale = (article: ArticleOption) => (article.locale !== '' && article.locale !== locale ? ` — in ${article.locale}` : '');

  const chosenLine =
    current === ''
      ? h('p', { 'data-baobab-article-chosen': '', style: { ...hintStyle, fontSize: 14 } }, 'No article chosen.')
      : h(
          'div',
          { 'data-baobab-article-chosen': current, style: { display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', fontSize: 14 } },
          chosen.state === 'found'
            ? h('span', null, h('strong', { 'data-baobab-article-title': '' }, chosen.article.title), ` (${current})${inOtherLocale(chosen.article)}`)
            : chosen.state === 'missing'
              ? h('span', { 'data-baobab-article-missing': current, style: { color: '#d02b20' } }, `"${current}": not found. No article has this web address name (deleted or renamed?); search and pick another, or clear it.`)
              : h('span', null, chosen.state === 'loading' ? `${current} (looking it up…)` : `${current} (could not be looked up)`),
          h('button', { type: 'button', disabled, onClick: () => onChange(name, null), style: { ...inputStyle, cursor: 'pointer', background: '#fff' } }, 'Clear'),
        );

  return frame(
    name,
    label,
    hint,
    error,
    chosenLine,
    h('input', {
      type: 'search',
      name: `${name}:search`,
      value: search,
      maxLength: MAX_SEARCH,
      disabled: disabled || locale === null,
      placeholder: 'Search articles by title',
      'aria-label': 'Search articles by title',
      onChange: (event: { target: { value: string } }) => setSearch(event.target.value.slice(0, MAX_SEARCH)),
      onKeyDown: (event: { key: string; preventDefault: () => void }) => {
        // Enter picks the first result rather than submitting the form.
        if (event.key !== 'Enter') return;
        event.preventDefault();
        const first = results?.[0];
        if (first !== undefined) pick(first);
      },
      style: { ...inputStyle, maxWidth: 420 },
    }),
    words === '' ? null : results === null ? h('p', { style: hintStyle }, 'Searching…') : null,
    words === '' || results === null
      ? null
      : results.length === 0
        ? h('p', { 'data-baobab-article-none': '', style: hintStyle }, isSearching ? 'Searching…' : `No article's title or web address name contains "${words}".`)
        : h(
            'ul',
            { 'data-baobab-article-results': name, style: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 420 } },
            ...results.map((article) =>
              h(
                'li',
                { key: article.slug },
                h(
                  'button',
                  {
                    type: 'button',
                    disabled,
                    'data-baobab-article-option': article.slug,
                    onClick: () => pick(article),
                    style: { ...inputStyle, width: '100%', textAlign: 'left', cursor: 'pointer', background: article.slug === current ? '#f0f0ff' : '#fff' },
                  },
                  h('span', null, article.title),
                  h('span', { style: { color: '#666687' } }, ` (${article.slug})${inOtherLocale(article)}`),
                ),
              ),
            ),
          ),
  );
}
