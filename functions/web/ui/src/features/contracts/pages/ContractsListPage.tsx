import Big from 'big.js';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { useCan } from '@/lib/auth';
import { formatDate, formatMoney } from '@/lib/format';
import { ASSET_CLASSES, useContracts, type ContractStatus, type ContractSummary } from '../api';
import { matchesSearch, totalsByCurrency } from '../totals';
import '../contracts.css';

const STATUSES: readonly ContractStatus[] = ['active', 'archived'];

function compareDecimals(a: string | undefined, b: string | undefined): number {
  return new Big(a ?? '0').cmp(new Big(b ?? '0'));
}

/** The contracts: search, filters (status on the API, asset class and currency here) and totals per currency. */
export function ContractsListPage() {
  const { t } = useTranslation('contracts');
  const canEdit = useCan('editContracts');
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const statusParam = params.get('status');
  // Active contracts unless the user asks for archived ones or all.
  const status: ContractStatus | undefined =
    statusParam === 'all' ? undefined : STATUSES.includes(statusParam as ContractStatus) ? (statusParam as ContractStatus) : 'active';
  const assetClass = params.get('assetClass') ?? '';
  const currency = params.get('currency') ?? '';
  const contracts = useContracts(status);

  function setParam(name: string, value: string) {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const all = useMemo(() => contracts.data ?? [], [contracts.data]);
  const currencies = useMemo(() => [...new Set(all.map((contract) => contract.currency))].sort(), [all]);
  const shown = useMemo(
    () =>
      all.filter(
        (contract) =>
          matchesSearch(contract, search) &&
          (!assetClass || contract.assetClass === assetClass) &&
          (!currency || contract.currency === currency),
      ),
    [all, search, assetClass, currency],
  );
  const totals = useMemo(() => totalsByCurrency(shown), [shown]);

  const columns = useMemo<ColumnDef<ContractSummary, unknown>[]>(
    () => [
      {
        id: 'name',
        accessorKey: 'name',
        header: t('fields.name'),
        cell: ({ row }) => <Link to={`/contracts/${row.original.id}`}>{row.original.name}</Link>,
      },
      { id: 'reference', accessorFn: (row) => row.reference ?? '', header: t('fields.reference') },
      { id: 'lessor', accessorKey: 'lessor', header: t('fields.lessor') },
      {
        // The value is the API's code (the table caches values per row); the cell shows it in the UI's language.
        id: 'assetClass',
        accessorKey: 'assetClass',
        header: t('fields.assetClass'),
        cell: ({ row }) => t(`assetClass.${row.original.assetClass}`),
      },
      { id: 'currency', accessorKey: 'currency', header: t('fields.currency') },
      {
        id: 'commencementDate',
        accessorKey: 'commencementDate',
        header: t('fields.commencementDate'),
        cell: ({ row }) => formatDate(row.original.commencementDate),
      },
      { id: 'endDate', accessorKey: 'endDate', header: t('fields.endDate'), cell: ({ row }) => formatDate(row.original.endDate) },
      {
        id: 'status',
        accessorKey: 'status',
        header: t('fields.status'),
        cell: ({ row }) => (
          <span className={row.original.status === 'active' ? 'badge badge--success' : 'badge'}>{t(`status.${row.original.status}`)}</span>
        ),
      },
      {
        id: 'leaseLiability',
        accessorFn: (row) => row.measurement?.leaseLiability,
        header: t('fields.leaseLiability'),
        meta: { numeric: true },
        sortingFn: (a, b) => compareDecimals(a.original.measurement?.leaseLiability, b.original.measurement?.leaseLiability),
        cell: ({ row }) => formatMoney(row.original.measurement?.leaseLiability),
      },
      {
        id: 'rightOfUseAsset',
        accessorFn: (row) => row.measurement?.rightOfUseAsset,
        header: t('fields.rightOfUseAsset'),
        meta: { numeric: true },
        sortingFn: (a, b) => compareDecimals(a.original.measurement?.rightOfUseAsset, b.original.measurement?.rightOfUseAsset),
        cell: ({ row }) => formatMoney(row.original.measurement?.rightOfUseAsset),
      },
    ],
    [t],
  );

  return (
    <section>
      <PageHeader
        title={t('list.title')}
        actions={
          canEdit && (
            <Link className="button" to="/contracts/new">
              {t('list.new')}
            </Link>
          )
        }
      />
      <div className="toolbar" role="search" aria-label={t('list.filters')}>
        <label className="toolbar__field">
          <span>{t('list.search')}</span>
          <input type="search" value={search} placeholder={t('list.searchHint')} onChange={(event) => setParam('q', event.target.value)} />
        </label>
        <label className="toolbar__field">
          <span>{t('fields.status')}</span>
          <select value={status ?? 'all'} onChange={(event) => setParam('status', event.target.value === 'active' ? '' : event.target.value)}>
            <option value="active">{t('status.active')}</option>
            <option value="archived">{t('status.archived')}</option>
            <option value="all">{t('list.all')}</option>
          </select>
        </label>
        <label className="toolbar__field">
          <span>{t('fields.assetClass')}</span>
          <select value={assetClass} onChange={(event) => setParam('assetClass', event.target.value)}>
            <option value="">{t('list.all')}</option>
            {ASSET_CLASSES.map((value) => (
              <option key={value} value={value}>
                {t(`assetClass.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__field">
          <span>{t('fields.currency')}</span>
          <select value={currency} onChange={(event) => setParam('currency', event.target.value)}>
            <option value="">{t('list.all')}</option>
            {[...new Set([...currencies, ...(currency ? [currency] : [])])].map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemAlert error={contracts.error} />
      {contracts.isPending ? (
        <Spinner />
      ) : (
        <>
          <p className="field__hint" role="status">
            {t('list.shown', { shown: shown.length, total: all.length })}
          </p>
          <DataTable
            caption={t('list.caption')}
            columns={columns}
            data={shown}
            rowId={(row) => row.id}
            initialSorting={[{ id: 'name', desc: false }]}
            empty={t('list.empty')}
            footer={totals.length === 0 ? undefined : totals.map((total) => (
              <tr key={total.currency}>
                <th scope="row" colSpan={8}>
                  {t('list.total', { currency: total.currency, count: total.contracts })}
                </th>
                <td className="num">{formatMoney(total.leaseLiability)}</td>
                <td className="num">{formatMoney(total.rightOfUseAsset)}</td>
              </tr>
            ))}
          />
        </>
      )}
    </section>
  );
}
