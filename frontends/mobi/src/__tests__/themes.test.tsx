import { renderToStaticMarkup } from 'react-dom/server';
import { siteCss, styleElementText } from '../themes';

const HOSTILE = [
  'system-ui}</style><script>alert(1)</script><style>x{',
  'a{}</STYLE><img src=x onerror=alert(1)>',
  '</style',
  '<!--',
  'x{content:"<\\/style>"}',
];

/** The text of the page's one style element, as the page renders it. */
const styleOf = (css: string) => renderToStaticMarkup(<style dangerouslySetInnerHTML={{ __html: styleElementText(css) }} />);

describe('CSS inlined into <style>', () => {
  it.each(HOSTILE)('keeps %p inside the style element', (css) => {
    const html = styleOf(css);
    expect(html.startsWith('<style>')).toBe(true);
    expect(html.slice('<style>'.length, -'</style>'.length)).not.toContain('<');
    expect(html.match(/<\/style/gi)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('escapes < as the CSS escape \\3c , which CSS reads as the same character', () => {
    expect(styleElementText('a::before{content:"<"}')).toBe('a::before{content:"\\3c "}');
    expect(styleElementText('body{color:red}')).toBe('body{color:red}');
  });

  it('keeps a token payload out of the page whatever the theme makes of it', () => {
    for (const theme of ['base', 'sunrise', 'pulse']) {
      const css = siteCss(theme, { font: 'system-ui}</style><script>alert(1)</script><style>x{', colors: { primary: '</style><script>' } });
      expect(styleOf(css).match(/<\/style/gi)).toHaveLength(1);
      expect(styleOf(css)).not.toContain('<script');
    }
  });
});
