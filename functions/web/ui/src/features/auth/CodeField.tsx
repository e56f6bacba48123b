import { useTranslation } from 'react-i18next';
import { Field } from '@/components/Field';

/** The six-digit code of the authenticator app (used by sign-in and by the account page). */
export function CodeField({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('auth');
  return (
    <Field label={t('code.label')} hint={t('code.hint')} error={error}>
      {(props) => (
        <input
          {...props}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          autoFocus={autoFocus}
          required
          value={value}
          onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
        />
      )}
    </Field>
  );
}
