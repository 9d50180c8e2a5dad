import { gzipSync } from 'node:zlib';
import { pulseTheme } from '@baobab/theme-pulse';
import { sunriseTheme } from '@baobab/theme-sunrise';
import { baseTheme, contrastProblems } from '..';

describe.each([baseTheme, sunriseTheme, pulseTheme])('theme $name', (theme) => {
  it('meets WCAG AA contrast for every text pair, from its tokens', () => {
    expect(contrastProblems(theme.tokens)).toEqual([]);
  });

  it('keeps its CSS under 5 KB gzip', () => {
    expect(gzipSync(theme.css(theme.tokens)).length).toBeLessThan(5 * 1024);
  });

  it('uses no web fonts, images or imports in its CSS', () => {
    expect(theme.css(theme.tokens)).not.toMatch(/@font-face|@import|url\(/);
  });
});
