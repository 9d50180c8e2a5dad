import { baseCss, defineTheme, escapeStyleText, resolveTokens, tokenProblems, type ThemeTokens, defaultTokens } from '..';

const baseTheme = defineTheme({ name: 'base', tokens: defaultTokens });

// Values from stored-XSS and CSS-injection corpora: breaking out of the rule or the <style>
// element, pulling remote or script URLs, old IE expressions, at-rules, escapes and comments.
const hostileFonts = [
  'system-ui}</style><script>alert(1)</script><style>x{',
  '</style><script>alert(1)</script>',
  'system-ui;background:url(javascript:alert(1))',
  'url(javascript:alert(1))',
  'url(https://evil.example/track.png)',
  'url(//evil.example/x)',
  'expression(alert(1))',
  'system-ui;width:expression(alert(1))',
  '@import "https://evil.example/x.css"',
  '@import url(https://evil.example/x.css)',
  'system-ui} @import url(x); x{',
  'system-ui}body{display:none',
  '"Noto Sans}</style>"',
  "'Noto\\' Sans'",
  '"Noto Sans',
  "'Noto Sans\"",
  'Arial /* comment */',
  'Arial\\3c /style\\3e',
  'system-ui\n}',
  'var(--x)',
  'image-set("x.png" 1x)',
  'Arial, , sans-serif',
  '',
  `${'Arial, '.repeat(40)}sans-serif`,
  'a,b,c,d,e,f,g,h,i,j,k,l,m',
];
const hostileLengths = ['16px;}', '16', 'px', '-4px', '1e3px', '16 px', 'calc(1px + 2px)', '99999px', '500rem', '16px</style>', 'expression(1)'];
const hostileColours = ['red', '#fff', '#12345g', 'rgb(0,0,0)', '#123456;}', '#123456</style>', 'url(x)'];
const hostileTexts = ['', '   ', 'x'.repeat(81), 'Kijana\u0000KE', 'Kijana\u202eEK', 'line\nbreak'];

describe('token grammar', () => {
  it.each(hostileFonts)('refuses the font %p, naming the token', (font) => {
    const problems = tokenProblems(baseTheme, { font });
    expect(problems).toEqual([{ path: 'font', message: expect.stringContaining('is not a font stack') }]);
  });

  it.each(hostileLengths.flatMap((value) => ['fontSize', 'space', 'maxWidth'].map((token) => [token, value])))('refuses %s %p', (token, value) => {
    expect(tokenProblems(baseTheme, { [token]: value })).toEqual([{ path: token, message: expect.stringContaining('is not a length') }]);
  });

  it.each(hostileColours)('refuses the colour %p', (value) => {
    expect(tokenProblems(baseTheme, { colors: { link: value } })).toEqual([{ path: 'colors.link', message: expect.stringContaining('is not a colour') }]);
  });

  it.each(hostileTexts.flatMap((value) => ['siteName', 'logoText'].map((token) => [token, value])))('refuses %s %p', (token, value) => {
    expect(tokenProblems(baseTheme, { [token]: value })).toEqual([{ path: token, message: expect.stringContaining('is not plain text') }]);
  });

  it('refuses a token of the wrong type', () => {
    expect(tokenProblems(baseTheme, { font: 12 })).toEqual([{ path: 'font', message: '12 is not a font stack: list family names separated by commas, like system-ui, \'Noto Sans\', sans-serif (letters, digits, spaces, hyphens and underscores; a name in quotes; at most 200 characters). Functions such as url(), at-rules and the characters ; { } < > \\ are not allowed' }]);
  });

  it.each([
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",
    'Georgia, serif',
    '"Noto Sans Ethiopic", sans-serif',
    'Noto Sans',
    'monospace',
  ])('accepts the font stack %p', (font) => {
    expect(tokenProblems(baseTheme, { font })).toEqual([]);
  });

  it.each([['fontSize', '17px'], ['space', '0.75rem'], ['maxWidth', '40rem'], ['space', '1.5em'], ['siteName', 'Kijana KE — afya'], ['logoText', 'مرحبا']])('accepts %s %p', (token, value) => {
    expect(tokenProblems(baseTheme, { [token]: value })).toEqual([]);
  });

  it('refuses overrides that name no token, which would be saved and do nothing', () => {
    expect(tokenProblems(baseTheme, { colors: { accent: '#2A9D8F', bogus: 'red;}' }, bogus: 'x' })).toEqual([
      { path: 'bogus', message: expect.stringContaining('"bogus" is not a theme token; use colors, font') },
      { path: 'colors.accent', message: expect.stringContaining('"accent" is not a theme colour; use background, text') },
      { path: 'colors.bogus', message: expect.stringContaining('"bogus" is not a theme colour') },
    ]);
  });

  it('names the colour an override changed when contrast breaks', () => {
    expect(tokenProblems(baseTheme, { colors: { primary: '#E8702A' } })).toEqual([
      { path: 'colors.primary', message: 'Text on header and buttons (#ffffff) on header and buttons (#E8702A) has contrast 3.10:1; WCAG AA needs 4.5:1. Choose a different header and buttons colour.' },
    ]);
  });
});

describe('resolveTokens', () => {
  it('drops only the bad overrides and keeps the good ones', () => {
    const tokens = resolveTokens(baseTheme, { font: 'url(javascript:alert(1))', fontSize: '18px', colors: { primary: '#123456', link: 'red' } });
    expect(tokens.font).toBe(baseTheme.tokens.font);
    expect(tokens.fontSize).toBe('18px');
    expect(tokens.colors.primary).toBe('#123456');
    expect(tokens.colors.link).toBe(baseTheme.tokens.colors.link);
  });
});

describe('CSS inlined in <style>', () => {
  const forced = (overrides: Record<string, unknown>): ThemeTokens => ({ ...baseTheme.tokens, ...overrides });

  it.each(hostileFonts)('never carries the font %p into the stylesheet', (font) => {
    for (const css of [baseCss(forced({ font })), baseTheme.css(forced({ font }))]) {
      expect(css).not.toMatch(/<|url\(|expression|@import|javascript/i);
      expect(css).toContain(baseTheme.tokens.font);
    }
  });

  it('escapes every < so no </style can appear, whatever a theme writes', () => {
    const theme = defineTheme({ name: 'careless', tokens: baseTheme.tokens, css: () => 'a{content:"</style><script>x</script>"}' });
    expect(theme.css(theme.tokens)).toBe('a{content:"\\3c /style>\\3c script>x\\3c /script>"}');
    expect(escapeStyleText('</STYLE')).not.toMatch(/<\/style/i);
  });
});
