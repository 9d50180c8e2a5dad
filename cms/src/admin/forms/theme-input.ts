// A site's theme (Site.theme, the same short name): a select of the installed themes, so a
// mistyped name cannot be chosen. A stored name no longer installed shows as such.
import { createElement as h } from 'react';
import { frame, hintStyle, inputStyle, type FieldProps } from '../field-values.js';
import { useThemes } from './use-admin-list.js';

export default function ThemeInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const themes = useThemes();
  const current = typeof value === 'string' ? value : '';
  const chosen = themes?.find((theme) => theme.name === current);
  const isMissing = themes !== null && current !== '' && chosen === undefined;
  return frame(
    name,
    label,
    hint,
    error,
    h(
      'select',
      {
        name,
        value: current,
        disabled: disabled || themes === null,
        onChange: (event: { target: { value: string } }) => onChange(name, event.target.value === '' ? null : event.target.value),
        style: { ...inputStyle, maxWidth: 360 },
      },
      h('option', { value: '' }, themes === null ? 'Loading themes…' : 'Choose a theme'),
      ...(themes ?? []).map((theme) => h('option', { key: theme.name, value: theme.name }, `${theme.label} (${theme.name})`)),
      isMissing ? h('option', { key: current, value: current }, `${current} (not installed)`) : null,
    ),
    chosen?.description ? h('p', { style: hintStyle }, chosen.description) : null,
    isMissing ? h('p', { style: hintStyle }, `"${current}" is not an installed theme: choose one of the list before saving.`) : null,
  );
}
