// Menus and articles → USSD screens: numbered choices, `98` more, `0` back, `00` home, and
// article text paged between words. A screen holds `budget` GSM-7 septets (default 160,
// never above 182), and at most 80 characters once a non-GSM character is on it.
import { limits } from '../channels';
import { isGsm7, smartEncode, ussdLength } from '../gsm';
import { mapMenuText, pagesByFit } from './menu-pages';
import { packUnits, plainStyle, textOnly } from './text';
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

function computeMenuPages(menu: Menu, labels: Labels, options: UssdOptions): MenuItem[][] {
  // A page must fit under the menu's title and under the re-prompt in its place. Both are
  // tried, not the longer one only: a shorter title with one non-GSM character (an emoji)
  // drops the screen to 80.
  const titled = mapMenuText(menu, (text) => encode(text, options));
  const reprompt = mapMenuText({ ...menu, title: labels.invalidChoice }, (text) => encode(text, options));
  const fits = (screen: string) => ussdFits(screen, options.budget);
  const render = (page: readonly MenuItem[], hasMore: boolean) => {
    const screens = [menuScreen(titled, page, hasMore, labels), menuScreen(reprompt, page, hasMore, labels)];
    return screens.find((screen) => !fits(screen)) ?? screens[0] ?? '';
  };
  return pagesByFit(titled.items, render, fits);
}

/** One page of a menu; `title` replaces the menu's title (a notice) without changing the page's items. */
export function renderUssdMenu(menu: Menu, page: number, labels: Labels, options: UssdOptions, title: string = menu.title): string {
  const pages = ussdMenuPages(menu, labels, options);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  const encoded = mapMenuText({ ...menu, title }, (text) => encode(text, options));
  return menuScreen(encoded, pages[index] ?? [], index < pages.length - 1, labels);
}

/**
 * Every screen of an article, navigation included. Text is packed as if "98 More" were
 * always shown, so the last screen may have a little room to spare but never too little.
 */
export function ussdArticleScreens(article: ArticleContent, labels: Labels, options: UssdOptions): string[] {
  const nav = { hasMore: true, canGoBack: true, canGoHome: true };
  const footer = navLines(labels, nav).join('\n');
  const encoded = textOnly(articleUnits(article, { withImage: false }), (text) => encode(text, options));
  const pages = packUnits(encoded, style, '\n', (text) => ussdFits(`${text}\n${footer}`, options.budget));
  return pages.map((text, index) => [text, ...navLines(labels, { ...nav, hasMore: index < pages.length - 1 })].join('\n'));
}
