// Pulse: deep purple, card-like article lists with a strong left rule.
import { baseCss, defineTheme } from '@baobab/theme-api';
import tokens from '../tokens.json';

export const pulseTheme = defineTheme({
  name: 'pulse',
  description: 'Bold theme: deep purple header, high-contrast cards',
  tokens,
  css: (t) =>
    `${baseCss(t)}.cards li{border:1px solid ${t.colors.border};border-inline-start:6px solid ${t.colors.primary};padding:${t.space};margin-block-end:${t.space};background:${t.colors.surface}}h1{letter-spacing:-.01em}`,
});
