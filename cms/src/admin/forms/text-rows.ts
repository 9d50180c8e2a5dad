// A list of text inputs, one per item, with "Add" and "Remove" buttons and each row's own
// problem shown under it as the editor types (site web addresses, USSD service codes).
import { createElement as h } from 'react';
import { errorStyle, inputStyle } from '../field-values.js';

export interface TextRowsProps {
  /** Row inputs are named `${name}.${index}`. */
  readonly name: string;
  readonly rows: readonly string[];
  readonly addLabel: string;
  readonly placeholder: string;
  readonly disabled?: boolean;
  readonly problemOf: (row: string, index: number, rows: readonly string[]) => string | null;
  readonly onRows: (rows: string[]) => void;
}

export function TextRows({ name, rows, addLabel, placeholder, disabled, problemOf, onRows }: TextRowsProps) {
  return h(
    'div',
    { style: { display: 'flex', flexDirection: 'column', gap: 6 } },
    ...rows.map((row, index) => {
      const problem = problemOf(row, index, rows);
      return h(
        'div',
        { key: index, 'data-baobab-row': `${name}.${index}`, style: { display: 'flex', flexDirection: 'column', gap: 2 } },
        h(
          'div',
          { style: { display: 'flex', gap: 8, alignItems: 'center' } },
          h('input', {
            type: 'text',
            name: `${name}.${index}`,
            value: row,
            placeholder,
            disabled,
            'aria-invalid': problem !== null,
            style: { ...inputStyle, flex: 1, maxWidth: 420, borderColor: problem === null ? '#dcdce4' : '#d02b20' },
            onChange: (event: { target: { value: string } }) => onRows(rows.map((item, at) => (at === index ? event.target.value : item))),
          }),
          h(
            'button',
            { type: 'button', disabled, 'aria-label': `Remove ${row || 'this row'}`, onClick: () => onRows(rows.filter((_, at) => at !== index)), style: { ...inputStyle, cursor: 'pointer', background: '#fff' } },
            'Remove',
          ),
        ),
        problem === null ? null : h('p', { 'data-baobab-row-error': `${name}.${index}`, style: errorStyle }, problem),
      );
    }),
    h(
      'button',
      { type: 'button', disabled, onClick: () => onRows([...rows, '']), style: { ...inputStyle, cursor: 'pointer', background: '#f6f6f9', alignSelf: 'flex-start' } },
      addLabel,
    ),
  );
}
