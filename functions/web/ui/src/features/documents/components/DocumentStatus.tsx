import { useTranslation } from 'react-i18next';
import type { DocumentRecord } from '../api';

const BADGE: Record<DocumentRecord['status'], string> = {
  awaiting_upload: 'badge',
  processing: 'badge badge--warning',
  processed: 'badge badge--success',
  failed: 'badge badge--danger',
};

/** The OCR status in words, with the failure's reason when it failed. */
export function DocumentStatus({ document }: { document: Pick<DocumentRecord, 'status' | 'failureReason'> }) {
  const { t } = useTranslation('documents');
  return (
    <span className="document-status">
      <span className={BADGE[document.status]}>{t(`status.${document.status}`)}</span>
      {document.status === 'failed' && (
        <span className="document-status__reason">{t(`failure.${document.failureReason ?? 'unknown'}`)}</span>
      )}
    </span>
  );
}
