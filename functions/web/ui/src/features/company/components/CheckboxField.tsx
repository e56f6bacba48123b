import type { ComponentPropsWithRef } from 'react';
import { Field } from '@/components/Field';

interface CheckboxFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'type' | 'id'> {
  label: string;
  /** What turning it on does, beside the box (read with it by screen readers). */
  hint?: string;
  error?: string;
}

/** A checkbox with its label after it, its explanation and the API's message for it. */
export function CheckboxField({ label, hint, error, ...input }: CheckboxFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} labelAfter>
      {(control) => <input type="checkbox" {...control} {...input} />}
    </Field>
  );
}
