// A site's web addresses (Site.hostnames, the same JSON list): a row per hostname, each
// checked as the editor types by the rule the save uses (src/content/hostnames.ts).
import { hostnameRowProblem } from '../../forms/controls.js';
import { frame, stringList, type FieldProps } from '../field-values.js';
import { TextRows } from './text-rows.js';
import { createElement as h } from 'react';

export default function HostnamesInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  return frame(
    name,
    label,
    hint,
    error,
    h(TextRows, {
      name,
      rows: stringList(value),
      addLabel: 'Add a web address',
      placeholder: 'kijana-ke.localhost',
      disabled,
      problemOf: hostnameRowProblem,
      onRows: (rows: string[]) => onChange(name, rows),
    }),
  );
}
