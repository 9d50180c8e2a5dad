// STUB until the formats branch lands (helper): blocks ↔ Markdown.
export { markdownToBlocks } from '../seed/markdown';
type Node = { type?: string; text?: string; url?: string; bold?: boolean; italic?: boolean; children?: Node[]; level?: number; format?: string };
const inline = (nodes: Node[] = []): string => nodes.map((n) => n.type === 'link' ? `[${inline(n.children)}](${n.url})` : n.bold ? `**${n.text}**` : n.italic ? `_${n.text}_` : n.text ?? '').join('');
export function blocksToMarkdown(blocks: unknown[]): string {
  return (blocks as Node[]).map((b) => b.type === 'heading' ? `${'#'.repeat(b.level ?? 2)} ${inline(b.children)}` : b.type === 'quote' ? `> ${inline(b.children)}` : b.type === 'list' ? (b.children ?? []).map((item, i) => `${b.format === 'ordered' ? `${i + 1}.` : '-'} ${inline(item.children)}`).join('\n') : inline(b.children)).join('\n\n');
}
