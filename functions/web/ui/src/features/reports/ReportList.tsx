import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Progress, Spinner } from '@/components/Spinner';
import { formatDate, formatInstant } from '@/lib/format';
import { useReportDownload, useReports } from './api';
import { isSettled, type Report, type ReportStatus } from './request';

const BADGE: Record<ReportStatus, string> = {
  pending: 'badge',
  processing: 'badge',
  finished: 'badge badge--success',
  failed: 'badge badge--danger',
};

/** The company's reports, newest first, with each one's status and the download of finished ones. */
export function ReportList() {
  const { t } = useTranslation('reports');
  const { t: tc } = useTranslation('common');
  const reports = useReports();
  const download = useReportDownload();

  const columns = useMemo<ColumnDef<Report, unknown>[]>(
    () => [
      {
        id: 'createdAt',
        header: t('list.ordered'),
        accessorFn: (report) => report.createdAt,
        cell: ({ row }) => formatInstant(row.original.createdAt),
      },
      {
        id: 'period',
        header: t('list.period'),
        accessorFn: (report) => `${report.request.periodStart} ${report.request.periodEnd}`,
        cell: ({ row }) => `${formatDate(row.original.request.periodStart)} – ${formatDate(row.original.request.periodEnd)}`,
      },
      {
        id: 'framework',
        header: t('list.framework'),
        accessorFn: (report) => report.request.framework,
        cell: ({ row }) => t(`frameworks.${row.original.request.framework}`),
      },
      {
        id: 'currency',
        header: t('list.currency'),
        accessorFn: (report) => report.request.reportingCurrency,
      },
      {
        id: 'language',
        header: t('list.language'),
        accessorFn: (report) => report.request.language,
        cell: ({ row }) => tc(`language.names.${row.original.request.language}`),
      },
      {
        id: 'format',
        header: t('list.format'),
        accessorFn: (report) => report.request.format,
        cell: ({ row }) => t(`formats.${row.original.request.format}`),
      },
      {
        id: 'contracts',
        header: t('list.contracts'),
        accessorFn: (report) => report.contracts ?? 0,
        cell: ({ row }) => row.original.contracts ?? '',
        meta: { numeric: true },
      },
      {
        id: 'status',
        header: t('list.status'),
        accessorFn: (report) => report.status,
        cell: ({ row }) => <ReportStatusCell report={row.original} />,
      },
      {
        id: 'actions',
        header: t('list.actions'),
        enableSorting: false,
        cell: ({ row }) =>
          row.original.status === 'finished' ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={download.isPending && download.variables === row.original.id}
              aria-label={t('list.downloadNamed', { name: row.original.fileName ?? row.original.id })}
              onClick={async () => {
                const link = await download.mutateAsync(row.original.id).catch(() => null);
                // The presigned URL answers as an attachment: the browser saves it and stays here.
                if (link) window.location.assign(link.url);
              }}
            >
              {t('list.download')}
            </button>
          ) : null,
      },
    ],
    [t, tc, download],
  );

  if (reports.isPending) return <Spinner />;
  if (reports.isError) return <ProblemAlert error={reports.error} />;
  const building = reports.data.items.filter((report) => !isSettled(report.status)).length;
  return (
    <section aria-labelledby="report-list-title">
      <h2 id="report-list-title">{t('list.title')}</h2>
      {/* Screen readers hear when the reports being built change (the badges update silently). */}
      <p className="visually-hidden" role="status">
        {building > 0 ? t('list.building', { building }) : ''}
      </p>
      <ProblemAlert error={download.error} />
      <DataTable
        caption={t('list.title')}
        columns={columns}
        data={reports.data.items}
        rowId={(report) => report.id}
        empty={t('list.empty')}
      />
    </section>
  );
}

function ReportStatusCell({ report }: { report: Report }) {
  const { t } = useTranslation('reports');
  return (
    <div className="report-status">
      <span className={BADGE[report.status]}>{t(`status.${report.status}`)}</span>
      {!isSettled(report.status) && (
        // The API tells no percentage: the bar runs until the report is finished or failed.
        <Progress label={t(`progress.${report.status}`)} />
      )}
      {report.status === 'failed' && report.failureReason && (
        <p className="report-status__reason">{t('list.failureReason', { reason: report.failureReason })}</p>
      )}
    </div>
  );
}
