// Menus and articles → USSD screens: numbered choices, `98` more, `0` back, `00` home, and
// article text paged between words. A screen holds `budget` GSM-7 septets (default 160,
// never above 182), and at most 80 characters once a non-GSM character is on it.
import { limits } from '../channels';
import { isGsm7, smartEncode, ussdLength } from '../gsm';
import { mapMenuText, pagesByFit } from './menu-pages';
import { packStrings, packUnits, plainStyle, textOnly, unitPieces } from './text';
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
 * the navigation never does; else a shortened notice above the whole text; else no notice.
 * A notice never turns a GSM-7 screen into UCS-2 (80 characters) at the cost of its text:
 * the labels' GSM-7 forms (strings.ts) avoid that, and a notice with none (smart encoding
 * off, another script) is only shown where the whole screen still fits under it.
 */
export function ussdArticleWithNotice(screens: readonly string[], page: number, labels: Labels, options: UssdOptions, notice: string): string {
  const index = Math.min(Math.max(page, 0), screens.length - 1);
  const screen = screens[index] ?? '';
  const footer = navLines(labels, { hasMore: index < screens.length - 1, canGoBack: true, canGoHome: true }).join('\n');
  const hasFooter = screen.endsWith(`\n${footer}`);
  const body = hasFooter ? screen.slice(0, screen.length - footer.length - 1) : screen;
  const isGsm7Screen = isGsm7(screen);
  const may = (candidate: string, isWholeText: boolean) => ussdFits(candidate, options.budget) && (isWholeText || !isGsm7Screen || isGsm7(candidate));
  const cuts = hasFooter
    ? [...body.matchAll(/\s+/g)]
        .map((match) => match.index)
        .filter((end) => ussdLength(body.slice(0, end)) * 2 >= ussdLength(body))
        .reverse()
    : [];
  for (const form of noticeForms(notice, options)) {
    if (may(`${form}\n${screen}`, true)) return `${form}\n${screen}`;
    for (const end of cuts) {
      const candidate = `${form}\n${encode(`${body.slice(0, end).replace(/[\s.,;:!?]+$/, '')}…`, options)}\n${footer}`;
      if (may(candidate, false)) return candidate;
    }
  }
  return screen;
}

/**
 * Every screen of an article, navigation included. Text is packed as if "98 More" were
 * always shown, so the last screen may have a little room to spare but never too little.
 * "98 More" never leads to a last screen of a few words ("best."): a last paragraph split
 * across screens is split evenly, and failing that every screen is packed a little less
 * full, as long as neither needs an extra screen.
 */
export function ussdArticleScreens(article: ArticleContent, labels: Labels, options: UssdOptions): string[] {
  const nav = { hasMore: true, canGoBack: true, canGoHome: true };
  const footer = navLines(labels, nav).join('\n');
  const units = textOnly(articleUnits(article, { withImage: false }), (text) => encode(text, options));
  const fitsWith = (reserve: number) => (text: string) => {
    const screen = `${text}\n${footer}`;
    return ussdLength(screen) + reserve <= ussdScreenLimit(screen, options.budget);
  };
  /** The largest reserve in [0, budget/2] for which `count(reserve)` stays what it is at 0. */
  const largestReserve = (count: (reserve: number) => number) => {
    const wanted = count(0);
    let [low, high] = [0, Math.floor(options.budget / 2)];
    while (low < high) {
      const reserve = Math.ceil((low + high) / 2);
      if (count(reserve) === wanted) low = reserve;
      else high = reserve - 1;
    }
    return low;
  };
  const isWidow = (all: readonly string[]) => all.length > 1 && ussdLength(all[all.length - 1] ?? '') * 4 < options.budget;

  const leading = units.slice(0, -1).flatMap((unit) => unitPieces(unit, style, fitsWith(0)));
  const last = units[units.length - 1];
  const lastPieces = (reserve: number) => (last ? unitPieces(last, style, fitsWith(reserve)) : []);
  let pages = packStrings([...leading, ...lastPieces(0)], '\n', fitsWith(0));
  if (isWidow(pages) && lastPieces(0).length > 1) {
    const even = lastPieces(largestReserve((reserve) => lastPieces(reserve).length));
    pages = packStrings([...leading, ...even], '\n', fitsWith(0));
  }
  if (isWidow(pages)) {
    const reserve = largestReserve((r) => packUnits(units, style, '\n', fitsWith(r)).length);
    if (reserve > 0) pages = packUnits(units, style, '\n', fitsWith(reserve));
  }
  return pages.map((text, index) => [text, ...navLines(labels, { ...nav, hasMore: index < pages.length - 1 })].join('\n'));
}
