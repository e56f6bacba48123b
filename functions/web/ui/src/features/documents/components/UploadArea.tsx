import { useId, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Progress } from '@/components/Spinner';
import { useCan } from '@/lib/auth';
import { ProblemError } from '@/lib/problem';
import { useDocument, useUploadDocument, type UploadState } from '../api';
import { ACCEPT, UploadError } from '../upload';
import { DocumentStatus } from './DocumentStatus';

/**
 * Upload by drag and drop or with the "Choose file" button (the keyboard's way in): one file,
 * checked here first (type, size), registered with the API, sent to the storage with progress,
 * then followed while OCR reads it.
 */
export function UploadArea({ contractId }: { contractId?: string }) {
  const { t } = useTranslation('documents');
  const headingId = useId();
  const hintId = useId();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const upload = useUploadDocument(contractId, setState);
  const busy = state.phase === 'registering' || state.phase === 'uploading';

  const { getRootProps, getInputProps, open, isDragActive } = useDropzone({
    accept: ACCEPT,
    multiple: false,
    // The zone is a drop target only; the button opens the file chooser (focusable, labelled).
    noClick: true,
    noKeyboard: true,
    useFsAccessApi: false,
    disabled: busy,
    onDrop: (accepted, rejected) => {
      if (accepted.length + rejected.length > 1) {
        setState({ phase: 'refused', refusal: 'tooMany' });
        return;
      }
      // The zone's own refusal says only "invalid type": our check says which and why.
      const file = accepted[0] ?? rejected[0]?.file;
      if (file) upload.mutate(file);
    },
  });

  return (
    <section className="panel upload" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('upload.heading')}</h2>
      <div {...getRootProps({ className: isDragActive ? 'dropzone dropzone--active' : 'dropzone' })}>
        {/* The chooser's input: the button below is its accessible stand-in. */}
        <input {...getInputProps({ 'aria-hidden': true })} />
        <p id={hintId}>{isDragActive ? t('upload.dropActive') : t('upload.drop')}</p>
        <button type="button" className="button" onClick={open} disabled={busy} aria-describedby={hintId}>
          {t('upload.choose')}
        </button>
      </div>
      <UploadProgress state={state} />
    </section>
  );
}

function UploadProgress({ state }: { state: UploadState }) {
  const { t } = useTranslation('documents');
  const canEditContracts = useCan('editContracts');
  const documentId = 'documentId' in state ? state.documentId : undefined;
  // Follows the document once its file has gone: OCR status by polling.
  const document = useDocument(state.phase === 'uploaded' ? documentId : undefined);

  switch (state.phase) {
    case 'idle':
      return null;
    case 'refused':
      return (
        <p className="alert alert--error" role="alert">
          {t(`upload.refused.${state.refusal}`, { name: state.fileName ?? '' })}
        </p>
      );
    case 'registering':
      return <Progress label={t('upload.registering', { name: state.fileName })} />;
    case 'uploading':
      return <Progress label={t('upload.progress', { name: state.fileName, percent: state.percent })} value={state.percent} />;
    case 'failed':
      return <UploadFailure error={state.error} />;
    case 'uploaded': {
      const current = document.data;
      return (
        <div className="upload__result">
          <Progress label={t('upload.sent', { name: state.fileName })} value={100} />
          {current ? (
            <p role="status" className="upload__status">
              <span>{state.fileName}:</span> <DocumentStatus document={current} />
            </p>
          ) : null}
          {current && (current.status === 'processing' || current.status === 'awaiting_upload') && (
            <Progress label={t('upload.reading', { name: state.fileName })} />
          )}
          <p className="upload__links">
            <Link to={`/documents/${state.documentId}`}>{t('upload.open', { name: state.fileName })}</Link>
            {current?.status === 'processed' && canEditContracts && current.proposed && Object.keys(current.proposed).length > 0 && (
              <Link to={`/documents/${state.documentId}/contract`}>{t('upload.useProposals')}</Link>
            )}
          </p>
        </div>
      );
    }
  }
}

/** An API refusal is the API's problem (in the user's language); a storage refusal is ours to say. */
function UploadFailure({ error }: { error: unknown }) {
  const { t } = useTranslation('documents');
  if (error instanceof ProblemError || !(error instanceof UploadError)) return <ProblemAlert error={error} />;
  return (
    <p className="alert alert--error" role="alert">
      {error.status === 0 ? t('upload.storageUnreachable') : t('upload.storageRefused', { code: error.code ?? error.status })}
    </p>
  );
}
