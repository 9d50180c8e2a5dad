// Shared by every channel renderer: units → formatted text in a channel's style, packed
// into as few messages as fit. Paragraphs stay whole when they fit; a longer one splits
// between words, each piece formatted on its own so markup never straddles two messages.
import type { Span, Unit } from '../blocks';

export interface TextStyle {
  /** Literal text outside code: escape or neutralise what the channel would read as markup. */
  readonly escape: (text: string) => string;
  readonly bold: (inner: string) => string;
  readonly italic: (inner: string) => string;
  readonly strike: (inner: string) => string;
  readonly code: (text: string) => string;
  /** Link text (already formatted) and its target. */
  readonly link: (text: string, href: string) => string;
  /** A whole unit around its formatted text; `isContinuation` for the second piece of a split one. */
  readonly block: (unit: Exclude<Unit, { kind: 'image' }>, text: string, isContinuation: boolean) => string;
}

type TextUnit = Exclude<Unit, { kind: 'image' | 'code' }>;

const sameMarks = (a: Span, b: Span) => a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code && a.href === b.href;

/** Adjacent spans with the same marks become one, so `*a**b*` never happens. */
function merge(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && sameMarks(last, span)) merged[merged.length - 1] = { ...last, text: last.text + span.text };
    else merged.push(span);
  }
  return merged;
}

/** Markers must hug the text (`*bold*`, not `* bold *`), so spaces move outside them. */
function markSpan(span: Span, style: TextStyle): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(span.text);
  const [lead, core, trail] = [match?.[1] ?? '', match?.[2] ?? span.text, match?.[3] ?? ''];
  if (core === '') return span.text;
  let out = span.code ? style.code(core) : style.escape(core);
  if (span.strike) out = style.strike(out);
  if (span.italic) out = style.italic(out);
  if (span.bold) out = style.bold(out);
  if (span.href !== null) out = style.link(out, span.href);
  return lead + out + trail;
}

export function formatSpans(spans: readonly Span[], style: TextStyle): string {
  return merge(spans)
    .map((span) => markSpan(span, style))
    .join('');
}

export const isSpace = (span: Span) => span.text.trim() === '';

/**
 * Words and runs of spaces, each as its spans with their marks. A word whose letters carry
 * different marks (`*HIV*-positive`) is one token, so a split never falls inside it.
 */
export function tokens(spans: readonly Span[]): Span[][] {
  const found: Span[][] = [];
  for (const span of spans) {
    for (const text of span.text.split(/(\s+)/)) {
      if (text === '') continue;
      const piece = { ...span, text };
      const last = found[found.length - 1];
      const previous = last?.[last.length - 1];
      if (last && previous && !isSpace(previous) && !isSpace(piece)) last.push(piece);
      else found.push([piece]);
    }
  }
  return found;
}

const trimEnd = (spans: readonly Span[]) => {
  let end = spans.length;
  while (end > 0 && isSpace(spans[end - 1] as Span)) end -= 1;
  return spans.slice(0, end);
};

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `text` into pieces that each fit once passed through `render`: whole words where
 * possible, whole graphemes only for a word longer than a message (a pasted URL, say).
 */
function cutWord(word: string, fits: (piece: string) => boolean): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(word)) {
    if (current !== '' && !fits(current + segment)) {
      pieces.push(current);
      current = segment;
    } else current += segment;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** One unit's text as pieces that each fit: usually one piece. */
export function unitPieces(unit: Exclude<Unit, { kind: 'image' }>, style: TextStyle, fits: (text: string) => boolean): string[] {
  if (unit.kind === 'code') {
    const whole = style.block(unit, unit.text, false);
    if (fits(whole)) return [whole];
    const lines = unit.text.split('\n').flatMap((line) => cutWord(line, (piece) => fits(style.block(unit, piece, false))));
    return packStrings(lines, '\n', (text) => fits(style.block(unit, text, false))).map((text, index) => style.block(unit, text, index > 0));
  }
  const render = (spans: readonly Span[], isContinuation: boolean) => style.block(unit, formatSpans(spans, style), isContinuation);
  const whole = render(unit.spans, false);
  if (fits(whole)) return [whole];
  return splitSpans(unit, fits, render);
}

function splitSpans(unit: TextUnit, fits: (text: string) => boolean, render: (spans: readonly Span[], isContinuation: boolean) => string): string[] {
  const pieces: string[] = [];
  let current: Span[] = [];
  const flush = () => {
    const kept = trimEnd(current);
    if (kept.length > 0) pieces.push(render(kept, pieces.length > 0));
    current = [];
  };
  const fitsAsNext = (spans: readonly Span[]) => fits(render(trimEnd(spans), pieces.length > 0));
  for (const token of tokens(unit.spans)) {
    const isBlank = token.every(isSpace);
    if (current.length === 0 && isBlank) continue;
    if (fitsAsNext([...current, ...token])) {
      current.push(...token);
      continue;
    }
    flush();
    if (isBlank) continue;
    if (fitsAsNext(token)) {
      current = [...token];
      continue;
    }
    // A word longer than a message (a pasted URL): cut between graphemes, the only place left.
    for (const part of token) {
      if (fitsAsNext([...current, part])) {
        current.push(part);
        continue;
      }
      flush();
      // A piece must fit whether or not it comes first (an item's first piece carries its marker).
      const fitsEither = (text: string) => fits(render([{ ...part, text }], true)) && fits(render([{ ...part, text }], false));
      const cut = cutWord(part.text, fitsEither);
      cut.slice(0, -1).forEach((text) => pieces.push(render([{ ...part, text }], pieces.length > 0)));
      current = [{ ...part, text: cut[cut.length - 1] ?? '' }];
    }
  }
  flush();
  return pieces;
}

/** Greedy packing of already-fitting strings into messages joined by `separator`. */
export function packStrings(pieces: readonly string[], separator: string, fits: (text: string) => boolean): string[] {
  const messages: string[] = [];
  let current: string | null = null;
  for (const piece of pieces) {
    const candidate: string = current === null ? piece : current + separator + piece;
    if (current === null || fits(candidate)) current = candidate;
    else {
      messages.push(current);
      current = piece;
    }
  }
  if (current !== null) messages.push(current);
  return messages;
}

/** Text units → as few messages as fit, paragraphs whole where they can be. */
export function packUnits(units: readonly Exclude<Unit, { kind: 'image' }>[], style: TextStyle, separator: string, fits: (text: string) => boolean): string[] {
  return packStrings(
    units.flatMap((unit) => unitPieces(unit, style, fits)),
    separator,
    fits,
  );
}

/** Plain text for channels without markup (SMS, USSD, Messenger). */
export function plainStyle(options: { readonly showLinks: boolean }): TextStyle {
  return {
    escape: (text) => text,
    bold: (inner) => inner,
    italic: (inner) => inner,
    strike: (inner) => inner,
    code: (text) => text,
    link: (text, href) => {
      const target = href.replace(/^(tel|sms|mailto):/i, '');
      if (!options.showLinks && !/^(tel|sms):/i.test(href)) return text;
      return text.includes(target) ? text : `${text} (${target})`;
    },
    block: (unit, text, isContinuation) => {
      if (unit.kind === 'item' && !isContinuation) return `${'  '.repeat(unit.depth)}${unit.marker} ${text}`;
      if (unit.kind === 'quote') return `"${text}"`;
      return text;
    },
  };
}

/** The text units of `units` with `change` applied to every piece of text (smart encoding). */
export function textOnly(units: readonly Unit[], change: (text: string) => string): Array<Exclude<Unit, { kind: 'image' }>> {
  return units.flatMap((unit): Array<Exclude<Unit, { kind: 'image' }>> => {
    if (unit.kind === 'image') return [];
    if (unit.kind === 'code') return [{ ...unit, text: change(unit.text) }];
    return [{ ...unit, spans: unit.spans.map((span) => ({ ...span, text: change(span.text) })) }];
  });
}
