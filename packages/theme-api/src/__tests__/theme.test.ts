import { baseCss, contrastProblems, contrastRatio, defineTheme, resolveTokens, defaultTokens } from '..';
import { gzipSync } from 'node:zlib';

const baseTheme = defineTheme({ name: 'base', tokens: defaultTokens });

describe('base theme', () => {
  it('meets WCAG AA contrast for every text pair', () => {
    expect(contrastProblems(baseTheme.tokens)).toEqual([]);
  });

  it('keeps its CSS under 5 KB gzip', () => {
    expect(gzipSync(baseCss(baseTheme.tokens)).length).toBeLessThan(5 * 1024);
  });

  it('computes contrast like WCAG', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 0);
    expect(contrastRatio('#E8702A', '#ffffff')).toBeCloseTo(3.1, 1);
  });

  it('names the bad token when a theme is invalid', () => {
    expect(() => defineTheme({ name: 'broken', tokens: { ...baseTheme.tokens, colors: { ...baseTheme.tokens.colors, primary: 'orange' } } })).toThrow(
      /themes\[broken\]\.tokens\.colors\.primary/,
    );
  });

  it('lays site overrides over the theme and ignores a bad override', () => {
    expect(resolveTokens(baseTheme, { colors: { primary: '#123456' } }).colors.primary).toBe('#123456');
    expect(resolveTokens(baseTheme, { colors: { primary: 'red' } }).colors.primary).toBe(baseTheme.tokens.colors.primary);
  });
});
