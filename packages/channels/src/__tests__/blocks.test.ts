import { textUnits, walkBlocks, type Unit } from '../blocks';
import { span } from './render-fixtures';

const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });
const item = (...children: unknown[]) => ({ type: 'list-item', children });

describe('walkBlocks', () => {
  it('turns a paragraph into one unit with its text spans', () => {
    expect(walkBlocks([{ type: 'paragraph', children: [text('Hello '), text('world')] }])).toEqual<Unit[]>([
      { kind: 'paragraph', spans: [span('Hello '), span('world')] },
    ]);
  });

  it('keeps headings as heading units whatever their level', () => {
    const units = walkBlocks([
      { type: 'heading', level: 1, children: [text('Know your status')] },
      { type: 'heading', level: 4, children: [text('Where to go')] },
    ]);
    expect(units).toEqual<Unit[]>([
      { kind: 'heading', spans: [span('Know your status')] },
      { kind: 'heading', spans: [span('Where to go')] },
    ]);
  });

  it('reads bold, italic, strikethrough and code marks onto spans', () => {
    const [unit] = walkBlocks([
      {
        type: 'paragraph',
        children: [text('b', { bold: true }), text('i', { italic: true }), text('s', { strikethrough: true }), text('c', { code: true }), text('all', { bold: true, italic: true, strikethrough: true, code: true })],
      },
    ]);
    expect(unit).toEqual<Unit>({
      kind: 'paragraph',
      spans: [
        span('b', { bold: true }),
        span('i', { italic: true }),
        span('s', { strike: true }),
        span('c', { code: true }),
        span('all', { bold: true, italic: true, strike: true, code: true }),
      ],
    });
  });

  it('treats marks that are not exactly true as absent', () => {
    const [unit] = walkBlocks([{ type: 'paragraph', children: [{ type: 'text', text: 'x', bold: 'yes', italic: 1 }] }]);
    expect(unit).toEqual<Unit>({ kind: 'paragraph', spans: [span('x')] });
  });

  it('numbers an ordered list from 1 and restarts numbering in a nested list, depth increasing', () => {
    const units = walkBlocks([
      {
        type: 'list',
        format: 'ordered',
        children: [
          item(text('First')),
          item(text('Second')),
          // Strapi puts an indented list beside the items, as a child of the list.
          { type: 'list', format: 'ordered', indentLevel: 1, children: [item(text('Second, a')), item(text('Second, b'))] },
          item(text('Third')),
        ],
      },
    ]);
    expect(units.map((unit) => (unit.kind === 'item' ? [unit.marker, unit.depth, unit.spans[0]?.text] : unit.kind))).toEqual([
      ['1.', 0, 'First'],
      ['2.', 0, 'Second'],
      ['1.', 1, 'Second, a'],
      ['2.', 1, 'Second, b'],
      ['3.', 0, 'Third'],
    ]);
  });

  it('walks a list nested inside a list item, and marks unordered items with "-"', () => {
    const units = walkBlocks([
      {
        type: 'list',
        format: 'unordered',
        children: [item(text('Condoms'), { type: 'list', format: 'ordered', children: [item(text('Male')), item(text('Female'))] }), item(text('PrEP'))],
      },
    ]);
    expect(units.map((unit) => (unit.kind === 'item' ? `${'>'.repeat(unit.depth)}${unit.marker} ${unit.spans.map((s) => s.text).join('')}` : unit.kind))).toEqual([
      '- Condoms',
      '>1. Male',
      '>2. Female',
      '- PrEP',
    ]);
  });

  it('gives link text the link target as href', () => {
    const [unit] = walkBlocks([{ type: 'paragraph', children: [text('Call '), { type: 'link', url: 'tel:+254700000000', children: [text('the helpline', { bold: true })] }] }]);
    expect(unit).toEqual<Unit>({ kind: 'paragraph', spans: [span('Call '), span('the helpline', { bold: true, href: 'tel:+254700000000' })] });
  });

  it.each(['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox'])(
    'drops the href of an unsafe link (%j) but keeps its text',
    (url) => {
      const [unit] = walkBlocks([{ type: 'paragraph', children: [{ type: 'link', url, children: [text('click me')] }] }]);
      expect(unit).toEqual<Unit>({ kind: 'paragraph', spans: [span('click me')] });
    },
  );

  it('drops the href of a link with no url', () => {
    const [unit] = walkBlocks([{ type: 'paragraph', children: [{ type: 'link', children: [text('nowhere')] }] }]);
    expect(unit).toEqual<Unit>({ kind: 'paragraph', spans: [span('nowhere')] });
  });

  it('keeps quotes as quote units', () => {
    expect(walkBlocks([{ type: 'quote', children: [text('Testing saved my life.')] }])).toEqual<Unit[]>([{ kind: 'quote', spans: [span('Testing saved my life.')] }]);
  });

  it('keeps a code block as one text with its line breaks', () => {
    expect(walkBlocks([{ type: 'code', children: [text('line 1\n'), text('line 2')] }])).toEqual<Unit[]>([{ kind: 'code', text: 'line 1\nline 2' }]);
  });

  it('makes an /uploads image URL absolute with mediaBase, with or without a trailing slash', () => {
    const block = { type: 'image', image: { url: '/uploads/clinic.jpg', alternativeText: 'A clinic' }, children: [text('')] };
    expect(walkBlocks([block], 'https://cms.example.org')).toEqual<Unit[]>([{ kind: 'image', url: 'https://cms.example.org/uploads/clinic.jpg', alt: 'A clinic' }]);
    expect(walkBlocks([block], 'https://cms.example.org/')).toEqual<Unit[]>([{ kind: 'image', url: 'https://cms.example.org/uploads/clinic.jpg', alt: 'A clinic' }]);
  });

  it('keeps an image URL that is already absolute and gives a missing alt text as ""', () => {
    expect(walkBlocks([{ type: 'image', image: { url: 'https://cdn.example.org/a.png' } }], 'https://cms.example.org')).toEqual<Unit[]>([
      { kind: 'image', url: 'https://cdn.example.org/a.png', alt: '' },
    ]);
  });

  it('gives a protocol-relative image URL the scheme of mediaBase rather than prefixing the whole base', () => {
    const block = { type: 'image', image: { url: '//cdn.example.org/a.png', alternativeText: '' } };
    expect(walkBlocks([block], 'https://cms.example.org')).toEqual<Unit[]>([{ kind: 'image', url: 'https://cdn.example.org/a.png', alt: '' }]);
    expect(walkBlocks([block], 'http://localhost:1337')).toEqual<Unit[]>([{ kind: 'image', url: 'http://cdn.example.org/a.png', alt: '' }]);
  });

  it('skips an image whose URL is neither absolute nor rooted, or has no image at all', () => {
    expect(walkBlocks([{ type: 'image', image: { url: 'javascript:alert(1)' } }, { type: 'image' }, { type: 'image', image: { url: 'a.png' } }], 'https://cms.example.org')).toEqual([]);
  });

  it('skips unknown nodes, non-objects and unknown inline nodes without losing their neighbours', () => {
    const units = walkBlocks([
      { type: 'video', url: 'https://example.org/v.mp4' },
      null,
      'paragraph',
      42,
      { type: 'paragraph', children: [text('kept'), { type: 'mention', text: 'lost' }, null] },
    ]);
    expect(units).toEqual<Unit[]>([{ kind: 'paragraph', spans: [span('kept')] }]);
  });

  it('skips paragraphs, headings and code blocks that hold only whitespace', () => {
    expect(walkBlocks([{ type: 'paragraph', children: [text('   ')] }, { type: 'heading', children: [] }, { type: 'code', children: [text('\n')] }, { type: 'paragraph' }])).toEqual([]);
  });

  it.each([null, undefined, 'text', 42, { type: 'paragraph', children: [text('x')] }])('returns [] for input that is not an array (%p)', (input) => {
    expect(walkBlocks(input)).toEqual([]);
  });
});

describe('textUnits', () => {
  it('splits plain text into paragraphs on blank lines, trimming them and dropping empty ones', () => {
    expect(textUnits('  First line\nsame paragraph \n\n\n Second \r\n  \r\nThird\n\n   ')).toEqual([
      { kind: 'paragraph', spans: [span('First line\nsame paragraph')] },
      { kind: 'paragraph', spans: [span('Second')] },
      { kind: 'paragraph', spans: [span('Third')] },
    ]);
  });

  it('gives no units for blank text', () => {
    expect(textUnits(' \n\n ')).toEqual([]);
  });
});
