// A site's theme (Site.theme, the same short name): a select of the installed themes, so a
// mistyped name cannot be chosen. A stored name no longer installed shows as such.
import { createElement as h } from 'react';
import { frame, hintStyle, optionSelect, type FieldProps } from '../field-values.js';
import { useThemes } from './use-admin-list.js';

export default function ThemeInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const themes = useThemes();
  const current = typeof value === 'string' ? value : '';
  const chosen = themes?.find((theme) => theme.name === current);
  const isMissing = themes !== null && current !== '' && chosen === undefined;
  const options = themes === null ? null : themes.map((theme) => ({ value: theme.name, text: `${theme.label} (${theme.name})` }));
  return frame(
    name,
    label,
    hint,
    error,
    optionSelect({ name, current, options, disabled, onChange, loading: 'Loading themes…', none: 'Choose a theme', missing: (theme) => `${theme} (not installed)` }),
    chosen?.description ? h('p', { style: hintStyle }, chosen.description) : null,
    isMissing ? h('p', { style: hintStyle }, `"${current}" is not an installed theme: choose one of the list before saving.`) : null,
  );
}
