import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { confirmationMatches } from '../countdown';

interface ErasureScheduleFormProps {
  /** The company's name as the settings spell it; unknown while loading (nothing matches then). */
  companyName: string | undefined;
  busy: boolean;
  error: unknown;
  /** Schedules the erasure with the typed name and the reason; a thrown refusal stays in `error`. */
  onSchedule: (confirm: string, reason: string) => Promise<void>;
}

/**
 * The deliberate step before the company's erasure: the button stays disabled until the
 * admin has typed the company's name exactly and given a reason.
 */
export function ErasureScheduleForm({ companyName, busy, error, onSchedule }: ErasureScheduleFormProps) {
  const { t } = useTranslation('company');
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const ready = confirmationMatches(typed, companyName) && reason.trim() !== '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    try {
      await onSchedule(typed.trim(), reason.trim());
      setTyped('');
      setReason('');
    } catch {
      // The refusal arrives as `error` and is shown below.
    }
  }

  return (
    <form onSubmit={submit} className="company-form">
      <p>
        <strong>{t('data.erasure.warning')}</strong>
      </p>
      <p>{t('data.erasure.explain')}</p>
      <Field label={t('data.erasure.typeName', { name: companyName ?? '' })} hint={t('data.erasure.typeNameHint')}>
        {(props) => <input {...props} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field label={t('data.erasure.reason')} hint={t('data.erasure.reasonHint')}>
        {(props) => <textarea {...props} rows={2} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <ProblemAlert error={error} />
      <button type="submit" className="button button--danger" disabled={!ready || busy}>
        {t('data.erasure.schedule')}
      </button>
    </form>
  );
}
