import { loadDemoContent } from '../../seed/load';
import { BlocksError, blocksToMarkdown, markdownToBlocks, normalizeBlocks, resolveImages, type Block, type InlineNode, type ListNode, type TextNode } from '../markdown';

// The seed's parser before it moved here (cms/src/seed/markdown.ts at c50d002), kept only to
// prove the demo content reads the same.
const OLD_INLINE = /\*\*(.+?)\*\*|_(.+?)_|\[([^\]]+)\]\(([^)\s]+)\)/g;
function oldInline(text: string): unknown[] {
  const nodes: unknown[] = [];
  let last = 0;
  for (const match of text.matchAll(OLD_INLINE)) {
    const index = match.index ?? 0;
    if (index > last) nodes.push({ type: 'text', text: text.slice(last, index) });
    if (match[1] !== undefined) nodes.push({ type: 'text', text: match[1], bold: true });
    else if (match[2] !== undefined) nodes.push({ type: 'text', text: match[2], italic: true });
    else if (match[3] !== undefined && match[4] !== undefined) nodes.push({ type: 'link', url: match[4], children: [{ type: 'text', text: match[3] }] });
    last = index + match[0].length;
  }
  if (last < text.length || nodes.length === 0) nodes.push({ type: 'text', text: text.slice(last) });
  return nodes;
}
function oldMarkdownToBlocks(markdown: string): unknown[] {
  const blocks: unknown[] = [];
  for (const chunk of markdown.trim().split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((line) => line.trim()).filter(Boolean);
    const first = lines[0];
    if (first === undefined) continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(first);
    if (heading && lines.length === 1) blocks.push({ type: 'heading', level: Math.min(6, heading[1]?.length ?? 2), children: oldInline(heading[2] ?? '') });
    else if (lines.every((line) => /^[-*]\s+(.*)$/.test(line)) || lines.every((line) => /^\d+[.)]\s+(.*)$/.test(line))) {
      const pattern = /^\d+[.)]\s+(.*)$/.test(first) ? /^\d+[.)]\s+(.*)$/ : /^[-*]\s+(.*)$/;
      blocks.push({
        type: 'list',
        format: pattern.source.startsWith('^\\d') ? 'ordered' : 'unordered',
        children: lines.map((line) => ({ type: 'list-item', children: oldInline(pattern.exec(line)?.[1] ?? line) })),
      });
    } else if (lines.every((line) => line.startsWith('>'))) blocks.push({ type: 'quote', children: oldInline(lines.map((line) => line.replace(/^>\s?/, '')).join(' ')) });
    else blocks.push({ type: 'paragraph', children: oldInline(lines.join(' ')) });
  }
  return blocks;
}

const text = (value: string, modifiers: Partial<Omit<TextNode, 'type' | 'text'>> = {}): TextNode => ({ type: 'text', text: value, ...modifiers });
const paragraph = (...children: InlineNode[]): Block => ({ type: 'paragraph', children });
const link = (url: string, ...children: TextNode[]): InlineNode => ({ type: 'link', url, children });

const roundTrip = (blocks: unknown) => markdownToBlocks(blocksToMarkdown(blocks));

describe('the demo content', () => {
  const demo = loadDemoContent();
  const bodies = [
    ...demo.articles.flatMap((article) => Object.entries(article.translations).map(([locale, t]) => [`articles/${article.slug}/${locale}.md`, t.body] as const)),
    ...demo.pages.flatMap((page) => Object.entries(page.translations).map(([locale, t]) => [`pages/${page.slug}/${locale}.md`, t.body] as const)),
  ];

  it('has bodies to compare', () => {
    expect(bodies.length).toBeGreaterThan(60);
  });

  it.each(bodies)('%s reads as the same blocks as before the parser moved', (_file, body) => {
    expect(markdownToBlocks(body)).toEqual(oldMarkdownToBlocks(body));
  });

  it.each(bodies)('%s survives blocks → Markdown → blocks', (_file, body) => {
    const blocks = markdownToBlocks(body);
    expect(roundTrip(blocks)).toEqual(blocks);
  });
});

describe('markdownToBlocks', () => {
  it.each<[string, string, Block[]]>([
    ['a paragraph, soft-wrapped', 'one\ntwo', [paragraph(text('one two'))]],
    ['headings 1 to 6', '# a\n\n###### f', [{ type: 'heading', level: 1, children: [text('a')] }, { type: 'heading', level: 6, children: [text('f')] }]],
    ['seven hashes are text', '####### x', [paragraph(text('####### x'))]],
    ['modifiers', '**b** _i_ ~~s~~ <u>u</u> `c`', [paragraph(text('b', { bold: true }), text(' '), text('i', { italic: true }), text(' '), text('s', { strikethrough: true }), text(' '), text('u', { underline: true }), text(' '), text('c', { code: true }))]],
    ['overlapping modifiers', '**a _b** c_', [paragraph(text('a ', { bold: true }), text('b', { bold: true, italic: true }), text(' c', { italic: true }))]],
    ['a delimiter without a partner is text', 'a * b _ c ~ d', [paragraph(text('a * b _ c ~ d'))]],
    ['a link with modifiers inside', '[**go** now](https://x.org/a_b)', [paragraph(link('https://x.org/a_b', text('go', { bold: true }), text(' now')))]],
    ['a link with spaces in <>', '[a](<https://x.org/a b>)', [paragraph(link('https://x.org/a b', text('a')))]],
    ['brackets that are not a link', '[note] (see)', [paragraph(text('[note] (see)'))]],
    ['a hard break', 'one\\\ntwo', [paragraph(text('one\ntwo'))]],
    ['a newline reference', 'one&#10;', [paragraph(text('one\n'))]],
    ['escapes', '\\*not bold\\* \\_ \\\\ \\# \\<u>', [paragraph(text('*not bold* _ \\ # <u>'))]],
    ['a backslash before a letter is a backslash', 'C:\\path', [paragraph(text('C:\\path'))]],
    ['HTML is text', '<script>alert(1)</script> <b>x</b>', [paragraph(text('<script>alert(1)</script> <b>x</b>'))]],
    ['an empty paragraph', '\\', [paragraph(text(''))]],
    ['a quote on two lines', '> one\n> two', [{ type: 'quote', children: [text('one two')] }]],
    ['an ordered list', '1. a\n2. b', [{ type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('a')] }, { type: 'list-item', children: [text('b')] }] }]],
    [
      'a nested list',
      '- a\n  1. b\n     - c\n- d',
      [
        {
          type: 'list',
          format: 'unordered',
          children: [
            { type: 'list-item', children: [text('a')] },
            { type: 'list', format: 'ordered', indentLevel: 1, children: [{ type: 'list-item', children: [text('b')] }, { type: 'list', format: 'unordered', indentLevel: 2, children: [{ type: 'list-item', children: [text('c')] }] }] },
            { type: 'list-item', children: [text('d')] },
          ],
        },
      ],
    ],
    ['a code block keeps its text verbatim', '```js\nconst a = **1**;\n\n  b\n```', [{ type: 'code', language: 'js', children: [text('const a = **1**;\n\n  b')] }]],
    ['an image', '![A clinic](/uploads/clinic_1a2b.jpg "clinic.jpg")', [{ type: 'image', image: { name: 'clinic.jpg', url: '/uploads/clinic_1a2b.jpg', alternativeText: 'A clinic' }, children: [text('')] }]],
    ['an image without a name takes the url\'s', '![](https://cdn.example.org/a/b%20c.png)', [{ type: 'image', image: { name: 'b c.png', url: 'https://cdn.example.org/a/b%20c.png', alternativeText: null }, children: [text('')] }]],
    ['CRLF line ends', '## a\r\n\r\nb', [{ type: 'heading', level: 2, children: [text('a')] }, paragraph(text('b'))]],
  ])('reads %s', (_name, markdown, blocks) => {
    expect(markdownToBlocks(markdown)).toEqual(blocks);
  });
});

describe('blocksToMarkdown', () => {
  it.each<[string, Block[], string]>([
    ['modifiers (each delimiter toggles, so they may overlap)', [paragraph(text('a', { bold: true, italic: true }), text(' b', { italic: true }))], '**_a** b_'],
    ['special characters with backslashes', [paragraph(text('*a* _b_ [c] ~d~ `e` <f> \\g &#32;'))], '\\*a\\* \\_b\\_ \\[c\\] \\~d\\~ \\`e\\` \\<f> \\\\g \\&#32;'],
    ['markers at the start of a line', [paragraph(text('# a\n> b\n- c\n+ d\n12. e\n3) f'))], '\\# a\\\n\\> b\\\n\\- c\\\n\\+ d\\\n12\\. e\\\n3\\) f'],
    ['edge whitespace as references', [paragraph(text(' a \n\n'))], '&#32;a&#32;&#10;&#10;'],
    ['a list item on two lines', [{ type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('a\nb')] }] }], '1. a\\\n   b'],
    ['a link whose url needs <>', [paragraph(link('https://x.org/a b(c)', text('x')))], '[x](<https://x.org/a b(c)>)'],
    ['an exclamation mark before a link', [paragraph(text('Look!'), link('https://x.org', text('x')))], 'Look\\![x](https://x.org)'],
    ['a code block with a fence inside', [{ type: 'code', language: 'md', children: [text('```\nx\n```')] }], '````md\n```\nx\n```\n````'],
  ])('writes %s', (_name, blocks, markdown) => {
    expect(blocksToMarkdown(blocks)).toBe(markdown);
    expect(markdownToBlocks(markdown)).toEqual(blocks);
  });

  it.each<[string, unknown, string]>([
    ['an unknown block', [{ type: 'table', children: [] }], 'blocks[0]: unknown block type "table"'],
    ['a link in a link', [paragraph(link('a', link('b', text('x')) as unknown as TextNode))], 'blocks[0].children[0].children[0]: a link inside a link'],
    ['a heading level 7', [{ type: 'heading', level: 7, children: [text('x')] }], 'blocks[0]: a heading\'s level must be 1 to 6'],
    ['a list item holding a paragraph', [{ type: 'list', format: 'unordered', children: [paragraph(text('x'))] }], 'blocks[0].children[0]: a list holds list items and lists only'],
    ['text that is not a string', [{ type: 'paragraph', children: [{ type: 'text', text: 3 }] }], 'blocks[0].children[0]: a text node needs a string "text"'],
  ])('refuses %s, naming where', (_name, blocks, message) => {
    expect(() => blocksToMarkdown(blocks)).toThrow(BlocksError);
    expect(() => blocksToMarkdown(blocks)).toThrow(message);
  });
});

describe('the round trip', () => {
  it('normalizes what the editor leaves behind', () => {
    const slate = [
      { type: 'paragraph', children: [{ type: 'text', text: '' }, { type: 'link', url: 'https://x.org', children: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b', bold: false }] }, { type: 'text', text: '' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'x', bold: true }, { type: 'text', text: 'y', bold: true }, { type: 'text', text: '', italic: true }] },
      { type: 'paragraph', children: [{ type: 'text', text: '' }] },
      { type: 'list', format: 'unordered', indentLevel: 0, children: [{ type: 'list-item', children: [{ type: 'text', text: 'a' }] }, { type: 'list', format: 'unordered', indentLevel: 3, children: [{ type: 'list-item', children: [{ type: 'text', text: 'b' }] }] }, { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'c' }] }] }] },
      { type: 'code', language: 'plaintext', children: [{ type: 'text', text: 'a\r\n' }, { type: 'text', text: 'b', bold: true }] },
      { type: 'image', image: { name: 'a.png', url: '/uploads/a_1.png', alternativeText: '', hash: 'a_1', width: 10, height: 10 }, children: [{ type: 'text', text: '' }] },
    ];
    const normal = normalizeBlocks(slate);
    expect(normal).toEqual([
      paragraph(link('https://x.org', text('ab'))),
      paragraph(text('xy', { bold: true })),
      paragraph(text('')),
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('a')] }, { type: 'list', format: 'unordered', indentLevel: 1, children: [{ type: 'list-item', children: [text('b')] }, { type: 'list-item', children: [text('c')] }] }] },
      { type: 'code', language: 'plaintext', children: [text('a\nb')] },
      { type: 'image', image: { name: 'a.png', url: '/uploads/a_1.png', alternativeText: null }, children: [text('')] },
    ]);
    expect(roundTrip(slate)).toEqual(normal);
  });

  it.each<[string, string]>([
    ['script tags', '<script>alert("x")</script>'],
    ['an image tag with a handler', '<img src=x onerror=alert(1)>'],
    ['underline tags typed as text', '<u>not underlined</u> </u>'],
    ['Markdown typed as text', '**a** _b_ [c](d) ![e](f) `g` ~~h~~ # i > j - k 1. l'],
    ['references typed as text', '&#10; &#x41; &amp; &#0;'],
    ['backslashes', '\\ \\\\ \\* a\\'],
    ['Arabic, Swahili and emoji', 'مرحبا — Habari yako? 👋🏽 ✅'],
    ['lines that look like blocks', '\n## h\n> q\n- l\n1. o\n```\n![i](u)\n\n\n'],
    ['whitespace everywhere', '  \t a \u00a0\n \u2028 '],
  ])('keeps %s as text', (_name, value) => {
    for (const block of [paragraph(text(value)), { type: 'heading', level: 3, children: [text(value, { bold: true })] }, { type: 'quote', children: [text(value, { code: true })] }, { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text(value)] }] }, paragraph(link('https://x.org', text(value, { underline: true })))] as Block[]) {
      expect(roundTrip([block])).toEqual([block]);
    }
  });

  it('puts the Media Library file back into images, keeping the alternative text written', () => {
    const file = { id: 7, name: 'clinic.jpg', url: '/uploads/clinic_1a2b.jpg', alternativeText: 'old', hash: 'clinic_1a2b', width: 800, height: 600 };
    const blocks = markdownToBlocks('![A clinic](/uploads/clinic_1a2b.jpg "clinic.jpg")\n\n![x](/uploads/gone.png "gone.png")\n\ntext');
    const { blocks: resolved, missing } = resolveImages(blocks, (image) => (image.name === file.name ? file : null));
    expect(resolved[0]).toEqual({ type: 'image', image: { ...file, alternativeText: 'A clinic' }, children: [text('')] });
    expect(missing).toEqual([{ name: 'gone.png', url: '/uploads/gone.png', alternativeText: 'x' }]);
    expect(resolved.slice(1)).toEqual(blocks.slice(1));
    expect(roundTrip(resolved)).toEqual(normalizeBlocks(resolved));
    expect(normalizeBlocks(resolved)).toEqual(blocks);
  });

  it('keeps code blocks and images', () => {
    const blocks: Block[] = [
      { type: 'code', children: [text('  indented\n\n```\ntrailing  \n')] },
      { type: 'code', language: 'python', children: [text('')] },
      { type: 'image', image: { name: 'clinic "new".jpg', url: '/uploads/a b(1).jpg', alternativeText: 'A *clinic* [x] &#10;\nline' }, children: [text('')] },
      { type: 'image', image: { name: '', url: '', alternativeText: null }, children: [text('')] },
    ];
    expect(roundTrip(blocks)).toEqual(blocks);
  });

  it.each<[string, string]>([
    ['brackets without a close', '['.repeat(100_000)],
    ['brackets before one far close', `${'['.repeat(50_000)}](${'('.repeat(50_000)}`],
    ['backslashes before a letter', `${'\\'.repeat(100_000)}x\nnext line`],
    ['delimiters without partners', '*_~`<u>'.repeat(15_000)],
    ['list markers', '- a\\\n'.repeat(20_000)],
  ])('reads a 100,000-character cell of %s in linear time', (_name, markdown) => {
    const started = Date.now();
    const blocks = markdownToBlocks(markdown);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(blocks.length).toBeGreaterThan(0);
  });

  // A seeded generator of the shapes the editor makes, so a failure can be replayed.
  function random(seed: number) {
    let state = seed >>> 0;
    const next = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n: number) => Math.floor(next() * n);
    const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
    const ALPHABET = [...'ab Z1 9.', ' ', '  ', '\n', '\n\n', '\t', '\r', '*', '**', '_', '__', '~', '~~', '`', '```', '[', ']', '(', ')', '<', '>', '</u>', '<u>', '\\', '#', '- ', '1. ', '2) ', '+', '!', '&', '&#32;', '&#x41;', '"', "'", '=', 'é', 'مرحبا', '👋🏽', '\u00a0', '\u2028', '<script>'];
    const string = () => Array.from({ length: int(6) }, () => pick(ALPHABET)).join('');
    const textNode = (): TextNode => {
      const node = text(string());
      for (const modifier of ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const) if (next() < 0.25) node[modifier] = true;
      return node;
    };
    const inline = (withLinks: boolean): InlineNode[] =>
      Array.from({ length: 1 + int(4) }, () => (withLinks && next() < 0.2 ? link(pick(['https://x.org/a_b', '', '/p?q=(1)&r=<2>', 'mailto:a@b.c', 'https://x.org/a b\\c']), ...Array.from({ length: 1 + int(2) }, textNode)) : textNode()));
    const list = (depth: number): ListNode => {
      const children: ListNode['children'] = [{ type: 'list-item', children: inline(true) }];
      for (let i = int(4); i > 0; i -= 1) children.push(depth < 3 && next() < 0.3 ? list(depth + 1) : { type: 'list-item', children: inline(true) });
      return { type: 'list', format: pick(['ordered', 'unordered'] as const), ...(depth > 0 ? { indentLevel: depth } : {}), children };
    };
    const block = (): unknown => {
      switch (int(7)) {
        case 0:
          return { type: 'heading', level: 1 + int(6), children: inline(true) };
        case 1:
          return { type: 'quote', children: inline(true) };
        case 2:
          return list(0);
        case 3:
          return { type: 'code', ...(next() < 0.5 ? { language: 'js' } : {}), children: [text(string())] };
        case 4:
          return { type: 'image', image: { name: string(), url: pick(['/uploads/a.png', 'https://cdn.x.org/b c.png']), alternativeText: next() < 0.5 ? null : string() }, children: [text('')] };
        default:
          return { type: 'paragraph', children: inline(true) };
      }
    };
    return () => Array.from({ length: 1 + int(5) }, block);
  }

  it('gives back 3,000 random documents', () => {
    const make = random(20261202);
    for (let run = 0; run < 3000; run += 1) {
      const blocks = make();
      const normal = normalizeBlocks(blocks);
      const markdown = blocksToMarkdown(blocks);
      const back = markdownToBlocks(markdown);
      if (JSON.stringify(back) !== JSON.stringify(normal)) {
        // Name the case, so it can be copied into the table above.
        expect({ run, markdown, back }).toEqual({ run, markdown, back: normal });
      }
    }
    expect(true).toBe(true);
  });
});
