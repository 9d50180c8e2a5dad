// A refused save keeps what the editor typed. Strapi's content manager writes the typed
// values into its cached copy of the document while a save is under way (an optimistic
// update); when the server refuses the save, it undoes that and refetches, the form's
// initial values change back to the stored ones, and the Form resets every field to them:
// the editor kept the message and lost the edit. This guard, rendered inside the edit
// view's form (as a side panel that shows nothing), puts the typed values back whenever
// such a reset follows a refused save (within 10 s, before the editor changes anything),
// and leaves Strapi's field messages where they are.
import { useEffect, useRef } from 'react';
import { useForm } from '@strapi/strapi/admin';

/** JSON-like equality, key order aside: what the form holds are plain values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameValue(left[key], right[key])) return false;
  return true;
}

/** How long after a refusal Strapi's refetch of the document may still reset the form. */
const REFETCH_WINDOW_MS = 10_000;

const hasErrors = (errors: unknown): boolean => typeof errors === 'object' && errors !== null && Object.keys(errors).length > 0;

interface GuardProps {
  readonly documentId?: string;
}

/** Rendered as an edit view side panel description: it runs inside the form and adds no panel. */
export function KeepTypedValues({ documentId }: GuardProps): null {
  const isSubmitting = useForm('KeepTypedValues', (state) => state.isSubmitting);
  const values = useForm('KeepTypedValues', (state) => state.values);
  const initialValues = useForm('KeepTypedValues', (state) => state.initialValues);
  const errors = useForm('KeepTypedValues', (state) => state.errors);
  const setValues = useForm('KeepTypedValues', (state) => state.setValues);
  /** The values of the save under way. */
  const sent = useRef<unknown>(null);
  /** The values of the last refused save, while the editor has not changed anything since. */
  const refused = useRef<unknown>(null);
  /** Until when a reset counts as Strapi's refetch after the refusal, not a later action (discarding the draft). */
  const refusedUntil = useRef(0);
  const lastInitial = useRef<unknown>(initialValues);

  useEffect(() => {
    refused.current = null;
    sent.current = null;
  }, [documentId]);

  useEffect(() => {
    const initialChanged = lastInitial.current !== initialValues;
    lastInitial.current = initialValues;
    if (isSubmitting) {
      // The editor's values as the save reads them (a blur may flush one more); not the
      // optimistic copy or the reset Strapi's cache pushes through the initial values.
      if (sent.current === null || !initialChanged) sent.current = values;
      return;
    }
    if (sent.current !== null) {
      const typed = sent.current;
      sent.current = null;
      // Refused: the form holds the server's messages. Put back what the save sent if a reset took it.
      refused.current = hasErrors(errors) ? typed : null;
      refusedUntil.current = Date.now() + REFETCH_WINDOW_MS;
      if (refused.current !== null && !sameValue(values, typed)) setValues(typed as typeof values);
      return;
    }
    if (refused.current === null || sameValue(values, refused.current)) return;
    if (initialChanged && sameValue(values, initialValues) && Date.now() < refusedUntil.current) {
      // Strapi's refetch after the refusal reset the form before the editor changed anything.
      setValues(refused.current as typeof values);
    } else if (initialChanged) {
      // Another action changed the stored document (discarding the draft, say): the form follows it.
      refused.current = null;
    } else {
      // The editor changed something since: their values are the form's now.
      refused.current = null;
    }
  }, [isSubmitting, values, initialValues, errors, setValues]);

  return null;
}
