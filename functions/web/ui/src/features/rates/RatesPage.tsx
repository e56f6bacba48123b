import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { Field } from '@/components/Field';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { formatDate, formatDecimal } from '@/lib/format';
import { useInterestSeries, useNewestRateDay } from './api';
import { FxPanel } from './FxPanel';
import { InterestChart } from './InterestChart';
import { defaultRange, INTEREST_SERIES, interestRows, rangeProblem, type InterestRow, type InterestSeries } from './series';
import './rates.css';

/** `/rates`: the Riksbank interest series as a chart and a table, and FX rates over a range. */
export function RatesPage() {
  const { t } = useTranslation('rates');
  const newest = useNewestRateDay();
  if (newest.isPending) {
    return (
      <section>
        <PageHeader title={t('title')} />
        <Spinner />
      </section>
    );
  }
  // A failed look-up of the newest day only costs the default: the range then ends today.
  return <Rates initial={defaultRange(newest.data ?? undefined, new Date())} />;
}

function Rates({ initial }: { initial: { from: string; to: string } }) {
  const { t } = useTranslation('rates');
  const [draft, setDraft] = useState(initial);
  const [range, setRange] = useState(initial);
  const [shown, setShown] = useState<InterestSeries[]>([...INTEREST_SERIES]);
  const draftProblem = rangeProblem(draft.from, draft.to);
  const interest = useInterestSeries(range.from, range.to);
  const rows = useMemo(() => (interest.series ? interestRows(interest.series) : []), [interest.series]);

  const columns = useMemo<ColumnDef<InterestRow, unknown>[]>(
    () => [
      { id: 'date', header: t('interest.date'), accessorFn: (row) => row.date, cell: ({ row }) => formatDate(row.original.date) },
      ...INTEREST_SERIES.map<ColumnDef<InterestRow, unknown>>((series) => ({
        id: series,
        header: t(`series.${series}`),
        accessorFn: (row) => (row[series] === undefined ? undefined : Number(row[series])),
        sortUndefined: 'last',
        cell: ({ row }) => (row.original[series] === undefined ? '–' : `${formatDecimal(row.original[series], 4)} %`),
        meta: { numeric: true },
      })),
    ],
    [t],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    if (!draftProblem) setRange(draft);
  }

  return (
    <section className="rates-page">
      <PageHeader title={t('title')} />
      <form className="panel toolbar rates-range" onSubmit={apply} aria-label={t('range.label')} noValidate>
        <Field label={t('range.from')}>
          {(props) => (
            <input type="date" {...props} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          )}
        </Field>
        <Field label={t('range.to')} error={draftProblem ? t(`range.problems.${draftProblem}`) : undefined}>
          {(props) => (
            <input type="date" {...props} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          )}
        </Field>
        <button type="submit" className="button" disabled={draftProblem !== null}>
          {t('range.show')}
        </button>
        <p className="rates-note">{t('range.hint')}</p>
      </form>

      <section className="panel" aria-labelledby="interest-title">
        <h2 id="interest-title">{t('interest.title')}</h2>
        <fieldset className="rates-series">
          <legend>{t('interest.shown')}</legend>
          {INTEREST_SERIES.map((series) => (
            <label key={series}>
              <input
                type="checkbox"
                checked={shown.includes(series)}
                onChange={(event) =>
                  setShown(event.target.checked ? [...shown, series] : shown.filter((other) => other !== series))
                }
              />{' '}
              {t(`series.${series}`)}
            </label>
          ))}
        </fieldset>
        {interest.error ? (
          <ProblemAlert error={interest.error} />
        ) : !interest.series ? (
          <Spinner />
        ) : rows.length === 0 ? (
          <p className="alert alert--info">{t('interest.none', { from: formatDate(range.from), to: formatDate(range.to) })}</p>
        ) : (
          <>
            <InterestChart rows={rows} shown={shown} />
            <h3>{t('interest.tableTitle')}</h3>
            <DataTable
              caption={t('interest.tableCaption', { from: formatDate(range.from), to: formatDate(range.to) })}
              columns={columns.filter((column) => column.id === 'date' || shown.includes(column.id as InterestSeries))}
              data={rows}
              rowId={(row) => row.date}
              initialSorting={[{ id: 'date', desc: true }]}
              height={420}
            />
          </>
        )}
      </section>

      <FxPanel from={range.from} to={range.to} />
    </section>
  );
}
