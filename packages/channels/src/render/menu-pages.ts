// Paging a menu: by a fixed row count (WhatsApp lists, Telegram keyboards, Messenger quick
// replies) or by what fits on a text screen (USSD, SMS). One rule for both: when every
// item fits there is one page; otherwise each page but the last ends with a "More" choice.
import type { Menu, MenuItem } from './types';

/** Pages of at most `capacity` rows, one of them reserved for "More" when paging. */
export function pagesByCount(items: readonly MenuItem[], capacity: number): MenuItem[][] {
  if (capacity < 2) throw new RangeError('a paged menu needs room for one item and "More"');
  if (items.length <= capacity) return [items.slice()];
  const size = capacity - 1;
  const pages: MenuItem[][] = [];
  for (let start = 0; start < items.length; start += size) pages.push(items.slice(start, start + size));
  return pages;
}

/**
 * Pages whose rendered screen fits: `render(items, hasMore, pageIndex)` draws one page
 * (later pages may carry more navigation), `fits` says whether it may be sent. An item too
 * long for any screen is a content bug reported by the caller's validator, so it gets a
 * page of its own rather than being cut.
 */
export function pagesByFit(
  items: readonly MenuItem[],
  render: (page: readonly MenuItem[], hasMore: boolean, pageIndex: number) => string,
  fits: (text: string) => boolean,
): MenuItem[][] {
  if (fits(render(items, false, 0))) return [items.slice()];
  const pages: MenuItem[][] = [];
  let current: MenuItem[] = [];
  for (const [index, item] of items.entries()) {
    const isLast = index === items.length - 1;
    const candidate = [...current, item];
    if (current.length === 0 || fits(render(candidate, !isLast, pages.length))) current = candidate;
    else {
      pages.push(current);
      current = [item];
    }
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

/** Shortens a label to `max` UTF-16 units at a word boundary, with "…"; never cuts a grapheme. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  let next = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (out.length + segment.length > max - 1) {
      next = segment;
      break;
    }
    out += segment;
  }
  // A last word that ends right at the cut is whole: keep it.
  const atWord = /^\s/.test(next) ? out : out.replace(/\s+\S*$/, '');
  return `${(atWord.length >= max / 2 ? atWord : out).trimEnd()}…`;
}

/** `menu` with `change` applied to its title, text and item titles (smart encoding). */
export function mapMenuText(menu: Menu, change: (text: string) => string): Menu {
  return { ...menu, title: change(menu.title), text: menu.text ? change(menu.text) : null, items: menu.items.map((item) => ({ ...item, title: change(item.title) })) };
}
