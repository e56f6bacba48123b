import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { formatDate, formatMoney } from '@/lib/format';
import { fetchScheduleCsv, useContract, useSchedule, type ScheduleRow } from '../api';
import '../contracts.css';

// recharts is big: it loads with the chart, not with the app.
const ScheduleChart = lazy(() => import('../components/ScheduleChart'));

const MONEY_COLUMNS = [
  'openingLiability',
  'liabilityRemeasurement',
  'interest',
  'payment',
  'closingLiability',
  'openingRightOfUseAsset',
  'rightOfUseAssetRemeasurement',
  'depreciation',
  'closingRightOfUseAsset',
  'expense',
] as const;
const DATE_COLUMNS = ['startDate', 'endDate', 'paymentDate'] as const;

/** A name for the downloaded file: the contract's reference (or id), safe in any file system. */
export function scheduleFileName(contract: { id: string; reference?: string }): string {
  const base = (contract.reference ?? contract.id).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `schedule-${base || contract.id}.csv`;
}

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the file once the click is handled.
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The liability and right-of-use schedule of a contract: chart, remeasurements, every row, CSV. */
export function SchedulePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('contracts');
  const contract = useContract(id);
  const schedule = useSchedule(id);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const columns = useMemo<ColumnDef<ScheduleRow, unknown>[]>(
    () => [
      { id: 'period', accessorKey: 'period', header: t('schedule.columns.period'), meta: { numeric: true } },
      ...DATE_COLUMNS.map(
        (key): ColumnDef<ScheduleRow, unknown> => ({
          id: key,
          accessorKey: key,
          header: t(`schedule.columns.${key}`),
          cell: ({ row }) => <span className="nowrap">{formatDate(row.original[key])}</span>,
        }),
      ),
      ...MONEY_COLUMNS.map(
        (key): ColumnDef<ScheduleRow, unknown> => ({
          id: key,
          accessorKey: key,
          header: t(`schedule.columns.${key}`),
          meta: { numeric: true },
          enableSorting: false,
          cell: ({ row }) => formatMoney(row.original[key]),
        }),
      ),
      { id: 'version', accessorKey: 'version', header: t('schedule.columns.version'), meta: { numeric: true } },
    ],
    [t],
  );

  const name = contract.data?.contract.name;
  const title = t('schedule.title', { name: name ?? '' });

  async function download() {
    setDownloading(true);
    setDownloadError(null);
    try {
      const blob = await fetchScheduleCsv(id);
      saveBlob(blob, scheduleFileName(contract.data?.contract ?? { id }));
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/contracts/${id}`}>{name ?? t('detail.title')}</Link>
      </p>
      <PageHeader
        title={title}
        actions={
          <button type="button" className="button" onClick={download} disabled={downloading || !schedule.data}>
            {t('schedule.download')}
          </button>
        }
      />
      <ProblemAlert error={downloadError} />
      <ProblemAlert error={schedule.error} />
      {schedule.isPending && <Spinner />}
      {schedule.data && (
        <>
          <p className="field__hint">
            {t('schedule.summary', {
              framework: t(`schedule.framework.${schedule.data.framework}`),
              currency: schedule.data.currency,
              rows: schedule.data.rows.length,
            })}
          </p>
          <figure className="panel schedule-figure" aria-labelledby="schedule-chart-title">
            <figcaption>
              <h2 id="schedule-chart-title">{t('schedule.chartTitle')}</h2>
              <p className="field__hint">{t('schedule.chartHint')}</p>
            </figcaption>
            <Suspense fallback={<Spinner />}>
              <ScheduleChart schedule={schedule.data} title={t('schedule.chartTitle')} />
            </Suspense>
          </figure>

          {schedule.data.remeasurements.length > 0 && (
            <section aria-labelledby="remeasurements-heading">
              <h2 id="remeasurements-heading">{t('schedule.remeasurements')}</h2>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('schedule.remeasurements')}>
                <table className="data-table">
                  <caption className="visually-hidden">{t('schedule.remeasurements')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('versions.version')}</th>
                      <th scope="col">{t('fields.effectiveFrom')}</th>
                      <th scope="col" className="num">{t('versions.liabilityBefore')}</th>
                      <th scope="col" className="num">{t('versions.liabilityAfter')}</th>
                      <th scope="col" className="num">{t('versions.rightOfUseAssetBefore')}</th>
                      <th scope="col" className="num">{t('versions.rightOfUseAssetAfter')}</th>
                      <th scope="col" className="num">{t('schedule.profitOrLoss')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {schedule.data.remeasurements.map((remeasurement) => (
                      <tr key={remeasurement.version}>
                        <th scope="row">{remeasurement.version}</th>
                        <td>{formatDate(remeasurement.effectiveFrom)}</td>
                        <td className="num">{formatMoney(remeasurement.liabilityBefore)}</td>
                        <td className="num">{formatMoney(remeasurement.liabilityAfter)}</td>
                        <td className="num">{formatMoney(remeasurement.rightOfUseAssetBefore)}</td>
                        <td className="num">{formatMoney(remeasurement.rightOfUseAssetAfter)}</td>
                        <td className="num">{formatMoney(remeasurement.profitOrLoss)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}

          <h2>{t('schedule.rows')}</h2>
          <DataTable
            caption={t('schedule.tableCaption', { currency: schedule.data.currency })}
            columns={columns}
            data={schedule.data.rows}
            rowId={(row) => String(row.period)}
            height={640}
          />
        </>
      )}
    </section>
  );
}
