// An article's section (Article.section, the same slug): a select of the sections the
// content manager lists, by title and slug.
import { createElement as h } from 'react';
import { frame, inputStyle, type FieldProps } from '../field-values.js';
import { useCollection } from '../use-collection.js';

export default function SectionInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const rows = useCollection('api::section.section', 'title:ASC', 200);
  const sections =
    rows === null
      ? null
      : [...new Map(rows.flatMap((row) => (typeof row.slug === 'string' ? [[row.slug, { slug: row.slug, title: typeof row.title === 'string' ? row.title : row.slug }] as const] : []))).values()];
  const current = typeof value === 'string' ? value : '';
  const isMissing = sections !== null && current !== '' && !sections.some((section) => section.slug === current);
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
        disabled: disabled || sections === null,
        onChange: (event: { target: { value: string } }) => onChange(name, event.target.value === '' ? null : event.target.value),
        style: { ...inputStyle, maxWidth: 360 },
      },
      h('option', { value: '' }, sections === null ? 'Loading sections…' : 'No section'),
      ...(sections ?? []).map((section) => h('option', { key: section.slug, value: section.slug }, `${section.title} (${section.slug})`)),
      isMissing ? h('option', { key: current, value: current }, `${current} (no such section)`) : null,
    ),
  );
}
