import { baseTheme } from '@baobab/theme-base';
import { themeFor } from '../themes';

describe('theme tokens in delivery answers', () => {
  it('serves a good override and drops a bad one saved before the grammar existed', () => {
    const theme = themeFor('base', {
      colors: { primary: '#123456', link: 'red;}</style><script>alert(1)</script>' },
      font: 'system-ui}</style><script>alert(1)</script><style>x{',
      fontSize: 'expression(alert(1))',
    });
    expect(theme.tokens.colors.primary).toBe('#123456');
    expect(theme.tokens.colors.link).toBe(baseTheme.tokens.colors.link);
    expect(theme.tokens.font).toBe(baseTheme.tokens.font);
    expect(theme.tokens.fontSize).toBe(baseTheme.tokens.fontSize);
    expect(JSON.stringify(theme)).not.toMatch(/script|expression/);
  });

  it('gives a site whose theme is not installed the base tokens under its own overrides', () => {
    const theme = themeFor('not-installed', { colors: { primary: '#654321' } });
    expect(theme.name).toBe('not-installed');
    expect(theme.tokens.colors.primary).toBe('#654321');
    expect(theme.tokens.colors.text).toBe(baseTheme.tokens.colors.text);
  });
});
