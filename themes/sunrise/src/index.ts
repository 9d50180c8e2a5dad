// Sunrise: warm colours, a bolder header and section list as a band of links.
import { baseCss, defineTheme } from '@baobab/theme-api';
import tokens from '../tokens.json';

export const sunriseTheme = defineTheme({
  name: 'sunrise',
  description: 'Warm theme: cream background, burnt-orange header, rounded-free cards',
  tokens,
  css: (t) => `${baseCss(t)}header{font-size:1.2em;border-block-end:4px solid ${t.colors.link}}.topics a{font-weight:600}h1{color:${t.colors.primary}}`,
});
