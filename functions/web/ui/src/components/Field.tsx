import { useId, type ReactNode } from 'react';

/** The ids that tie a control to its label, hint and error, and the control's ARIA attributes. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  label: string;
  /** The API's message for this field (problem details `errors[]`) or a form validation message. */
  error?: string;
  hint?: string;
  /** Renders the control with the ids that tie it to its label, hint and error. */
  children: (props: FieldControlProps) => ReactNode;
  /** Where the label goes: before the control (inputs, selects) or after it (checkboxes). */
  labelAfter?: boolean;
}

/** A labelled form control with its hint and its error beside it (announced to screen readers). */
export function Field({ label, error, hint, children, labelAfter = false }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const control = children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy || undefined });
  const labelElement = <label htmlFor={id}>{label}</label>;
  return (
    <div className={['field', labelAfter ? 'field--check' : null, error ? 'field--invalid' : null].filter(Boolean).join(' ')}>
      {labelAfter ? (
        <div className="field--check__row">
          {control}
          {labelElement}
        </div>
      ) : (
        <>
          {labelElement}
          {control}
        </>
      )}
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
