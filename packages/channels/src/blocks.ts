// The one block walker every channel renderer shares: Strapi Blocks JSON (as the delivery
// API serves it) → a flat list of units with marked-up spans. Unknown nodes are skipped;
// links keep only safe targets; image URLs become absolute.
import { isPlainObject, isSafeUrl } from '@baobab/kit';

export interface Span {
  readonly text: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly strike: boolean;
  readonly code: boolean;
  /** The link target when the span is link text. */
  readonly href: string | null;
}

export type Unit =
  | { readonly kind: 'heading'; readonly spans: readonly Span[] }
  | { readonly kind: 'paragraph'; readonly spans: readonly Span[] }
  | { readonly kind: 'quote'; readonly spans: readonly Span[] }
  /** A list item; `marker` is `-` or `1.`, `depth` 0 for a top-level list. */
  | { readonly kind: 'item'; readonly marker: string; readonly depth: number; readonly spans: readonly Span[] }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'image'; readonly url: string; readonly alt: string };

const childrenOf = (node: Record<string, unknown>): unknown[] => (Array.isArray(node.children) ? node.children : []);
const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function spansOf(nodes: readonly unknown[], href: string | null = null): Span[] {
  const spans: Span[] = [];
  for (const node of nodes) {
    if (!isPlainObject(node)) continue;
    if (node.type === 'link') {
      const url = stringOf(node.url);
      spans.push(...spansOf(childrenOf(node), url !== '' && isSafeUrl(url) ? url : null));
    } else if (node.type === 'text') {
      const text = stringOf(node.text);
      if (text === '') continue;
      spans.push({ text, bold: node.bold === true, italic: node.italic === true, strike: node.strikethrough === true, code: node.code === true, href });
    }
  }
  return spans;
}

function absolute(url: string, mediaBase: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  // `//cdn.example.org/a.png` names another host: it takes only the scheme of mediaBase.
  if (url.startsWith('//')) return `${/^http:/i.test(mediaBase) ? 'http:' : 'https:'}${url}`;
  return url.startsWith('/') ? `${mediaBase.replace(/\/$/, '')}${url}` : '';
}

function listUnits(node: Record<string, unknown>, depth: number): Unit[] {
  const ordered = node.format === 'ordered';
  const units: Unit[] = [];
  let number = 0;
  for (const item of childrenOf(node)) {
    if (!isPlainObject(item)) continue;
    if (item.type === 'list') {
      units.push(...listUnits(item, depth + 1));
      continue;
    }
    number += 1;
    const inline = childrenOf(item).filter((child) => !(isPlainObject(child) && child.type === 'list'));
    units.push({ kind: 'item', marker: ordered ? `${number}.` : '-', depth, spans: spansOf(inline) });
    for (const nested of childrenOf(item)) {
      if (isPlainObject(nested) && nested.type === 'list') units.push(...listUnits(nested, depth + 1));
    }
  }
  return units;
}

function unitsOf(node: unknown, mediaBase: string): Unit[] {
  if (!isPlainObject(node)) return [];
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'quote': {
      const spans = spansOf(childrenOf(node));
      return spans.some((span) => span.text.trim() !== '') ? [{ kind: node.type, spans }] : [];
    }
    case 'list':
      return listUnits(node, 0);
    case 'code': {
      const text = childrenOf(node)
        .map((child) => (isPlainObject(child) ? stringOf(child.text) : ''))
        .join('');
      return text.trim() === '' ? [] : [{ kind: 'code', text }];
    }
    case 'image': {
      const image = isPlainObject(node.image) ? node.image : {};
      const url = absolute(stringOf(image.url), mediaBase);
      return url === '' ? [] : [{ kind: 'image', url, alt: stringOf(image.alternativeText) }];
    }
    default:
      return [];
  }
}

/** Blocks → units. `mediaBase` makes `/uploads/…` image URLs absolute (the CMS's public URL). */
export function walkBlocks(blocks: unknown, mediaBase = ''): Unit[] {
  return Array.isArray(blocks) ? blocks.flatMap((block) => unitsOf(block, mediaBase)) : [];
}

/** Plain text as spans, for override text and titles: paragraphs on blank lines. */
export function textUnits(text: string): Array<Extract<Unit, { kind: 'paragraph' }>> {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => ({ kind: 'paragraph' as const, spans: [plainSpan(paragraph)] }));
}

export function plainSpan(text: string): Span {
  return { text, bold: false, italic: false, strike: false, code: false, href: null };
}
