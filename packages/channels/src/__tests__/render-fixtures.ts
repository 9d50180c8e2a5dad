// Builders shared by the renderer tests: labels, spans, articles, menus and deterministic
// prose, so each test states only what it is about.
import type { Span, Unit } from '../blocks';
import type { ArticleContent, Labels, Menu, MenuItem } from '../render/types';

export const labels: Labels = {
  more: 'More',
  back: 'Back',
  home: 'Home',
  choose: 'Choose',
  replyMore: 'Reply MORE for more',
  replyNumber: 'Reply with a number',
  invalidChoice: 'Please choose one of the numbers.',
  smsHelp: 'Reply BACK to go back or MENU for topics.',
};

type Marks = Partial<Omit<Span, 'text'>>;

export function span(text: string, marks: Marks = {}): Span {
  return { text, bold: false, italic: false, strike: false, code: false, href: null, ...marks };
}

export function paragraph(...spans: Array<Span | string>): Extract<Unit, { kind: 'paragraph' }> {
  return { kind: 'paragraph', spans: spans.map((part) => (typeof part === 'string' ? span(part) : part)) };
}

export function article(fields: Partial<ArticleContent> = {}): ArticleContent {
  return { slug: 'hiv-testing-basics', title: 'HIV testing basics', lead: null, units: [], override: null, image: null, ...fields };
}

export function items(count: number, title: (index: number) => string = (index) => `Topic ${index + 1}`): MenuItem[] {
  return Array.from({ length: count }, (_, index) => ({ id: `item-${index + 1}`, title: title(index) }));
}

export function menu(count: number, fields: Partial<Menu> = {}, title?: (index: number) => string): Menu {
  return { title: 'Health topics', text: null, items: items(count, title), canGoBack: false, canGoHome: false, ...fields };
}

const VOCABULARY = [
  'health',
  'clinic',
  'testing',
  'confidential',
  'the',
  'a',
  'youth',
  'counselling',
  'information',
  'of',
  'and',
  'friendly',
  'support',
  'community',
  'prevention',
  'is',
  'free',
  'nurse',
  'results',
  'questions',
];

/** `count` words chosen by a fixed linear congruential sequence: the same prose every run. */
export function prose(count: number, seed = 1): string {
  let state = seed;
  const words: string[] = [];
  for (let index = 0; index < count; index += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    words.push(VOCABULARY[state % VOCABULARY.length] ?? 'word');
  }
  return words.join(' ');
}

export const wordsOf = (text: string): string[] => text.split(/\s+/).filter((word) => word !== '');

/** All words of the units' text, in reading order (what a reader must receive, cut nowhere). */
export function unitWords(units: readonly Unit[]): string[] {
  return units.flatMap((unit) => {
    if (unit.kind === 'image') return [];
    if (unit.kind === 'code') return wordsOf(unit.text);
    return wordsOf(unit.spans.map((part) => part.text).join(''));
  });
}
