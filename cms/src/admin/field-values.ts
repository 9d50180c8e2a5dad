// What Baobab's form controls share: reading a stored value (the form holds a list or an
// object, or from the old JSON editor its text) and the frame every control sits in.
import { createElement as h, type ReactNode } from 'react';

/** What the content manager gives a custom field's Input (InputRenderer: its props plus useField). */
export interface FieldProps {
  readonly name: string;
  readonly label?: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string;
  readonly disabled?: boolean;
  readonly required?: boolean;
  readonly value?: unknown;
  readonly onChange: (name: string, value: unknown) => void;
}

const parsed = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
};

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The strings of a stored list (site codes, locale codes, hostnames, tags). */
export function stringList(value: unknown): string[] {
  const list = parsed(value);
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/** A stored object (theme overrides, channels), or an empty one. */
export function recordOf(value: unknown): Record<string, unknown> {
  const record = parsed(value);
  return isRecord(record) ? record : {};
}

export const errorStyle = { fontSize: 12, color: '#d02b20', margin: 0 } as const;
export const hintStyle = { fontSize: 12, color: '#666687', margin: 0 } as const;
export const inputStyle = { fontSize: 14, padding: '6px 8px', border: '1px solid #dcdce4', borderRadius: 4 } as const;

/** A control's fieldset: its label as legend, then the control, its help text and the save's message. */
export function frame(name: string, label: ReactNode, hint: ReactNode, error: string | undefined, ...children: ReactNode[]) {
  return h(
    'fieldset',
    { 'data-baobab-field': name, style: { border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 } },
    h('legend', { style: { fontSize: 12, fontWeight: 600, marginBottom: 4 } }, label ?? name),
    ...children,
    hint ? h('p', { style: hintStyle }, hint) : null,
    error ? h('p', { role: 'alert', 'data-strapi-field-error': 'true', style: errorStyle }, error) : null,
  );
}

/** A nested part of a save's message (`themeTokens.colors.text`), as the form holds it under the field. */
export function nestedError(raw: unknown, ...path: string[]): string | undefined {
  let at: unknown = raw;
  for (const key of path) at = Array.isArray(at) ? at[Number(key)] : isRecord(at) ? at[key] : undefined;
  if (typeof at === 'string') return at;
  if (isRecord(at) && typeof at.defaultMessage === 'string') return at.defaultMessage;
  return undefined;
}

export interface SelectOption {
  readonly value: string;
  readonly text: string;
}

/**
 * A select storing the chosen option's value (null for none). While `options` is null it
 * shows `loading`; a stored value that is no longer offered stays visible as `missing(value)`.
 */
export function optionSelect(props: {
  readonly name: string;
  readonly current: string;
  readonly options: readonly SelectOption[] | null;
  readonly disabled?: boolean;
  readonly onChange: (name: string, value: unknown) => void;
  readonly loading: string;
  readonly none: string;
  readonly missing: (value: string) => string;
}): ReactNode {
  const { name, current, options, disabled, onChange } = props;
  const isMissing = options !== null && current !== '' && !options.some((option) => option.value === current);
  return h(
    'select',
    {
      name,
      value: current,
      disabled: disabled || options === null,
      onChange: (event: { target: { value: string } }) => onChange(name, event.target.value === '' ? null : event.target.value),
      style: { ...inputStyle, maxWidth: 360 },
    },
    h('option', { value: '' }, options === null ? props.loading : props.none),
    ...(options ?? []).map((option) => h('option', { key: option.value, value: option.value }, option.text)),
    isMissing ? h('option', { key: current, value: current }, props.missing(current)) : null,
  );
}
