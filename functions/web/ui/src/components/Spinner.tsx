import { useTranslation } from 'react-i18next';

/** A busy indicator with a text for screen readers. */
export function Spinner({ label }: { label?: string }) {
  const { t } = useTranslation('common');
  return (
    <span className="spinner" role="status">
      <span className="spinner__dot" aria-hidden="true" />
      <span className="visually-hidden">{label ?? t('loading')}</span>
    </span>
  );
}

/** Progress of a long operation (an upload, a report being built). */
export function Progress({ label, value }: { label: string; value?: number }) {
  return (
    <div className="progress">
      <label>
        {label}
        <progress max={100} value={value} />
      </label>
    </div>
  );
}
