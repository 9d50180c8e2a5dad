// Text flowed into screens, for USSD: each screen is filled before the next begins. A
// paragraph that does not fit whole starts in the room left (when a fair piece of it fits
// there) and goes on at the top of the next screen; a heading never ends a screen that has
// more after it. Screens may differ in room (the first and last carry entries), so the
// caller's `fits(page, text)` says what one page may hold.
import type { Span, Unit } from '../blocks';
import { formatSpans, isSpace, tokens, type TextStyle } from './text';

type TextUnit = Exclude<Unit, { kind: 'image' }>;

/** A unit's words (and the spaces between them) as tokens, with no blank token at either end. */
interface Block {
  readonly unit: TextUnit;
  readonly tokens: readonly (readonly Span[])[];
}

/** Tokens `from`–`to` of a block: one line of a screen. */
export interface Segment {
  readonly block: number;
  readonly from: number;
  readonly to: number;
}

/** Where a page begins: a block, and the token in it (0 unless the page continues a split block). */
export interface Cursor {
  readonly block: number;
  readonly from: number;
}

export interface FlowOptions {
  readonly style: TextStyle;
  /** Whether a line may be shown alone on some page: longer words are cut between graphemes first. */
  readonly fitsAlone: (text: string) => boolean;
  /** The size a reader sees (septets on USSD). */
  readonly measure: (text: string) => number;
  /** The least of a split paragraph worth starting at the foot of a page. */
  readonly minHead: number;
}

export interface Flow {
  /** Pages of segments from `start` (page numbers from `firstPage`), each within `fits(page, text)`. */
  pages(fits: (page: number, text: string) => boolean, start?: Cursor, firstPage?: number): Segment[][];
  /** A page's text: its segments, one line each. */
  text(page: readonly Segment[]): string;
}

const plain = (text: string): Span => ({ text, bold: false, italic: false, strike: false, code: false, href: null });

function trimmed(list: readonly (readonly Span[])[]): (readonly Span[])[] {
  const isBlank = (token: readonly Span[]) => token.every(isSpace);
  let [start, end] = [0, list.length];
  while (start < end && isBlank(list[start] ?? [])) start += 1;
  while (end > start && isBlank(list[end - 1] ?? [])) end -= 1;
  return list.slice(start, end);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A token too long for any page, cut between graphemes into tokens that each fit (a pasted URL). */
function cutToken(token: readonly Span[], fits: (piece: readonly Span[]) => boolean): Span[][] {
  const pieces: Span[][] = [];
  let current: Span[] = [];
  for (const span of token) {
    for (const { segment } of graphemes.segment(span.text)) {
      const last = current[current.length - 1];
      const candidate = last && sameSpan(last, span) ? [...current.slice(0, -1), { ...last, text: last.text + segment }] : [...current, { ...span, text: segment }];
      if (current.length > 0 && !fits(candidate)) {
        pieces.push(current);
        current = [{ ...span, text: segment }];
      } else current = candidate;
    }
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

const sameSpan = (a: Span, b: Span) => a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code && a.href === b.href;

export function createFlow(units: readonly TextUnit[], options: FlowOptions): Flow {
  const { style } = options;
  const renderTokens = (unit: TextUnit, list: readonly (readonly Span[])[], isContinuation: boolean) => {
    const kept = trimmed(list);
    if (kept.length === 0) return '';
    const spans = kept.flat();
    // Code is plain text here (USSD has no markup): its lines and spaces as written.
    const text = unit.kind === 'code' ? spans.map((span) => span.text).join('') : formatSpans(spans, style);
    return style.block(unit, text, isContinuation);
  };
  const blocks: Block[] = units.map((unit) => {
    const raw = unit.kind === 'code' ? unit.text.split(/(\s+)/).filter((text) => text !== '').map((text) => [plain(text)]) : tokens(unit.spans);
    const words = trimmed(raw).flatMap((token): (readonly Span[])[] => {
      if (token.every(isSpace)) return [token];
      const fitsEither = (piece: readonly Span[]) => options.fitsAlone(renderTokens(unit, [piece], false)) && options.fitsAlone(renderTokens(unit, [piece], true));
      return fitsEither(token) ? [token] : cutToken(token, fitsEither);
    });
    return { unit, tokens: words };
  });
  const render = (segment: Segment): string => {
    const block = blocks[segment.block];
    return block ? renderTokens(block.unit, block.tokens.slice(segment.from, segment.to), segment.from > 0) : '';
  };
  const text = (page: readonly Segment[]) =>
    page
      .map(render)
      .filter((line) => line !== '')
      .join('\n');
  const isWholeHeading = (segment: Segment) => blocks[segment.block]?.unit.kind === 'heading' && segment.from === 0 && segment.to === blocks[segment.block]?.tokens.length;

  function pages(fits: (page: number, text: string) => boolean, start: Cursor = { block: 0, from: 0 }, firstPage = 0): Segment[][] {
    const done: Segment[][] = [];
    let current: Segment[] = [];
    const close = () => {
      // A heading never ends a page that has more after it: it moves down with what it heads.
      let keep = current.length;
      while (keep > 1 && isWholeHeading(current[keep - 1] as Segment)) keep -= 1;
      done.push(current.slice(0, keep));
      current = current.slice(keep);
    };
    for (let index = start.block; index < blocks.length; index += 1) {
      const count = blocks[index]?.tokens.length ?? 0;
      const isHeading = blocks[index]?.unit.kind === 'heading';
      let from = index === start.block ? start.from : 0;
      while (from < count) {
        const page = firstPage + done.length;
        const fitsTo = (to: number) => fits(page, text([...current, { block: index, from, to }]));
        // The most tokens that fit: adding words never makes a page fit that did not.
        let [low, high] = [from, count];
        while (low < high) {
          const middle = Math.ceil((low + high) / 2);
          if (fitsTo(middle)) low = middle;
          else high = middle - 1;
        }
        if (low === count) {
          current.push({ block: index, from, to: low });
          break;
        }
        // The split moves back a word or more rather than leave the next page a few words of this block ("expect.").
        let to = low;
        const measureOf = (a: number, b: number) => options.measure(render({ block: index, from: a, to: b }));
        while (to > from + 1 && measureOf(to, count) < options.minHead) to -= 1;
        const isFair = to > from && !isHeading && measureOf(from, to) >= options.minHead;
        // On an empty page the block must split here, fair or not.
        if (current.length === 0 && !isFair) to = low;
        if (to > from && (current.length === 0 || isFair)) {
          current.push({ block: index, from, to });
          from = to;
          close();
          continue;
        }
        if (current.length === 0) {
          // Not one token fits an empty page (its room is taken by what surrounds the text): show one and go on.
          current.push({ block: index, from, to: from + 1 });
          from += 1;
          close();
          continue;
        }
        // A heading moved down with this block is tried again on the new page; alone, it goes if nothing fits beside it.
        close();
      }
    }
    if (current.length > 0) done.push(current);
    return done;
  }

  return { pages, text };
}
