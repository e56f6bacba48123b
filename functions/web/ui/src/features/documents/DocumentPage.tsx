import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ReasonDialog } from '@/components/ReasonDialog';
import { Progress, Spinner } from '@/components/Spinner';
import { useCan } from '@/lib/auth';
import { formatInstant } from '@/lib/format';
import { downloadUrl, useContractNames, useDeleteDocument, useDocument } from './api';
import { DocumentStatus } from './components/DocumentStatus';
import { ProposalsPanel } from './components/ProposalsPanel';
import { formatSize } from './fields';
import './documents.css';

/** One document: its record, its OCR status (followed while it is read), download, delete, proposals. */
export function DocumentPage() {
  const { t } = useTranslation('documents');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const document = useDocument(id);
  const contracts = useContractNames();
  const canDelete = useCan('deleteDocuments');
  const canEditContracts = useCan('editContracts');
  const remove = useDeleteDocument(id);
  const [deleting, setDeleting] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState(false);

  if (document.isPending) return <Spinner />;
  if (document.isError) {
    return (
      <>
        <PageHeader title={t('title')} />
        <ProblemAlert error={document.error} />
        <Link to="/documents">{t('detail.back')}</Link>
      </>
    );
  }
  const record = document.data;
  const reading = record.status === 'awaiting_upload' || record.status === 'processing';
  const hasProposals = record.status === 'processed' && Object.keys(record.proposed ?? {}).length > 0;

  async function download() {
    setDownloading(true);
    setDownloadError(null);
    try {
      // A presigned GET answered as an attachment: the page stays, the browser saves the file.
      window.location.assign(await downloadUrl(id));
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <>
      <PageHeader
        title={record.fileName}
        actions={
          <>
            {hasProposals && canEditContracts && (
              <Link className="button" to={`/documents/${id}/contract`}>
                {record.contractId ? t('detail.updateContract') : t('detail.createContract')}
              </Link>
            )}
            {record.status !== 'awaiting_upload' && (
              <button type="button" className="button button--secondary" onClick={download} disabled={downloading}>
                {t('detail.download')}
              </button>
            )}
            {canDelete && (
              <button type="button" className="button button--danger" onClick={() => setDeleting(true)}>
                {t('detail.delete')}
              </button>
            )}
          </>
        }
      />
      <p>
        <Link to="/documents">{t('detail.back')}</Link>
      </p>
      <ProblemAlert error={downloadError} />
      <section className="panel document-facts" aria-labelledby="document-facts-heading">
        <h2 id="document-facts-heading">{t('detail.heading')}</h2>
        <dl className="facts">
          <dt>{t('detail.status')}</dt>
          <dd>
            <DocumentStatus document={record} />
          </dd>
          <dt>{t('detail.contract')}</dt>
          <dd>
            {record.contractId ? (
              <Link to={`/contracts/${record.contractId}`}>{contracts.data?.get(record.contractId) ?? record.contractId}</Link>
            ) : (
              t('list.noContract')
            )}
          </dd>
          <dt>{t('detail.contentType')}</dt>
          <dd>{record.contentType}</dd>
          <dt>{t('detail.size')}</dt>
          <dd>{formatSize(record.size)}</dd>
          <dt>{t('detail.pages')}</dt>
          <dd>{record.pages ?? '–'}</dd>
          <dt>{t('detail.created')}</dt>
          <dd>{formatInstant(record.createdAt)}</dd>
        </dl>
        {reading && <Progress label={t(`proposals.wait.${record.status}`)} />}
      </section>
      {record.status !== 'failed' && !reading && <ProposalsPanel documentId={id} />}
      <ReasonDialog
        open={deleting}
        title={t('detail.deleteTitle', { name: record.fileName })}
        confirmLabel={t('detail.deleteConfirm')}
        danger
        onConfirm={async (reason) => {
          await remove.mutateAsync(reason);
          navigate('/documents', { replace: true });
        }}
        onClose={() => setDeleting(false)}
      >
        <p>{t('detail.deleteText')}</p>
      </ReasonDialog>
    </>
  );
}
