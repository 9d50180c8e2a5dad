// An article's section (Article.section, the same slug): a select of the sections the
// content manager lists, by title and slug.
import { frame, optionSelect, type FieldProps } from '../field-values.js';
import { useCollection } from '../use-collection.js';

export default function SectionInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const rows = useCollection('api::section.section', 'title:ASC', 200);
  const options =
    rows === null
      ? null
      : [...new Map(rows.flatMap((row) => (typeof row.slug === 'string' ? [[row.slug, { value: row.slug, text: `${typeof row.title === 'string' ? row.title : row.slug} (${row.slug})` }] as const] : []))).values()];
  const current = typeof value === 'string' ? value : '';
  return frame(
    name,
    label,
    hint,
    error,
    optionSelect({ name, current, options, disabled, onChange, loading: 'Loading sections…', none: 'No section', missing: (slug) => `${slug} (no such section)` }),
  );
}
