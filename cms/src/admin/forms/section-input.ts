// An article's section (Article.section, the same slug): a select of the sections the
// content manager lists, by title and slug.
import { createElement as h, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { frame, inputStyle, isRecord, type FieldProps } from '../field-values.js';

interface SectionOption {
  readonly slug: string;
  readonly title: string;
}

function sectionOptions(body: unknown): SectionOption[] {
  const results = isRecord(body) && Array.isArray(body.results) ? body.results : [];
  const bySlug = new Map<string, SectionOption>();
  for (const row of results) {
    if (isRecord(row) && typeof row.slug === 'string') bySlug.set(row.slug, { slug: row.slug, title: typeof row.title === 'string' ? row.title : row.slug });
  }
  return [...bySlug.values()].sort((a, b) => a.title.localeCompare(b.title));
}

export default function SectionInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const { get } = useFetchClient();
  const [sections, setSections] = useState<SectionOption[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    get('/content-manager/collection-types/api::section.section', { params: { page: 1, pageSize: 200, sort: 'title:ASC' } })
      .then(({ data }: { data: unknown }) => isCurrent && setSections(sectionOptions(data)))
      .catch(() => isCurrent && setSections([]));
    return () => {
      isCurrent = false;
    };
  }, [get]);
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
