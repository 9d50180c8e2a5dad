// Strapi Blocks ↔ Markdown, so an article body fits in one spreadsheet cell and comes back
// unchanged: markdownToBlocks(blocksToMarkdown(b)) deep-equals normalizeBlocks(b).
//
// The dialect is CommonMark where CommonMark has a form, and says so where it does not:
// - Blocks are separated by a blank line: paragraphs, `#`…`######` headings, `> ` quotes,
//   `- ` and `1. ` lists (a nested list is indented under its item, its `indentLevel` is its
//   depth), fenced code blocks (```` ```language ````, the text verbatim) and images.
// - Text modifiers: `**bold**`, `_italic_`, `~~strikethrough~~`, `<u>underline</u>` (the only
//   tag read; any other `<` is text) and `` `code` ``. Each delimiter toggles its modifier, so
//   they may overlap; one without a partner is text. Unlike CommonMark, escapes work inside
//   `` `code` `` too (it is a modifier like the others, and may hold a newline).
//   Links: `[text](url)`, `[text](<url with spaces>)`.
// - A newline inside text is a backslash at the end of the line (CommonMark's hard break);
//   a newline followed by another newline or ending the text is written `&#10;`. A line break
//   without a backslash is a space, as in CommonMark.
// - Special characters in text are escaped with a backslash (`\* \_ \~ \` \[ \] \< \\`, and
//   `# > - + 1.` at the start of a line); numeric character references (`&#32;`) are read, and
//   written only for whitespace at the start or end of a line (which would be trimmed), CR
//   and newlines as above. An empty paragraph, heading, quote or item is written `\` alone.
//   HTML, `<script>` included, is text: it is escaped on the way out and read back as text.
// - An image block is `![alternative text](url "file name")`: Markdown cannot carry the whole
//   Media Library file, so the block comes back as `image: { name, url, alternativeText }`
//   and the importer puts the whole file back with resolveImages (found by name or url).
//
// normalizeBlocks says what "unchanged" means (the editor's Slate values carry noise):
// adjacent text nodes with the same modifiers are merged, empty text nodes dropped (an empty
// container keeps one `{ type: 'text', text: '' }`), modifiers other than `true` dropped,
// a nested list's `indentLevel` is its depth (none at the top), neighbouring nested lists of
// one format are one list, an empty list is dropped, a code block is one plain text node with
// CR/LF as LF and its language kept only when it is one word, an image keeps name, url and
// alternativeText ('' → null). A list cannot start with a nested list (the editor cannot make
// one). Anything else (unknown block or inline types, a link inside a link, a list item
// holding blocks) throws BlocksError, naming where.

export type Modifier = 'bold' | 'italic' | 'underline' | 'strikethrough' | 'code';
export const MODIFIERS = ['bold', 'italic', 'strikethrough', 'underline', 'code'] as const satisfies readonly Modifier[];

export type TextNode = { type: 'text'; text: string } & { [M in Modifier]?: true };
export interface LinkNode {
  type: 'link';
  url: string;
  children: TextNode[];
}
export type InlineNode = TextNode | LinkNode;
export interface ListItemNode {
  type: 'list-item';
  children: InlineNode[];
}
export interface ListNode {
  type: 'list';
  format: 'ordered' | 'unordered';
  /** The depth of a nested list (1 under a top-level item); absent at the top. */
  indentLevel?: number;
  children: Array<ListItemNode | ListNode>;
}
/** What Markdown carries of a Media Library file; the importer resolves it to the file. */
export interface ImageReference {
  name: string;
  url: string;
  alternativeText: string | null;
}
export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;
export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: HeadingLevel; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | ListNode
  | { type: 'code'; language?: string; children: [TextNode] }
  | { type: 'image'; image: ImageReference; children: [TextNode] };

/** Blocks that Markdown cannot carry; `path` names the node (`blocks[3].children[0]`). */
export class BlocksError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'BlocksError';
  }
}

// ── normalization ─────────────────────────────────────────────────────────────────────────

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function childList(node: Json, path: string): unknown[] {
  if (!Array.isArray(node.children)) throw new BlocksError(path, 'children must be a list');
  return node.children;
}

function normalizeText(node: Json, path: string): TextNode {
  if (typeof node.text !== 'string') throw new BlocksError(path, 'a text node needs a string "text"');
  const out: TextNode = { type: 'text', text: node.text };
  for (const modifier of MODIFIERS) if (node[modifier] === true) out[modifier] = true;
  return out;
}

const sameModifiers = (a: TextNode, b: TextNode) => MODIFIERS.every((modifier) => a[modifier] === b[modifier]);

/** Merges neighbours with the same modifiers, drops empty text, keeps one node at least. */
function tidy<T extends InlineNode>(nodes: T[]): T[] {
  const out: T[] = [];
  for (const node of nodes) {
    if (node.type === 'text' && node.text === '') continue;
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text' && sameModifiers(last, node)) {
      out[out.length - 1] = { ...last, text: last.text + node.text };
    } else out.push(node);
  }
  return out.length === 0 ? [{ type: 'text', text: '' } as T] : out;
}

function normalizeInline(nodes: unknown[], path: string, inLink = false): InlineNode[] {
  const out = nodes.map((node, index): InlineNode => {
    const at = `${path}[${index}]`;
    if (!isObject(node)) throw new BlocksError(at, 'not a node');
    if (node.type === 'text') return normalizeText(node, at);
    if (node.type === 'link' && !inLink) {
      if (typeof node.url !== 'string') throw new BlocksError(at, 'a link needs a string "url"');
      return { type: 'link', url: node.url, children: normalizeInline(childList(node, at), `${at}.children`, true) as TextNode[] };
    }
    throw new BlocksError(at, node.type === 'link' ? 'a link inside a link' : `unknown inline node type ${JSON.stringify(node.type)}`);
  });
  return tidy(out);
}

function normalizeList(node: Json, path: string, depth: number): ListNode | null {
  if (node.format !== 'ordered' && node.format !== 'unordered') throw new BlocksError(path, 'a list\'s format must be "ordered" or "unordered"');
  const children: Array<ListItemNode | ListNode> = [];
  childList(node, path).forEach((child, index) => {
    const at = `${path}.children[${index}]`;
    if (isObject(child) && child.type === 'list') {
      const nested = normalizeList(child, at, depth + 1);
      const last = children[children.length - 1];
      // The editor merges neighbouring nested lists of one format; Markdown cannot tell them apart.
      if (nested !== null && last?.type === 'list' && last.format === nested.format) last.children.push(...nested.children);
      else if (nested !== null) children.push(nested);
    } else if (isObject(child) && child.type === 'list-item') {
      children.push({ type: 'list-item', children: normalizeInline(childList(child, at), `${at}.children`) });
    } else throw new BlocksError(at, 'a list holds list items and lists only');
  });
  if (children.length === 0) return null;
  return { type: 'list', format: node.format, ...(depth > 0 ? { indentLevel: depth } : {}), children };
}

/** Checks a Blocks value and returns it in the normal form the round trip keeps (see the header). */
export function normalizeBlocks(value: unknown): Block[] {
  if (!Array.isArray(value)) throw new BlocksError('blocks', 'must be a list of blocks');
  const blocks: Block[] = [];
  value.forEach((node, index) => {
    const path = `blocks[${index}]`;
    if (!isObject(node)) throw new BlocksError(path, 'not a block');
    switch (node.type) {
      case 'paragraph':
      case 'quote':
        blocks.push({ type: node.type, children: normalizeInline(childList(node, path), `${path}.children`) });
        return;
      case 'heading': {
        const level = node.level;
        if (level !== 1 && level !== 2 && level !== 3 && level !== 4 && level !== 5 && level !== 6) throw new BlocksError(path, 'a heading\'s level must be 1 to 6');
        blocks.push({ type: 'heading', level, children: normalizeInline(childList(node, path), `${path}.children`) });
        return;
      }
      case 'list': {
        const list = normalizeList(node, path, 0);
        if (list !== null) blocks.push(list);
        return;
      }
      case 'code': {
        const text = childList(node, path)
          .map((child, at) => normalizeText(isObject(child) ? child : {}, `${path}.children[${at}]`).text)
          .join('')
          .replace(/\r\n?/g, '\n');
        const language = typeof node.language === 'string' && /^[^\s`]+$/.test(node.language) ? { language: node.language } : {};
        blocks.push({ type: 'code', ...language, children: [{ type: 'text', text }] });
        return;
      }
      case 'image': {
        const image = node.image;
        if (!isObject(image) || typeof image.url !== 'string') throw new BlocksError(path, 'an image block needs image.url');
        const alternativeText = typeof image.alternativeText === 'string' && image.alternativeText !== '' ? image.alternativeText : null;
        const name = typeof image.name === 'string' ? image.name : '';
        blocks.push({ type: 'image', image: { name, url: image.url, alternativeText }, children: [{ type: 'text', text: '' }] });
        return;
      }
      default:
        throw new BlocksError(path, `unknown block type ${JSON.stringify(node.type)}`);
    }
  });
  return blocks;
}

// ── Blocks → Markdown ─────────────────────────────────────────────────────────────────────

const ENTITY = /&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});/;
const ENTITY_START = new RegExp(`&(?=${ENTITY.source.slice(1)})`, 'g');
const entity = (char: string) => `&#${char.codePointAt(0) ?? 32};`;

/** Text → Markdown text: every character that could be read as markup gets a backslash. */
function escapeText(text: string): string {
  return text
    .replace(/[\\*_~`[\]<]/g, '\\$&')
    .replace(ENTITY_START, '\\&')
    .replace(/\r/g, '&#13;');
}

const DELIMITER: Record<Modifier, readonly [string, string]> = {
  bold: ['**', '**'],
  italic: ['_', '_'],
  strikethrough: ['~~', '~~'],
  underline: ['<u>', '</u>'],
  code: ['`', '`'],
};

function escapeUrl(url: string): string {
  const text = url.replace(ENTITY_START, '\\&').replace(/[\r\n]/g, entity);
  if (text === '' || /[\s<>]/.test(text)) return `<${text.replace(/[\\<>]/g, '\\$&').replace(/\s/g, (char) => (char === ' ' ? ' ' : entity(char)))}>`;
  return text.replace(/[\\()]/g, '\\$&');
}

/** Inline nodes → one string whose only "\n" are newlines from the text. */
function writeInline(nodes: readonly InlineNode[]): string {
  let out = '';
  let open: Modifier[] = [];
  const closeAll = () => {
    for (const modifier of [...open].reverse()) out += DELIMITER[modifier][1];
    open = [];
  };
  for (const node of nodes) {
    if (node.type === 'link') {
      closeAll();
      if (out.endsWith('!')) out = `${out.slice(0, -1)}\\!`;
      out += `[${writeInline(node.children)}](${escapeUrl(node.url)})`;
      continue;
    }
    const wanted = MODIFIERS.filter((modifier) => node[modifier] === true);
    // Close, innermost first, what this node does not have; then open what it adds.
    for (const modifier of [...open].reverse()) {
      if (!wanted.includes(modifier)) out += DELIMITER[modifier][1];
    }
    open = open.filter((modifier) => wanted.includes(modifier));
    for (const modifier of wanted) {
      if (!open.includes(modifier)) {
        out += DELIMITER[modifier][0];
        open.push(modifier);
      }
    }
    out += escapeText(node.text);
  }
  closeAll();
  return out;
}

/** A line that would be trimmed or read as a block marker keeps its text. */
function guardLine(line: string): string {
  let out = line;
  if (/^\s/.test(out)) out = entity(out) + out.slice(1);
  if (out.length > 0 && /\s$/.test(out)) out = out.slice(0, -1) + entity(out.slice(-1));
  if (/^[#>+-]/.test(out)) out = `\\${out}`;
  return out.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Inline content → its lines: newlines as hard breaks (or `&#10;` before another newline or at the end). */
function contentLines(nodes: readonly InlineNode[]): string[] {
  const raw = writeInline(nodes);
  if (raw === '') return ['\\'];
  const parts = raw.split('\n').map(guardLine);
  const lines: string[] = [];
  let current = parts[0] ?? '';
  for (const part of parts.slice(1)) {
    if (part === '') current += '&#10;';
    else {
      lines.push(`${current}\\`);
      current = part;
    }
  }
  lines.push(current);
  return lines;
}

function withMarker(marker: string, lines: readonly string[], indent: string): string[] {
  const pad = ' '.repeat(marker.length);
  return lines.map((line, index) => (index === 0 ? `${indent}${marker}${line}` : `${indent}${pad}${line}`));
}

function writeList(list: ListNode, indent: string): string[] {
  const out: string[] = [];
  let number = 0;
  let itemIndent = indent;
  for (const child of list.children) {
    if (child.type === 'list') {
      out.push(...writeList(child, itemIndent));
      continue;
    }
    number += 1;
    const marker = list.format === 'ordered' ? `${number}. ` : '- ';
    out.push(...withMarker(marker, contentLines(child.children), indent));
    itemIndent = indent + ' '.repeat(marker.length);
  }
  return out;
}

function fence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function writeBlock(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return contentLines(block.children).join('\n');
    case 'heading':
      return withMarker(`${'#'.repeat(block.level)} `, contentLines(block.children), '')
        .map((line, index) => (index === 0 ? line : line.trimStart()))
        .join('\n');
    case 'quote':
      return contentLines(block.children)
        .map((line) => `> ${line}`)
        .join('\n');
    case 'list':
      return writeList(block, '').join('\n');
    case 'code': {
      const text = block.children[0].text;
      const marks = fence(text);
      return `${marks}${block.language ?? ''}\n${text === '' ? '' : `${text}\n`}${marks}`;
    }
    case 'image': {
      const { name, url, alternativeText } = block.image;
      const alt = escapeText(alternativeText ?? '').replace(/\n/g, '&#10;');
      const title = name.replace(/[\\"]/g, '\\$&').replace(ENTITY_START, '\\&').replace(/[\r\n]/g, entity);
      return `![${alt}](${escapeUrl(url)} "${title}")`;
    }
  }
}

/** Blocks → Markdown (see the header). Throws BlocksError for what Markdown cannot carry. */
export function blocksToMarkdown(blocks: unknown): string {
  return normalizeBlocks(blocks).map(writeBlock).join('\n\n');
}

/**
 * Puts the Media Library file back into each image block markdownToBlocks made: `find` gets the
 * reference (name, url, alternative text) and returns the file object, or null. The alternative
 * text written in the Markdown wins over the file's. Images not found are listed in `missing`
 * and left as references, for the caller to report.
 */
export function resolveImages(blocks: readonly Block[], find: (image: ImageReference) => Record<string, unknown> | null): { blocks: Block[]; missing: ImageReference[] } {
  const missing: ImageReference[] = [];
  const resolved = blocks.map((block): Block => {
    if (block.type !== 'image') return block;
    const file = find(block.image);
    if (file === null) {
      missing.push(block.image);
      return block;
    }
    const image = { ...file, name: typeof file.name === 'string' ? file.name : block.image.name, url: typeof file.url === 'string' ? file.url : block.image.url, alternativeText: block.image.alternativeText };
    return { type: 'image', image, children: [{ type: 'text', text: '' }] };
  });
  return { blocks: resolved, missing };
}

// ── Markdown → Blocks ─────────────────────────────────────────────────────────────────────

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'mark'; modifier: Modifier; role: 'toggle' | 'open' | 'close'; raw: string; paired: boolean }
  | { kind: 'link'; url: string; inner: string };

const PUNCTUATION = /[!-/:-@[-`{-~]/;

const ENTITY_AT = new RegExp(`^${ENTITY.source}`);

function decodeEntity(match: string): string | null {
  const body = match.slice(2, -1);
  const code = body[0] === 'x' || body[0] === 'X' ? parseInt(body.slice(1), 16) : parseInt(body, 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

/** One character of text at `at`: a backslash escape, a numeric reference or the character itself. */
function charAt(text: string, at: number): { char: string; next: number } {
  const char = text[at] ?? '';
  if (char === '\\' && PUNCTUATION.test(text[at + 1] ?? '')) return { char: text[at + 1] ?? '', next: at + 2 };
  if (char === '&') {
    const match = ENTITY_AT.exec(text.slice(at, at + 12));
    const decoded = match ? decodeEntity(match[0]) : null;
    if (match && decoded !== null) return { char: decoded, next: at + match[0].length };
  }
  return { char, next: at + 1 };
}

/** Reads a link destination and optional title from `(`; returns where it ends, or null. */
function readDestination(text: string, start: number): { url: string; title: string | null; end: number } | null {
  let at = start;
  if (text[at] !== '(') return null;
  at += 1;
  while (text[at] === ' ') at += 1;
  let url = '';
  if (text[at] === '<') {
    at += 1;
    while (at < text.length && text[at] !== '>') {
      if (text[at] === '\n' || text[at] === '<') return null;
      const { char, next } = charAt(text, at);
      url += char;
      at = next;
    }
    if (text[at] !== '>') return null;
    at += 1;
  } else {
    while (at < text.length && !/[\s)]/.test(text[at] ?? '')) {
      const { char, next } = charAt(text, at);
      url += char;
      at = next;
    }
  }
  let title: string | null = null;
  const titleStart = /^[ \n]+"/.exec(text.slice(at));
  if (titleStart) {
    let cursor = at + titleStart[0].length;
    let value = '';
    while (cursor < text.length && text[cursor] !== '"') {
      const { char, next } = charAt(text, cursor);
      value += char;
      cursor = next;
    }
    if (text[cursor] !== '"') return null;
    title = value;
    at = cursor + 1;
  }
  while (text[at] === ' ') at += 1;
  if (text[at] !== ')') return null;
  return { url, title, end: at + 1 };
}

/** Finds the `]` closing a link text opened at `start` (escapes skipped, no nesting). */
function closingBracket(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at += 1) {
    if (text[at] === '\\') at += 1;
    else if (text[at] === ']') return at;
  }
  return -1;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer !== '') tokens.push({ kind: 'text', text: buffer });
    buffer = '';
  };
  const mark = (modifier: Modifier, role: 'toggle' | 'open' | 'close', raw: string) => {
    flush();
    tokens.push({ kind: 'mark', modifier, role, raw, paired: false });
  };
  // Every `[` between one and its `]` finds the same `]` (escapes pair the same way from any
  // unescaped start), and each `]` starts one destination: remembering both keeps a cell of
  // a hundred thousand brackets linear.
  let bracket: { from: number; close: number } | null = null;
  const destinations = new Map<number, ReturnType<typeof readDestination>>();
  const linkAt = (start: number) => {
    const known = bracket !== null && start > bracket.from && (bracket.close < 0 || start < bracket.close);
    if (!known || bracket === null) bracket = { from: start, close: closingBracket(text, start) };
    const close = bracket.close;
    if (close < 0) return null;
    if (!destinations.has(close)) destinations.set(close, readDestination(text, close + 1));
    const destination = destinations.get(close) ?? null;
    return destination === null ? null : { close, destination };
  };
  let at = 0;
  while (at < text.length) {
    const char = text[at] ?? '';
    const rest = text.slice(at, at + 4);
    if (char === '\\' && text[at + 1] === '\n') {
      buffer += '\n';
      at += 2;
    } else if (char === '\\' || char === '&') {
      const escaped = charAt(text, at);
      buffer += escaped.char;
      at = escaped.next;
    } else if (char === '\n') {
      buffer += ' ';
      at += 1;
    } else if (rest.startsWith('**')) {
      mark('bold', 'toggle', '**');
      at += 2;
    } else if (rest.startsWith('~~')) {
      mark('strikethrough', 'toggle', '~~');
      at += 2;
    } else if (char === '_') {
      mark('italic', 'toggle', '_');
      at += 1;
    } else if (char === '`') {
      mark('code', 'toggle', '`');
      at += 1;
    } else if (rest.startsWith('<u>')) {
      mark('underline', 'open', '<u>');
      at += 3;
    } else if (rest === '</u>') {
      mark('underline', 'close', '</u>');
      at += 4;
    } else if (char === '[') {
      const link = linkAt(at);
      if (link === null) {
        buffer += char;
        at += 1;
      } else {
        flush();
        tokens.push({ kind: 'link', url: link.destination.url, inner: text.slice(at + 1, link.close) });
        at = link.destination.end;
      }
    } else {
      buffer += char;
      at += 1;
    }
  }
  flush();
  return tokens;
}

/** Pairs delimiters: toggles two by two, `<u>` with the next `</u>`; the rest are text. */
function pair(tokens: Token[]): void {
  const pending = new Map<Modifier, Extract<Token, { kind: 'mark' }>>();
  const openUnderlines: Array<Extract<Token, { kind: 'mark' }>> = [];
  for (const token of tokens) {
    if (token.kind !== 'mark') continue;
    if (token.role === 'open') openUnderlines.push(token);
    else if (token.role === 'close') {
      const opener = openUnderlines.pop();
      if (opener) opener.paired = token.paired = true;
    } else {
      const first = pending.get(token.modifier);
      if (first) {
        first.paired = token.paired = true;
        pending.delete(token.modifier);
      } else pending.set(token.modifier, token);
    }
  }
}

function parseInline(text: string, inherited: ReadonlySet<Modifier> = new Set()): InlineNode[] {
  const tokens = tokenize(text);
  pair(tokens);
  const active = new Map<Modifier, number>([...inherited].map((modifier) => [modifier, 1]));
  const nodes: InlineNode[] = [];
  const textNode = (value: string): TextNode => {
    const node: TextNode = { type: 'text', text: value };
    for (const modifier of MODIFIERS) if ((active.get(modifier) ?? 0) > 0) node[modifier] = true;
    return node;
  };
  for (const token of tokens) {
    if (token.kind === 'text') nodes.push(textNode(token.text));
    else if (token.kind === 'link') {
      const current = new Set(MODIFIERS.filter((modifier) => (active.get(modifier) ?? 0) > 0));
      nodes.push({ type: 'link', url: token.url, children: parseInline(token.inner, current).flatMap((node) => (node.type === 'text' ? [node] : node.children)) });
    } else if (!token.paired) nodes.push(textNode(token.raw));
    else {
      const count = active.get(token.modifier) ?? 0;
      if (token.role === 'toggle') active.set(token.modifier, count > 0 ? 0 : 1);
      else active.set(token.modifier, Math.max(0, count + (token.role === 'open' ? 1 : -1)));
    }
  }
  return tidy(nodes);
}

/** The text of a block's content lines; `\` alone is empty content. */
function inlineContent(lines: readonly string[]): InlineNode[] {
  if (lines.length === 1 && lines[0] === '\\') return [{ type: 'text', text: '' }];
  return parseInline(lines.join('\n'));
}

const HEADING = /^(#{1,6})\s+(.*)$/s;
const BULLET = /^[-*]\s+(.*)$/s;
const NUMBERED = /^\d+[.)]\s+(.*)$/s;
const FENCE = /^(`{3,})([^`]*)$/;
const IMAGE = /^!\[/;

/** An odd run of backslashes ends the line (counted from the end: a regex would be quadratic). */
function endsWithHardBreak(line: string): boolean {
  let count = 0;
  while (count < line.length && line[line.length - 1 - count] === '\\') count += 1;
  return count % 2 === 1;
}
const indentOf = (line: string) => (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;

function parseImage(line: string): Block | null {
  if (!IMAGE.test(line)) return null;
  const close = closingBracket(line, 1);
  if (close < 0) return null;
  const destination = readDestination(line, close + 1);
  if (destination === null || destination.end !== line.length) return null;
  const alt = parseInline(line.slice(2, close))
    .map((node) => (node.type === 'text' ? node.text : ''))
    .join('');
  const name = destination.title ?? decodeURIComponent(destination.url.split(/[?#]/)[0]?.split('/').pop() ?? '');
  return { type: 'image', image: { name, url: destination.url, alternativeText: alt === '' ? null : alt }, children: [{ type: 'text', text: '' }] };
}

interface ListLine {
  readonly indent: number;
  readonly format: 'ordered' | 'unordered';
  readonly lines: string[];
}

/** A chunk's lines as list items (marker lines and the hard-break lines after them), or null. */
function listLines(raw: readonly string[]): ListLine[] | null {
  const items: ListLine[] = [];
  for (const line of raw) {
    const trimmed = line.trim();
    const bullet = BULLET.exec(trimmed);
    const numbered = bullet ? null : NUMBERED.exec(trimmed);
    const last = items[items.length - 1];
    if (bullet || numbered) {
      items.push({ indent: indentOf(line), format: bullet ? 'unordered' : 'ordered', lines: [(bullet ?? numbered)?.[1] ?? ''] });
    } else if (last && endsWithHardBreak(last.lines[last.lines.length - 1] ?? '')) last.lines.push(trimmed);
    else return null;
  }
  return items;
}

function buildLists(items: readonly ListLine[]): ListNode[] {
  const top: ListNode[] = [];
  const stack: Array<{ indent: number; list: ListNode }> = [];
  for (const item of items) {
    while (stack.length > 1 && item.indent < (stack[stack.length - 1]?.indent ?? 0)) stack.pop();
    const current = stack[stack.length - 1];
    const node: ListItemNode = { type: 'list-item', children: inlineContent(item.lines) };
    if (current === undefined || item.indent > current.indent) {
      const depth = stack.length;
      const list: ListNode = { type: 'list', format: item.format, ...(depth > 0 ? { indentLevel: depth } : {}), children: [node] };
      if (current === undefined) top.push(list);
      else current.list.children.push(list);
      stack.push({ indent: item.indent, list });
    } else if (current.list.format === item.format) current.list.children.push(node);
    else {
      // Another marker at the same depth starts another list, as in CommonMark.
      const depth = stack.length - 1;
      const list: ListNode = { type: 'list', format: item.format, ...(depth > 0 ? { indentLevel: depth } : {}), children: [node] };
      const parent = stack[depth - 1];
      if (parent === undefined) top.push(list);
      else parent.list.children.push(list);
      stack[depth] = { indent: current.indent, list };
    }
  }
  return top;
}

function parseChunk(raw: readonly string[]): Block[] {
  const lines = raw.map((line) => line.trim());
  const first = lines[0] ?? '';
  const continued = lines.slice(0, -1).every(endsWithHardBreak);
  if (lines.length === 1) {
    const image = parseImage(first);
    if (image) return [image];
  }
  const heading = HEADING.exec(first);
  if (heading && continued) {
    const level = (heading[1]?.length ?? 2) as HeadingLevel;
    return [{ type: 'heading', level, children: inlineContent([heading[2] ?? '', ...lines.slice(1)]) }];
  }
  const items = BULLET.test(first) || NUMBERED.test(first) ? listLines(raw) : null;
  if (items) return buildLists(items);
  if (lines.every((line) => line.startsWith('>'))) {
    return [{ type: 'quote', children: inlineContent(lines.map((line) => line.replace(/^>\s?/, ''))) }];
  }
  return [{ type: 'paragraph', children: inlineContent(lines) }];
}

/** Markdown → Blocks (see the header). Never throws: what is not markup is text. */
export function markdownToBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let at = 0;
  while (at < lines.length) {
    const line = lines[at] ?? '';
    if (line.trim() === '') {
      at += 1;
      continue;
    }
    const opening = FENCE.exec(line.trim());
    if (opening) {
      const marks = opening[1] ?? '```';
      const body: string[] = [];
      at += 1;
      while (at < lines.length && !new RegExp(`^\`{${marks.length},}$`).test((lines[at] ?? '').trim())) {
        body.push(lines[at] ?? '');
        at += 1;
      }
      at += 1;
      const language = (opening[2] ?? '').trim();
      blocks.push({ type: 'code', ...(language === '' ? {} : { language }), children: [{ type: 'text', text: body.join('\n') }] });
      continue;
    }
    const chunk: string[] = [];
    while (at < lines.length && (lines[at] ?? '').trim() !== '') {
      chunk.push(lines[at] ?? '');
      at += 1;
    }
    blocks.push(...parseChunk(chunk));
  }
  return blocks;
}
