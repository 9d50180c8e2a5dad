// Every theme the registry installs keeps the theme budgets: AA contrast, small CSS, nothing remote.
import { gzipSync } from 'node:zlib';
import { contrastProblems } from '@baobab/theme-api';
import registry from '../../baobab.config';

it('the registry installs the base theme first, as the default', () => {
  expect(registry.defaultTheme.name).toBe('base');
  expect(registry.themes.map((theme) => theme.name)).toEqual(expect.arrayContaining(['base', 'sunrise', 'pulse']));
});

describe.each(registry.themes.map((theme) => [theme.name, theme] as const))('installed theme %s', (_name, theme) => {
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
