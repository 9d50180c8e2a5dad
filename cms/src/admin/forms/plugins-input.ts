// A site's plugins (Site.plugins, the same JSON list of names): a tick box per installed
// plugin. Names stored for plugins not installed are kept, and shown.
import { createElement as h } from 'react';
import { frame, hintStyle, isRecord, stringList, type FieldProps } from '../field-values.js';
import { useAdminList } from './use-admin-list.js';

export default function PluginsInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const listed = useAdminList('/baobab/plugins');
  const plugins = (listed ?? []).flatMap((item) =>
    isRecord(item) && typeof item.name === 'string'
      ? [{ name: item.name, title: typeof item.title === 'string' ? item.title : item.name, description: typeof item.description === 'string' ? item.description : '' }]
      : [],
  );
  const chosen = stringList(value);
  const notInstalled = chosen.filter((plugin) => listed !== null && !plugins.some((installed) => installed.name === plugin));
  const toggle = (plugin: string) => onChange(name, chosen.includes(plugin) ? chosen.filter((item) => item !== plugin) : [...chosen, plugin].sort());
  return frame(
    name,
    label,
    hint,
    error,
    listed === null ? h('p', { style: hintStyle }, 'Loading plugins…') : null,
    listed !== null && plugins.length === 0 ? h('p', { 'data-baobab-no-plugins': 'true', style: { fontSize: 14, margin: 0 } }, 'No plugins are installed.') : null,
    ...plugins.map((plugin) =>
      h(
        'label',
        { key: plugin.name, style: { fontSize: 14, display: 'flex', gap: 8, alignItems: 'center' } },
        h('input', { type: 'checkbox', name: `${name}:${plugin.name}`, checked: chosen.includes(plugin.name), disabled, onChange: () => toggle(plugin.name) }),
        plugin.description ? `${plugin.title} — ${plugin.description}` : plugin.title,
      ),
    ),
    notInstalled.length === 0 ? null : h('p', { style: hintStyle }, `Kept as stored, not installed: ${notInstalled.join(', ')}.`),
  );
}
