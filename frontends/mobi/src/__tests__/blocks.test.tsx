import { renderToStaticMarkup } from 'react-dom/server';
import { Blocks } from '../blocks';

const render = (blocks: unknown[]) => renderToStaticMarkup(<Blocks blocks={blocks} />);
const text = (value: string, marks: Record<string, boolean> = {}) => ({ type: 'text', text: value, ...marks });

describe('blocks → HTML', () => {
  it('renders headings (from h2), paragraphs, marks, lists and quotes as semantic HTML', () => {
    const html = render([
      { type: 'heading', level: 1, children: [text('Title')] },
      { type: 'paragraph', children: [text('Plain '), text('bold', { bold: true }), text('it', { italic: true })] },
      { type: 'list', format: 'ordered', children: [{ type: 'list-item', children: [text('one')] }] },
      { type: 'quote', children: [text('said')] },
    ]);
    expect(html).toContain('<h2>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<ol><li>');
    expect(html).toContain('<blockquote>');
  });

  it('lets no script, event handler or javascript: URL through', () => {
    const html = render([
      { type: 'paragraph', children: [text('<script>alert(1)</script>'), text('<img src=x onerror=alert(1)>')] },
      { type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [text('click')] }] },
      { type: 'paragraph', children: [{ type: 'link', url: 'https://who.int', onclick: 'alert(1)', children: [text('who')] }] },
      { type: 'script', children: [text('alert(1)')] },
    ]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<[^>]+\son\w+=/i);
    expect(html).toContain('href="https://who.int"');
    expect(html).toContain('click');
  });
});
