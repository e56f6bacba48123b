import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './Field';
import { ProblemAlert } from './ProblemAlert';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in a sentence or two. */
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Runs the change with the reason; a thrown problem is shown in the dialog, which stays open. */
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A modal `<dialog>` that asks why before a change the audit log records (archive, delete,
 * deactivate, erase): focus moves into it, Escape closes it, the reason is required.
 */
export function ReasonDialog({ open, title, children, confirmLabel, danger, onConfirm, onClose }: ReasonDialogProps) {
  const { t } = useTranslation('common');
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      setReason('');
      setError(null);
      element.showModal();
    } else if (!open && element.open) {
      element.close();
    }
  }, [open]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <Field label={t('reason.label')} hint={t('reason.hint')}>
          {(props) => (
            <textarea {...props} required rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
        </Field>
        <ProblemAlert error={error} />
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" className={danger ? 'button button--danger' : 'button'} disabled={busy || reason.trim() === ''}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
