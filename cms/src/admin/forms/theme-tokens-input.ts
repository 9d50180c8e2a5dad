// A site's theme overrides (Site.themeTokens, the same JSON object): a colour picker and its
// #rrggbb text per colour token of the chosen theme, the font and size tokens, and the WCAG
// contrast of each pair the save checks, recomputed as the editor picks. Empty = theme default.
import { createElement as h } from 'react';
import { useField, useForm } from '@strapi/strapi/admin';
import { colourTokens, isColour, isFontStack, isLength, isPlainTextToken } from '@baobab/theme-api';
import { colourLabels, contrastReport, withToken } from '../../forms/controls.js';
import { errorStyle, frame, hintStyle, inputStyle, isRecord, nestedError, recordOf, type FieldProps } from '../field-values.js';
import { useThemes } from './use-admin-list.js';

const textTokens = [
  { token: 'font', label: 'Font', test: isFontStack, rule: "family names separated by commas, like system-ui, 'Noto Sans', sans-serif" },
  { token: 'fontSize', label: 'Text size', test: isLength, rule: 'a number with px, rem or em, like 16px' },
  { token: 'space', label: 'Spacing', test: isLength, rule: 'a number with px, rem or em, like 12px' },
  { token: 'maxWidth', label: 'Page width', test: isLength, rule: 'a number with px, rem or em, like 40rem' },
  { token: 'siteName', label: 'Site name in the header', test: isPlainTextToken, rule: 'plain text of 1 to 80 characters' },
  { token: 'logoText', label: 'Logo text', test: isPlainTextToken, rule: 'plain text of 1 to 80 characters' },
] as const;

const text = (value: unknown) => (typeof value === 'string' ? value : '');

export default function ThemeTokensInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const themes = useThemes();
  const themeName = useForm('ThemeTokensInput', (state): unknown => ('theme' in state.values ? state.values.theme : undefined));
  const { rawError } = useField(name);
  const theme = themes?.find((candidate) => candidate.name === themeName) ?? themes?.find((candidate) => candidate.name === 'base');
  const defaults = theme?.tokens ?? {};
  const defaultColours = isRecord(defaults.colors) ? defaults.colors : {};
  const overrides = recordOf(value);
  const colours = isRecord(overrides.colors) ? overrides.colors : {};
  const set = (token: string, next: string, isColourToken = false) => onChange(name, withToken(overrides, token, next, isColourToken));
  const report = theme === undefined ? [] : contrastReport(defaults, overrides);
  return frame(
    name,
    label,
    hint,
    error,
    theme === undefined ? h('p', { style: hintStyle }, 'Loading the theme…') : h('p', { style: hintStyle }, `Defaults of the ${theme.label} theme are shown greyed; a token left empty keeps them.`),
    h(
      'div',
      { style: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 8 } },
      ...colourTokens.map((token) => {
        const own = text(colours[token]);
        const shown = isColour(own) ? own : text(defaultColours[token]) || '#000000';
        const problem = nestedError(rawError, 'colors', token) ?? (own !== '' && !isColour(own) ? 'Write the colour as #rrggbb, like #0b6e4f.' : undefined);
        return h(
          'div',
          { key: token, 'data-baobab-token': `colors.${token}`, style: { display: 'flex', flexDirection: 'column', gap: 2 } },
          h(
            'label',
            { style: { fontSize: 13, display: 'flex', gap: 8, alignItems: 'center' } },
            h('input', { type: 'color', name: `${name}.colors.${token}:picker`, value: shown.toLowerCase(), disabled, onChange: (event: { target: { value: string } }) => set(token, event.target.value, true), style: { flex: '0 0 36px', width: 36, height: 28, padding: 0, border: 0 } }),
            h('span', { style: { flex: '1 1 150px' } }, colourLabels[token]),
            h('input', {
              type: 'text',
              name: `${name}.colors.${token}`,
              value: own,
              placeholder: text(defaultColours[token]),
              disabled,
              'aria-label': `${colourLabels[token]} colour`,
              'aria-invalid': problem !== undefined,
              onChange: (event: { target: { value: string } }) => set(token, event.target.value, true),
              style: { ...inputStyle, width: 100 },
            }),
            own === '' ? null : h('button', { type: 'button', disabled, onClick: () => set(token, '', true), style: { ...inputStyle, background: '#fff', cursor: 'pointer' } }, 'Default'),
          ),
          problem === undefined ? null : h('p', { 'data-baobab-token-error': `colors.${token}`, style: errorStyle }, problem),
        );
      }),
    ),
    h(
      'ul',
      { 'data-baobab-contrast': name, 'aria-live': 'polite', style: { listStyle: 'none', padding: 0, margin: '4px 0', fontSize: 13 } },
      ...report.map((line) =>
        h(
          'li',
          { key: `${line.foreground}-${line.background}`, 'data-baobab-contrast-pair': `${line.foreground}-${line.background}`, style: { color: line.passes ? '#328048' : '#d02b20' } },
          `${line.passes ? '✓' : '✗'} ${line.text}`,
        ),
      ),
    ),
    h(
      'div',
      { style: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', gap: 8 } },
      ...textTokens.map(({ token, label: tokenLabel, test, rule }) => {
        const own = text(overrides[token]);
        const problem = nestedError(rawError, token) ?? (own !== '' && !test(own) ? `Write ${rule}.` : undefined);
        return h(
          'label',
          { key: token, 'data-baobab-token': token, style: { fontSize: 13, display: 'flex', flexDirection: 'column', gap: 2 } },
          tokenLabel,
          h('input', {
            type: 'text',
            name: `${name}.${token}`,
            value: own,
            placeholder: text(defaults[token]),
            disabled,
            'aria-invalid': problem !== undefined,
            onChange: (event: { target: { value: string } }) => set(token, event.target.value),
            style: inputStyle,
          }),
          problem === undefined ? null : h('span', { 'data-baobab-token-error': token, style: errorStyle }, problem),
        );
      }),
    ),
  );
}
