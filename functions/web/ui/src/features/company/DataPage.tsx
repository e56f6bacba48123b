import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { Field } from '@/components/Field';
import { ProblemAlert } from '@/components/ProblemAlert';
import { ReasonDialog } from '@/components/ReasonDialog';
import { Progress, Spinner } from '@/components/Spinner';
import { formatInstant } from '@/lib/format';
import { ProblemError } from '@/lib/problem';
import {
  exportDownload,
  isSettled,
  useCancelErasure,
  useCompanyErasure,
  useCompanySettings,
  useExport,
  useExports,
  useRequestExport,
  useScheduleErasure,
  type CompanyErasure,
  type CompanyExport,
} from './api';
import { ErasureScheduleForm } from './components/ErasureScheduleForm';
import { explainProblem } from './components/explainProblem';
import { countdown, formatUnit, useNow } from './countdown';

export function DataPage() {
  const { t } = useTranslation('company');
  return (
    <>
      <p>{t('data.intro')}</p>
      <ExportSection />
      <ErasureSection />
    </>
  );
}

function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes < 1_000_000 ? formatUnit(Math.max(bytes / 1000, 0.1), 'kilobyte', 1) : formatUnit(bytes / 1_000_000, 'megabyte', 1);
}

function ExportSection() {
  const { t } = useTranslation('company');
  const exports = useExports();
  const request = useRequestExport();
  const [asking, setAsking] = useState(false);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const current = useExport(currentId);
  const [linkError, setLinkError] = useState<unknown>(null);

  async function download(id: string) {
    setLinkError(null);
    try {
      const link = await exportDownload(id);
      if (link) window.location.assign(link.url);
    } catch (error) {
      setLinkError(error);
    }
  }

  const columns: ColumnDef<CompanyExport, unknown>[] = [
    { id: 'createdAt', header: t('data.export.requested'), accessorFn: (row) => row.createdAt, cell: ({ row }) => formatInstant(row.original.createdAt) },
    {
      id: 'status',
      header: t('data.export.status'),
      accessorFn: (row) => row.status,
      // The text is made at render: a cached value would keep the language it was made in.
      cell: ({ row }) => t(`data.export.statuses.${row.original.status}`),
    },
    { id: 'reason', header: t('data.export.reason'), accessorFn: (row) => row.reason },
    { id: 'size', header: t('data.export.size'), accessorFn: (row) => row.size ?? 0, cell: ({ row }) => formatSize(row.original.size), meta: { numeric: true } },
    {
      id: 'download',
      header: t('data.export.download'),
      enableSorting: false,
      cell: ({ row }) =>
        row.original.status === 'finished' ? (
          <button type="button" className="button--quiet" onClick={() => void download(row.original.id)}>
            {t('data.export.downloadOne', { date: formatInstant(row.original.createdAt) })}
          </button>
        ) : null,
    },
  ];

  const shown = current.data;
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('data.export.heading')}</h2>
      <p>{t('data.export.explain')}</p>
      <button type="button" className="button" onClick={() => setAsking(true)}>
        {t('data.export.request')}
      </button>
      {currentId && !shown && <Spinner />}
      <ProblemAlert error={current.error} />
      {shown && !isSettled(shown.status) && (
        <Progress label={t('data.export.working', { status: t(`data.export.statuses.${shown.status}`) })} />
      )}
      {shown?.status === 'failed' && (
        <div className="alert alert--error" role="alert">
          <strong>{t('data.export.failed')}</strong>
          {shown.failureReason && <p>{shown.failureReason}</p>}
        </div>
      )}
      {shown?.status === 'finished' && shown.download && (
        <div className="alert alert--success" role="status">
          <strong>{t('data.export.ready', { size: formatSize(shown.size) })}</strong>
          <p>
            <a className="button" href={shown.download.url} download>
              {t('data.export.downloadZip')}
            </a>{' '}
            {t('data.export.expires', { time: formatInstant(shown.download.expiresAt) })}
          </p>
        </div>
      )}
      <ProblemAlert error={linkError} />
      <h3>{t('data.export.earlier')}</h3>
      {exports.isPending && <Spinner />}
      <ProblemAlert error={exports.error} />
      {exports.data && (
        <DataTable caption={t('data.export.earlier')} columns={columns} data={exports.data} rowId={(row) => row.id} empty={t('data.export.none')} />
      )}
      <ReasonDialog
        open={asking}
        title={t('data.export.confirmTitle')}
        confirmLabel={t('data.export.request')}
        onConfirm={async (reason) => {
          try {
            const accepted = await request.mutateAsync(reason);
            setCurrentId(accepted.id);
          } catch (error) {
            // One export at a time: the API's 429 gets the reason in words.
            if (error instanceof ProblemError && error.status === 429) {
              throw new ProblemError({ ...error.problem, detail: t('data.export.busy') }, error.status);
            }
            throw explainProblem(error);
          }
        }}
        onClose={() => setAsking(false)}
      >
        <p>{t('data.export.confirmDetail')}</p>
      </ReasonDialog>
    </section>
  );
}

function ErasureSection() {
  const { t } = useTranslation('company');
  const erasure = useCompanyErasure();
  return (
    <section className="danger-zone" aria-labelledby="erasure-heading">
      <h2 id="erasure-heading">{t('data.erasure.heading')}</h2>
      {erasure.isPending && <Spinner />}
      <ProblemAlert error={erasure.error} />
      {erasure.data === null && <ScheduleErasure />}
      {erasure.data && <ScheduledErasure erasure={erasure.data} />}
    </section>
  );
}

function ScheduleErasure() {
  const settings = useCompanySettings();
  const schedule = useScheduleErasure();
  return (
    <>
      <ProblemAlert error={settings.error} />
      <ErasureScheduleForm
        companyName={settings.data?.name}
        busy={schedule.isPending}
        error={explainProblem(schedule.error)}
        onSchedule={async (confirm, reason) => {
          await schedule.mutateAsync({ confirm, reason });
        }}
      />
    </>
  );
}

function ScheduledErasure({ erasure }: { erasure: CompanyErasure }) {
  const { t } = useTranslation('company');
  const now = useNow(30_000, erasure.scheduledFor);
  const left = countdown(erasure.scheduledFor, now);
  const cancel = useCancelErasure();
  const [reason, setReason] = useState('');
  const running = erasure.state === 'running';

  return (
    <div>
      <div className="alert alert--error" role="status">
        <strong>{running ? t('data.erasure.running') : t('data.erasure.scheduledFor', { time: formatInstant(erasure.scheduledFor) })}</strong>
        {!running && (
          <p className="countdown" aria-live="polite">
            {left.due
              ? t('data.erasure.due')
              : t('data.erasure.countdown', {
                  days: formatUnit(left.days, 'day'),
                  hours: formatUnit(left.hours, 'hour'),
                  minutes: formatUnit(left.minutes, 'minute'),
                })}
          </p>
        )}
        <p>{t('data.erasure.requested', { time: formatInstant(erasure.requestedAt), reason: erasure.reason })}</p>
      </div>
      {running ? (
        <p>{t('data.erasure.cannotCancel')}</p>
      ) : (
        <form
          className="company-form"
          onSubmit={(event) => {
            event.preventDefault();
            cancel.mutate(reason.trim());
          }}
        >
          <Field label={t('data.erasure.cancelReason')} hint={t('data.erasure.cancelReasonHint')}>
            {(props) => <textarea {...props} rows={2} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          <ProblemAlert error={explainProblem(cancel.error)} />
          <button type="submit" className="button" disabled={cancel.isPending}>
            {t('data.erasure.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}
