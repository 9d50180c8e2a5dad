// A site's languages: a tick box per registry locale by its native name (Site.locales, the
// same JSON list of codes), and the default language as a choice among the ticked ones
// (Site.defaultLocale, the same code). The registry is bundled from locales/registry.json.
import { createElement as h } from 'react';
import { useForm } from '@strapi/strapi/admin';
import registry from '../../../locales/registry.json';
import { frame, stringList, type FieldProps } from './field-values.js';

export type LocaleFieldProps = FieldProps;

const LOCALES: ReadonlyArray<{ code: string; name: string; englishName: string }> = registry.locales;
const nameOf = (code: string) => LOCALES.find((locale) => locale.code === code);

export function LocalesInput({ name, label, hint, error, disabled, value, onChange }: LocaleFieldProps) {
  const chosen = stringList(value);
  const toggle = (code: string) =>
    onChange(name, chosen.includes(code) ? chosen.filter((item) => item !== code) : LOCALES.map((locale) => locale.code).filter((item) => item === code || chosen.includes(item)));
  return frame(
    name,
    label,
    hint,
    error,
    h(
      'div',
      { style: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 4 } },
      ...LOCALES.map((locale) =>
        h(
          'label',
          { key: locale.code, style: { fontSize: 14, display: 'flex', gap: 8, alignItems: 'center' } },
          h('input', { type: 'checkbox', name: `${name}:${locale.code}`, checked: chosen.includes(locale.code), disabled, onChange: () => toggle(locale.code) }),
          h('span', { lang: locale.code }, locale.name),
          locale.name === locale.englishName ? ` (${locale.code})` : ` — ${locale.englishName} (${locale.code})`,
        ),
      ),
    ),
  );
}

export function DefaultLocaleInput({ name, label, hint, error, disabled, value, onChange }: LocaleFieldProps) {
  const siteLocales = stringList(useForm('DefaultLocaleInput', (state): unknown => ('locales' in state.values ? state.values.locales : undefined)));
  const current = typeof value === 'string' ? value : '';
  const options = siteLocales.includes(current) || current === '' ? siteLocales : [current, ...siteLocales];
  return frame(
    name,
    label,
    hint,
    error,
    h(
      'select',
      { name, value: current, disabled, onChange: (event: { target: { value: string } }) => onChange(name, event.target.value === '' ? null : event.target.value), style: { fontSize: 14, padding: 8, maxWidth: 360 } },
      h('option', { value: '' }, 'Choose one of the site’s languages'),
      ...options.map((code) => h('option', { key: code, value: code }, nameOf(code) ? `${nameOf(code)?.name} (${code})` : code)),
    ),
  );
}
