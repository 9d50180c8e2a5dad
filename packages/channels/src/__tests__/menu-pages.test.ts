import { mapMenuText, pagesByCount, pagesByFit, shorten } from '../render/menu-pages';
import type { MenuItem } from '../render/types';
import { items, menu } from './render-fixtures';

const ids = (pages: MenuItem[][]) => pages.map((page) => page.map((item) => item.id));
const graphemes = (text: string) => Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), ({ segment }) => segment);

describe('pagesByCount', () => {
  it('refuses a capacity with no room for one item and More', () => {
    expect(() => pagesByCount(items(3), 1)).toThrow(RangeError);
    expect(() => pagesByCount(items(3), 0)).toThrow(RangeError);
  });

  it('keeps everything on one page when the items fill the capacity exactly', () => {
    expect(ids(pagesByCount(items(10), 10))).toEqual([items(10).map((item) => item.id)]);
  });

  it('leaves a row for More on every page once one item too many', () => {
    expect(pagesByCount(items(11), 10).map((page) => page.length)).toEqual([9, 2]);
    expect(pagesByCount(items(25), 10).map((page) => page.length)).toEqual([9, 9, 7]);
    expect(pagesByCount(items(5), 2).map((page) => page.length)).toEqual([1, 1, 1, 1, 1]);
  });

  it('gives one empty page for no items', () => {
    expect(pagesByCount([], 10)).toEqual([[]]);
  });

  it('returns new arrays, leaving the caller`s items alone', () => {
    const source = items(3);
    const [page] = pagesByCount(source, 10);
    expect(page).not.toBe(source);
    page?.pop();
    expect(source).toHaveLength(3);
  });
});

describe('pagesByFit', () => {
  const render = (page: readonly MenuItem[], hasMore: boolean) => page.map((item) => item.title).join(' ') + (hasMore ? '+MORE' : '');
  const fitsIn = (max: number) => (text: string) => text.length <= max;
  const titled = (...titles: string[]): MenuItem[] => titles.map((title, index) => ({ id: `i${index}`, title }));

  it('keeps every item on one page, without More, when they all fit', () => {
    const calls: boolean[] = [];
    const pages = pagesByFit(titled('aaa', 'bbb'), (page, hasMore) => (calls.push(hasMore), render(page, hasMore)), fitsIn(7));
    expect(ids(pages)).toEqual([['i0', 'i1']]);
    expect(calls).toEqual([false]);
  });

  it('fits every page with More except the last, which fits without it', () => {
    const source = titled('aaa', 'bbb', 'ccc');
    const pages = pagesByFit(source, render, fitsIn(10));
    expect(ids(pages)).toEqual([['i0'], ['i1', 'i2']]);
    pages.forEach((page, index) => expect(render(page, index < pages.length - 1).length).toBeLessThanOrEqual(10));
  });

  it('gives an item too long for any screen a page of its own rather than cutting it', () => {
    const pages = pagesByFit(titled('aa', 'x'.repeat(50), 'bb', 'cc'), render, fitsIn(12));
    expect(ids(pages)).toEqual([['i0'], ['i1'], ['i2', 'i3']]);
  });

  it('gives one empty page for no items', () => {
    expect(pagesByFit([], render, fitsIn(10))).toEqual([[]]);
  });
});

describe('shorten', () => {
  it('leaves text that fits alone, up to exactly the maximum', () => {
    expect(shorten('Topic one', 9)).toBe('Topic one');
    expect(shorten('', 5)).toBe('');
  });

  it('cuts at a word boundary and adds "…" within the maximum', () => {
    const out = shorten('What to expect at your first clinic visit', 24);
    expect(out).toBe('What to expect at your…');
    expect(out.length).toBeLessThanOrEqual(24);
  });

  it('keeps a last word that ends exactly where the cut falls', () => {
    expect(shorten('one two three four', 14)).toBe('one two three…');
  });

  it('cuts inside a word when the last space is too early to be worth it', () => {
    expect(shorten('Antiretroviral therapy', 12)).toBe('Antiretrovi…');
  });

  it('never leaves a space before the "…"', () => {
    expect(shorten('abcdefghij      klmnop', 14)).toBe('abcdefghij…');
  });

  it.each([
    ['a family emoji (ZWJ sequence)', '👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧', 10, '👩‍👩‍👧…'],
    ['flags', '🇰🇪🇰🇪🇰🇪', 6, '🇰🇪…'],
    ['an emoji with a skin tone', 'Hi 👋🏽👋🏽👋🏽', 9, 'Hi 👋🏽…'],
    ['combining accents', 'e\u0301'.repeat(10), 7, 'e\u0301'.repeat(3) + '…'],
  ])('never cuts inside a grapheme: %s', (_, text, max, expected) => {
    const out = shorten(text, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
    const kept = graphemes(out.slice(0, -1));
    expect(kept).toEqual(graphemes(text).slice(0, kept.length));
  });

  it('stays within the maximum for every length, always ending with "…" when it cuts', () => {
    const text = 'Sexual & reproductive health 👩🏾‍⚕️ for young people 🇳🇬';
    for (let max = 1; max < text.length; max += 1) {
      const out = shorten(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
    }
  });
});

describe('mapMenuText', () => {
  it('changes the title, text and item titles but not ids, and not the menu passed in', () => {
    const source = menu(2, { text: 'note' });
    const mapped = mapMenuText(source, (text) => text.toUpperCase());
    expect(mapped).toEqual({ ...source, title: 'HEALTH TOPICS', text: 'NOTE', items: [{ id: 'item-1', title: 'TOPIC 1' }, { id: 'item-2', title: 'TOPIC 2' }] });
    expect(source.title).toBe('Health topics');
  });
});
