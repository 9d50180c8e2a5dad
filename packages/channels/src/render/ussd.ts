// Menus and articles → USSD screens: numbered choices, `98` more, `0` back, `00` home, and
// article text flowed between words (flow.ts), with plugins' entries on an article's first
// and last screens. A screen holds `budget` GSM-7 septets (default 160,
// never above 182), and at most 80 characters once a non-GSM character is on it.
import { limits } from '../channels';
import { isGsm7, smartEncode, ussdLength } from '../gsm';
import { createFlow, type Cursor, type Segment } from './flow';
import { mapMenuText, pagesByFit, shorten } from './menu-pages';
import { plainStyle, textOnly } from './text';
import { articleUnits, type ArticleContent, type Labels, type Menu, type MenuItem } from './types';

export const USSD_KEYS = { more: '98', back: '0', home: '00' } as const;

export interface UssdOptions {
  /** Septets per screen, 20–182; default 160. */
  readonly budget: number;
  /** Map typographic characters to GSM-7 (’ → ') so a screen keeps its full budget. */
  readonly smartEncoding: boolean;
}

export const defaultUssdOptions: UssdOptions = { budget: limits.ussd.defaultBudget, smartEncoding: true };

/** The most a screen may hold: the budget, or 80 when a non-GSM character is present. */
export function ussdScreenLimit(screen: string, budget: number): number {
  return isGsm7(screen) ? Math.min(budget, limits.ussd.maxGsm7) : Math.min(budget, limits.ussd.maxUcs2);
}

export function ussdFits(screen: string, budget: number): boolean {
  return ussdLength(screen) <= ussdScreenLimit(screen, budget);
}

const style = plainStyle({ showLinks: false });
const encode = (text: string, options: UssdOptions) => (options.smartEncoding ? smartEncode(text) : text);

function navLines(labels: Labels, nav: { readonly hasMore: boolean; readonly canGoBack: boolean; readonly canGoHome: boolean }): string[] {
  return [
    ...(nav.hasMore ? [`${USSD_KEYS.more} ${labels.more}`] : []),
    ...(nav.canGoBack ? [`${USSD_KEYS.back} ${labels.back}`] : []),
    ...(nav.canGoHome ? [`${USSD_KEYS.home} ${labels.home}`] : []),
  ];
}

function menuScreen(menu: Menu, items: readonly MenuItem[], hasMore: boolean, labels: Labels): string {
  const head = menu.text ? [menu.title, menu.text] : [menu.title];
  const choices = items.map((item, index) => `${index + 1}. ${item.title}`);
  return [...head, ...choices, ...navLines(labels, { hasMore, canGoBack: menu.canGoBack, canGoHome: menu.canGoHome })].join('\n');
}

// Paging a menu counts septets of every candidate screen, and each hop pages twice (the
// conversation, then the renderer): memoised, since menus repeat across readers.
const pagesMemo = new Map<string, readonly (readonly MenuItem[])[]>();
const PAGES_MEMO_SIZE = 5000;

/** The menu's pages: each page's items, numbered from 1 on every page. */
export function ussdMenuPages(menu: Menu, labels: Labels, options: UssdOptions): readonly (readonly MenuItem[])[] {
  const key = JSON.stringify([menu, labels, options]);
  const known = pagesMemo.get(key);
  if (known) return known;
  const pages = computeMenuPages(menu, labels, options);
  if (pagesMemo.size >= PAGES_MEMO_SIZE) pagesMemo.clear();
  pagesMemo.set(key, pages);
  return pages;
}

/** Later pages of a menu always offer "0 Back" (to the page before), whatever the first page offers. */
const onPage = (menu: Menu, pageIndex: number): Menu => (pageIndex > 0 && !menu.canGoBack ? { ...menu, canGoBack: true } : menu);

function computeMenuPages(menu: Menu, labels: Labels, options: UssdOptions): MenuItem[][] {
  // Pages are sized for what they show. A re-prompt in place of the title gets the room
  // that is left, shortened or left out (ussdMenuWithNotice), so a re-prompt with one
  // non-GSM letter never shrinks every page to 80 characters.
  const titled = mapMenuText(menu, (text) => encode(text, options));
  const render = (page: readonly MenuItem[], hasMore: boolean, pageIndex: number) => menuScreen(onPage(titled, pageIndex), page, hasMore, labels);
  return pagesByFit(titled.items, render, (screen) => ussdFits(screen, options.budget));
}

/** One page of a menu; `title` replaces the menu's title (a notice) without changing the page's items. */
export function renderUssdMenu(menu: Menu, page: number, labels: Labels, options: UssdOptions, title: string = menu.title): string {
  const pages = ussdMenuPages(menu, labels, options);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  const encoded = mapMenuText({ ...menu, title }, (text) => encode(text, options));
  return menuScreen(onPage(encoded, index), pages[index] ?? [], index < pages.length - 1, labels);
}

/** A notice and its shorter forms, longest first: whole words, then "…". */
function noticeForms(notice: string, options: UssdOptions): string[] {
  const cuts = [...notice.matchAll(/\s+/g)].map((match) => match.index).reverse();
  return [notice, ...cuts.map((end) => `${notice.slice(0, end).replace(/[\s.,;:!?]+$/, '')}…`)].map((text) => encode(text, options));
}

/**
 * A menu page with a notice (a re-prompt) in place of its title: whole when it fits, else
 * shortened at a word, else left out; the page's items and numbers never change.
 */
export function ussdMenuWithNotice(menu: Menu, page: number, labels: Labels, options: UssdOptions, notice: string): string {
  for (const form of noticeForms(notice, options)) {
    const screen = renderUssdMenu(menu, page, labels, options, form);
    if (ussdFits(screen, options.budget)) return screen;
  }
  return renderUssdMenu(menu, page, labels, options);
}

/**
 * An article screen with a notice (a re-prompt) above it. The notice is whole when it fits;
 * else the screen's text gives way, cut at a word with "…" but never below half of it, and
 * the entries and navigation never do; else a shortened notice above the whole text; else
 * no notice. A notice never turns a GSM-7 screen into UCS-2 (80 characters) at the cost of
 * its text: the labels' GSM-7 forms (strings.ts) avoid that, and a notice with none (smart
 * encoding off, another script) is only shown where the whole screen still fits under it.
 * `article` is what ussdArticlePages gave, or bare screens (ussdArticleScreens).
 */
export function ussdArticleWithNotice(article: UssdArticle | readonly string[], page: number, labels: Labels, options: UssdOptions, notice: string): string {
  const screens = isUssdArticle(article) ? article.pages : article;
  const index = Math.min(Math.max(page, 0), screens.length - 1);
  const screen = screens[index] ?? '';
  const { body, footer } = isUssdArticle(article) ? splitScreen(screen, article.texts[index] ?? '') : splitScreen(screen, screenText(screen, index < screens.length - 1, labels));
  const isGsm7Screen = isGsm7(screen);
  const may = (candidate: string, isWholeText: boolean) => ussdFits(candidate, options.budget) && (isWholeText || !isGsm7Screen || isGsm7(candidate));
  const cuts =
    footer === null
      ? []
      : [...body.matchAll(/\s+/g)]
          .map((match) => match.index)
          .filter((end) => ussdLength(body.slice(0, end)) * 2 >= ussdLength(body))
          .reverse();
  for (const form of noticeForms(notice, options)) {
    if (may(`${form}\n${screen}`, true)) return `${form}\n${screen}`;
    for (const end of cuts) {
      const candidate = `${form}\n${encode(`${body.slice(0, end).replace(/[\s.,;:!?]+$/, '')}…`, options)}\n${footer}`;
      if (may(candidate, false)) return candidate;
    }
  }
  return screen;
}

const isUssdArticle = (article: UssdArticle | readonly string[]): article is UssdArticle => !Array.isArray(article);

/** The text of a bare article screen: all above its navigation. */
function screenText(screen: string, hasMore: boolean, labels: Labels): string {
  const footer = navLines(labels, { hasMore, canGoBack: true, canGoHome: true }).join('\n');
  return screen.endsWith(`\n${footer}`) ? screen.slice(0, screen.length - footer.length - 1) : '';
}

/** A screen as the text that may give way to a notice and the lines that may not (entries, navigation); no footer when it has no text. */
function splitScreen(screen: string, text: string): { body: string; footer: string | null } {
  return text !== '' && screen.startsWith(`${text}\n`) ? { body: text, footer: screen.slice(text.length + 1) } : { body: screen, footer: null };
}

/** An article on USSD: its screens, the numbered entries each offers, and each one's article text. */
export interface UssdArticle {
  /** Every screen, as sent. */
  readonly pages: readonly string[];
  /** The numbered choices on each screen: the entries where they are shown, else none. */
  readonly items: readonly (readonly MenuItem[])[];
  /** Each screen's article text, without entries or navigation: what gives way to a notice. Empty on the entries' own screens. */
  readonly texts: readonly string[];
}

/** Entries on an article's screens take at most this share of the room left beside the navigation, so the text keeps the rest. */
export const USSD_ENTRY_SHARE = 0.5;
/** A label shorter than this says too little: the entries go on screens of their own instead. */
const MIN_ENTRY_LABEL = 12;

const entryLines = (items: readonly MenuItem[], options: UssdOptions) => items.map((item, index) => `${index + 1}. ${encode(item.title, options)}`);

/** `entries` with each title cut at a word to at most `max` characters, with "…". */
const shortened = (entries: readonly MenuItem[], max: number): MenuItem[] => entries.map((entry) => ({ ...entry, title: shorten(entry.title, max) }));

/**
 * The entries as an article's screens show them: each title whole, or all cut at a word
 * with "…" to the longest length for which the entries fit `USSD_ENTRY_SHARE` of the room a
 * screen has beside "98 More", "0 Back" and "00 Home". Null when even short labels do not fit.
 */
export function ussdArticleEntries(entries: readonly MenuItem[], labels: Labels, options: UssdOptions): MenuItem[] | null {
  if (entries.length === 0) return null;
  const nav = navLines(labels, { hasMore: true, canGoBack: true, canGoHome: true }).join('\n');
  const fitsShare = (items: readonly MenuItem[]) => {
    const lines = entryLines(items, options).join('\n');
    const room = ussdScreenLimit(`${lines}\n${nav}`, options.budget) - ussdLength(nav) - 1;
    return ussdLength(lines) + 1 <= room * USSD_ENTRY_SHARE;
  };
  const longest = Math.max(...entries.map((entry) => entry.title.length));
  for (let max = longest; max >= MIN_ENTRY_LABEL; max -= 1) {
    const items = max === longest ? [...entries] : shortened(entries, max);
    if (fitsShare(items)) return items;
  }
  return null;
}

/** Entries on menu screens of their own, each title as long as a screen allows. */
function entryMenu(entries: readonly MenuItem[], labels: Labels, options: UssdOptions): Menu {
  const menu = (items: readonly MenuItem[]): Menu => ({ title: labels.choose, items, canGoBack: true, canGoHome: true });
  const fits = (candidate: Menu) => ussdMenuPages(candidate, labels, options).every((_, page) => ussdFits(renderUssdMenu(candidate, page, labels, options), options.budget));
  const longest = Math.max(...entries.map((entry) => entry.title.length));
  for (let max = longest; max > MIN_ENTRY_LABEL; max -= 1) {
    const candidate = menu(max === longest ? entries : shortened(entries, max));
    if (fits(candidate)) return candidate;
  }
  return menu(shortened(entries, MIN_ENTRY_LABEL));
}

/**
 * Every screen of an article, navigation included, with the entries plugins offer after it
 * (a poll). Text flows from screen to screen (flow.ts): the title shares the first screen
 * with the start of the text, a paragraph that does not fit goes on at the top of the next
 * screen, a heading stays with what it heads. "98 More" never leads to a last screen of a
 * few words: the last two screens are then balanced, as full as each other.
 *
 * The entries are numbered from 1 on the first screen, beside "98 More", so a reader reaches
 * them without paging through the article, and again on the last screen, where a reader who
 * read it all arrives; both read the same (ussdArticleEntries). Entries that do not fit
 * there go on menu screens of their own after the article, titled "Choose".
 */
export function ussdArticlePages(article: ArticleContent, entries: readonly MenuItem[], labels: Labels, options: UssdOptions): UssdArticle {
  const units = textOnly(articleUnits(article, { withImage: false }), (text) => encode(text, options));
  const shown = ussdArticleEntries(entries, labels, options);
  const isOnOwnScreens = entries.length > 0 && shown === null;
  const lines = shown ? entryLines(shown, options) : [];
  const chrome = (page: number, isLast: boolean) =>
    [...(page === 0 || isLast ? lines : []), ...navLines(labels, { hasMore: !isLast || isOnOwnScreens, canGoBack: true, canGoHome: true })].join('\n');
  const screenOf = (text: string, page: number, isLast: boolean) => (text === '' ? chrome(page, isLast) : `${text}\n${chrome(page, isLast)}`);
  const fitsAs = (isLast: boolean, reserve = 0) => (page: number, text: string) => {
    const screen = screenOf(text, page, isLast);
    return ussdLength(screen) + reserve <= ussdScreenLimit(screen, options.budget);
  };
  const flow = createFlow(units, { style, fitsAlone: (text) => fitsAs(false)(0, text), measure: ussdLength, minHead: Math.floor(options.budget / 8) });
  const cursor = (page: readonly Segment[] | undefined): Cursor => ({ block: page?.[0]?.block ?? 0, from: page?.[0]?.from ?? 0 });

  let pages = flow.pages(fitsAs(false));
  // The last page has no "98 More" but may carry the entries: when they do not fit under its text, it flows again, every page of it fitting as a last one.
  const lastIndex = pages.length - 1;
  if (lastIndex >= 0 && !fitsAs(true)(lastIndex, flow.text(pages[lastIndex] ?? []))) {
    const both = (page: number, text: string) => fitsAs(false)(page, text) && fitsAs(true)(page, text);
    pages = [...pages.slice(0, lastIndex), ...flow.pages(both, cursor(pages[lastIndex]), lastIndex)];
  }
  const isWidow = (list: readonly Segment[][]) => list.length > 1 && ussdLength(flow.text(list[list.length - 1] ?? [])) * 4 < options.budget;
  if (isWidow(pages)) pages = balanceLastTwo(pages, flow, cursor, fitsAs, options.budget);
  if (pages.length === 0) pages = [[]];

  const last = pages.length - 1;
  const texts = pages.map((page) => flow.text(page));
  const screens = texts.map((text, page) => screenOf(text, page, page === last));
  const items = texts.map((_, page): readonly MenuItem[] => (shown && (page === 0 || page === last) ? shown : []));
  if (!isOnOwnScreens) return { pages: screens, items, texts };
  const menu = entryMenu(entries, labels, options);
  const menuPages = ussdMenuPages(menu, labels, options);
  return {
    pages: [...screens, ...menuPages.map((_, page) => renderUssdMenu(menu, page, labels, options))],
    items: [...items, ...menuPages],
    texts: [...texts, ...menuPages.map(() => '')],
  };
}

/**
 * The last two pages flowed again with the same room taken off both, as much as keeps them
 * two: the text then splits about evenly between them.
 */
function balanceLastTwo(
  pages: Segment[][],
  flow: ReturnType<typeof createFlow>,
  cursor: (page: readonly Segment[] | undefined) => Cursor,
  fitsAs: (isLast: boolean, reserve?: number) => (page: number, text: string) => boolean,
  budget: number,
): Segment[][] {
  const first = pages.length - 2;
  const tail = (reserve: number) => flow.pages((page, text) => fitsAs(page !== first, reserve)(page, text), cursor(pages[first]), first);
  let [low, high] = [0, Math.floor(budget / 2)];
  while (low < high) {
    const reserve = Math.ceil((low + high) / 2);
    if (tail(reserve).length === 2) low = reserve;
    else high = reserve - 1;
  }
  const balanced = tail(low);
  return balanced.length === 2 ? [...pages.slice(0, first), ...balanced] : pages;
}

/** Every screen of an article with nothing after it: ussdArticlePages without entries. */
export function ussdArticleScreens(article: ArticleContent, labels: Labels, options: UssdOptions): string[] {
  return [...ussdArticlePages(article, [], labels, options).pages];
}
