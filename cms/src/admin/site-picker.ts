// The carrying-sites control: a tick box per site, by name and code, storing the same JSON
// list of site codes as before. Written without JSX so the CMS's type check (no JSX
// option) covers it; Strapi's admin build bundles it with Vite.
import { createElement as h } from 'react';
import { stringList, type FieldProps } from './field-values.js';
import { useSites } from './use-collection.js';

export type SitePickerProps = FieldProps;

export default function SitePicker({ name, label, hint, error, disabled, value, onChange }: SitePickerProps) {
  const sites = useSites();
  const chosen = stringList(value);
  const toggle = (code: string) => onChange(name, chosen.includes(code) ? chosen.filter((item) => item !== code) : [...chosen, code].sort());
  const unknown = chosen.filter((code) => sites !== null && !sites.some((site) => site.code === code));
  return h(
    'fieldset',
    { 'data-baobab-site-picker': name, style: { border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 4 } },
    h('legend', { style: { fontSize: 12, fontWeight: 600, marginBottom: 4 } }, label ?? name),
    sites === null ? h('p', { style: { fontSize: 14 } }, 'Loading sites…') : null,
    ...(sites ?? []).map((site) =>
      h(
        'label',
        { key: site.code, style: { fontSize: 14, display: 'flex', gap: 8, alignItems: 'center' } },
        h('input', { type: 'checkbox', name: `${name}:${site.code}`, checked: chosen.includes(site.code), disabled, onChange: () => toggle(site.code) }),
        `${site.name} (${site.code})`,
      ),
    ),
    ...unknown.map((code) => h('p', { key: `unknown-${code}`, style: { fontSize: 14 } }, `"${code}" is not a site; untick it by saving without it.`)),
    hint ? h('p', { style: { fontSize: 12, color: '#666687' } }, hint) : null,
    error ? h('p', { role: 'alert', 'data-strapi-field-error': 'true', style: { fontSize: 12, color: '#d02b20' } }, error) : null,
  );
}
