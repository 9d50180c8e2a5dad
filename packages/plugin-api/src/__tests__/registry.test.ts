import { defaultTokens, defineTheme } from '@baobab/theme-api';
import { defineConfig, definePlugin, isEnabled, RegistryError } from '..';

const base = defineTheme({ name: 'base', tokens: defaultTokens });
const warm = defineTheme({ name: 'warm', tokens: defaultTokens });
const polls = definePlugin({ name: 'polls', title: 'Polls', description: 'Questions readers answer' });

describe('defineConfig', () => {
  it('looks themes and plugins up by name, the first theme being the default', () => {
    const registry = defineConfig({ themes: [base, warm], plugins: [polls] });
    expect(registry.theme('warm')).toBe(warm);
    expect(registry.theme('cold')).toBeUndefined();
    expect(registry.themeOrDefault('cold')).toBe(base);
    expect(registry.plugin('polls')).toBe(polls);
    expect(registry.plugin('comments')).toBeUndefined();
  });

  it('refuses a theme listed twice, naming the path', () => {
    expect(() => defineConfig({ themes: [base, warm, warm], plugins: [] })).toThrow(new RegistryError('baobab.config.ts: themes[2] "warm" is listed twice'));
  });

  it('refuses a plugin listed twice and an empty theme list', () => {
    expect(() => defineConfig({ themes: [base], plugins: [polls, polls] })).toThrow('baobab.config.ts: plugins[1] "polls" is listed twice');
    expect(() => defineConfig({ themes: [], plugins: [] })).toThrow('themes must list at least one theme');
  });
});

describe('definePlugin', () => {
  it('refuses a name a site could not list, and an empty title', () => {
    expect(() => definePlugin({ name: 'Polls!', title: 'Polls', description: '' })).toThrow('plugins["Polls!"].name must be kebab-case');
    expect(() => definePlugin({ name: 'polls', title: ' ', description: '' })).toThrow('plugins[polls].title must be 1–60 characters');
  });

  it('knows a plugin is enabled only where the site lists it', () => {
    expect(isEnabled({ plugins: ['polls'] }, 'polls')).toBe(true);
    expect(isEnabled({ plugins: [] }, 'polls')).toBe(false);
    expect(isEnabled({ plugins: ['polls-extra'] }, 'polls')).toBe(false);
  });
});
