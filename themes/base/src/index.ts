// The base theme: @baobab/theme-api's default tokens and structural stylesheet, as a theme
// a site can name. Neutral, high-contrast, readable at 240 px.
import { defaultTokens, defineTheme } from '@baobab/theme-api';

export const baseTheme = defineTheme({
  name: 'base',
  description: 'Neutral and high-contrast: the default tokens and stylesheet every theme starts from',
  tokens: defaultTokens,
});
