// An article's tags (Article.tags, the same JSON list): type a tag and press Enter to add it
// as a chip; × removes one.
import { createElement as h, useState } from 'react';
import { addTag } from '../../forms/controls.js';
import { errorStyle, frame, inputStyle, stringList, type FieldProps } from '../field-values.js';

export default function TagsInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const tags = stringList(value);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const add = () => {
    const next = addTag(tags, draft);
    setProblem(next.problem);
    if (next.problem === null) {
      if (next.tags.length !== tags.length) onChange(name, next.tags);
      setDraft('');
    }
  };
  return frame(
    name,
    label,
    hint,
    error,
    h(
      'div',
      { style: { display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' } },
      ...tags.map((tag) =>
        h(
          'span',
          { key: tag, 'data-baobab-tag': tag, style: { fontSize: 13, background: '#f0f0ff', border: '1px solid #d9d8ff', borderRadius: 12, padding: '2px 4px 2px 10px', display: 'inline-flex', gap: 4, alignItems: 'center' } },
          tag,
          h(
            'button',
            { type: 'button', disabled, 'aria-label': `Remove tag ${tag}`, onClick: () => onChange(name, tags.filter((item) => item !== tag)), style: { border: 0, background: 'transparent', cursor: 'pointer', fontSize: 14 } },
            '×',
          ),
        ),
      ),
      h('input', {
        type: 'text',
        name: `${name}:new`,
        value: draft,
        disabled,
        placeholder: 'Type a tag, press Enter',
        onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
        onKeyDown: (event: { key: string; preventDefault: () => void }) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          add();
        },
        style: { ...inputStyle, minWidth: 200 },
      }),
    ),
    problem === null ? null : h('p', { style: errorStyle }, problem),
  );
}
