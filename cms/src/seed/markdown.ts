// A small Markdown subset → Strapi Blocks, so demo content reads as text in the source.
// Blank-line paragraphs, "## " headings, "- " / "1. " lists, "> " quotes, **bold**,
// _italic_ and [links](url). Anything else stays literal text.

export type InlineNode =
  | { type: 'text'; text: string; bold?: true; italic?: true }
  | { type: 'link'; url: string; children: InlineNode[] };

export type Block =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'list'; format: 'ordered' | 'unordered'; children: Array<{ type: 'list-item'; children: InlineNode[] }> };

const INLINE = /\*\*(.+?)\*\*|_(.+?)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function inline(text: string): InlineNode[] {
  const nodes: InlineNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push({ type: 'text', text: text.slice(last, index) });
    if (match[1] !== undefined) nodes.push({ type: 'text', text: match[1], bold: true });
    else if (match[2] !== undefined) nodes.push({ type: 'text', text: match[2], italic: true });
    else if (match[3] !== undefined && match[4] !== undefined) {
      nodes.push({ type: 'link', url: match[4], children: [{ type: 'text', text: match[3] }] });
    }
    last = index + match[0].length;
  }
  if (last < text.length || nodes.length === 0) nodes.push({ type: 'text', text: text.slice(last) });
  return nodes;
}

const heading = /^(#{1,6})\s+(.*)$/;
const bullet = /^[-*]\s+(.*)$/;
const numbered = /^\d+[.)]\s+(.*)$/;

export function markdownToBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of markdown.trim().split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((line) => line.trim()).filter(Boolean);
    const first = lines[0];
    if (first === undefined) continue;
    const headingMatch = heading.exec(first);
    if (headingMatch && lines.length === 1) {
      const level = Math.min(6, headingMatch[1]?.length ?? 2);
      blocks.push({ type: 'heading', level: level as 1 | 2 | 3 | 4 | 5 | 6, children: inline(headingMatch[2] ?? '') });
    } else if (lines.every((line) => bullet.test(line)) || lines.every((line) => numbered.test(line))) {
      const ordered = numbered.test(first);
      const pattern = ordered ? numbered : bullet;
      blocks.push({
        type: 'list',
        format: ordered ? 'ordered' : 'unordered',
        children: lines.map((line) => ({ type: 'list-item', children: inline(pattern.exec(line)?.[1] ?? line) })),
      });
    } else if (lines.every((line) => line.startsWith('>'))) {
      blocks.push({ type: 'quote', children: inline(lines.map((line) => line.replace(/^>\s?/, '')).join(' ')) });
    } else {
      blocks.push({ type: 'paragraph', children: inline(lines.join(' ')) });
    }
  }
  return blocks;
}
