import { useId, type ComponentPropsWithRef } from 'react';

interface CheckboxFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'type' | 'id'> {
  label: string;
  /** What turning it on does, beside the box (read with it by screen readers). */
  hint?: string;
  error?: string;
}

/** A checkbox with its label after it, its explanation and the API's message for it. */
export function CheckboxField({ label, hint, error, ...input }: CheckboxFieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--check field--invalid' : 'field field--check'}>
      <div className="field--check__row">
        <input type="checkbox" id={id} aria-invalid={Boolean(error)} aria-describedby={describedBy || undefined} {...input} />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
