import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { isContractFieldName } from '@/lib/contractFields';
import { Progress, Spinner } from '@/components/Spinner';
import { useDocument, type Proposal } from '../api';
import {
  byFormOrder,
  fieldLabel,
  formatConfidence,
  formatProposal,
  LOW_CONFIDENCE,
} from '../fields';
import '../documents.css';

export interface ProposalsPanelProps {
  documentId: string;
  /**
   * Applies an accepted proposal: the contract field's API name (`payment.amount`) and the value
   * as the API proposed it (`"12500.00"`). Without it the proposals are shown read-only.
   */
  onAccept?: (name: string, value: string) => void;
  /**
   * Which proposed fields the form beside it takes (default: the contract API's fields,
   * `CONTRACT_FIELD_NAMES`); the others (lessee, notice period, index clause) are shown for information.
   */
  canAccept?: (name: string) => boolean;
}

/**
 * What OCR read from a document, field by field: the value, how sure OCR is, and the text it
 * was read from, with "Accept" per contract field and "Accept all". A proposal changes nothing
 * by itself: `onAccept` fills a form the user still saves.
 */
export function ProposalsPanel({ documentId, onAccept, canAccept = isContractFieldName }: ProposalsPanelProps) {
  const { t } = useTranslation('documents');
  const headingId = useId();
  const document = useDocument(documentId);
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  const proposals = Object.entries(document.data?.proposed ?? {}).sort(([a], [b]) => byFormOrder(a, b));
  const acceptable = proposals.filter(([name]) => canAccept(name));

  function accept(entries: [string, Proposal][]) {
    if (!onAccept || entries.length === 0) return;
    for (const [name, proposal] of entries) onAccept(name, proposal.value);
    setAccepted((before) => new Set([...before, ...entries.map(([name]) => name)]));
    setAnnouncement(
      entries.length === 1
        ? t('proposals.acceptedOne', { field: fieldLabel(t, entries[0]![0]) })
        : t('proposals.acceptedAll', { number: entries.length }),
    );
  }

  let body: React.ReactNode;
  if (document.isPending) {
    body = <Spinner />;
  } else if (document.isError) {
    body = <ProblemAlert error={document.error} />;
  } else if (document.data.status === 'awaiting_upload' || document.data.status === 'processing') {
    body = <Progress label={t(`proposals.wait.${document.data.status}`)} />;
  } else if (document.data.status === 'failed') {
    body = (
      <p className="alert alert--error">
        {t('proposals.failed', { reason: t(`failure.${document.data.failureReason ?? 'unknown'}`) })}
      </p>
    );
  } else if (proposals.length === 0) {
    body = <p>{t('proposals.none')}</p>;
  } else {
    body = (
      <>
        <p className="proposals__intro">{t('proposals.intro')}</p>
        {onAccept && acceptable.length > 1 && (
          <button type="button" className="button" onClick={() => accept(acceptable)}>
            {t('proposals.acceptAll')}
          </button>
        )}
        <ul className="proposals__list">
          {proposals.map(([name, proposal]) => {
            const label = fieldLabel(t, name);
            const low = proposal.confidence < LOW_CONFIDENCE;
            return (
              <li key={name} className="proposal" data-field={name}>
                <div className="proposal__head">
                  <span className="proposal__label">{label}</span>
                  <span className="proposal__value">{formatProposal(t, name, proposal.value)}</span>
                </div>
                <p className="proposal__meta">
                  <span>{t('proposals.confidence', { value: formatConfidence(proposal.confidence) })}</span>
                  {low && <span className="badge badge--warning">{t('proposals.lowConfidence')}</span>}
                </p>
                <p className="proposal__source">
                  {t('proposals.source', { page: proposal.source.page })}{' '}
                  <q>{proposal.source.text}</q>
                </p>
                <div className="proposal__actions">
                  {!canAccept(name) ? (
                    <span className="proposal__note">{t('proposals.noContractField')}</span>
                  ) : onAccept ? (
                    <>
                      <button type="button" className="button" onClick={() => accept([[name, proposal]])}>
                        {t('proposals.accept')}
                        <span className="visually-hidden"> {label}</span>
                      </button>
                      {accepted.has(name) && <span className="badge badge--success">{t('proposals.accepted')}</span>}
                    </>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </>
    );
  }

  return (
    <section className="panel proposals" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('proposals.heading')}</h2>
      {body}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
