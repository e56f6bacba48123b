import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable, type ColumnDef } from '@/components/DataTable';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { useCan } from '@/lib/auth';
import { formatInstant } from '@/lib/format';
import { useContractNames, useDocuments, type DocumentRecord } from './api';
import { DocumentStatus } from './components/DocumentStatus';
import { UploadArea } from './components/UploadArea';
import './documents.css';

/** The company's documents (or one contract's, `?contractId=`), and the upload for those who may. */
export function DocumentsPage() {
  const { t } = useTranslation('documents');
  const [search] = useSearchParams();
  const contractId = search.get('contractId') ?? undefined;
  const canUpload = useCan('uploadDocuments');
  const documents = useDocuments(contractId);
  const contracts = useContractNames();
  const contractNames = contracts.data;

  const columns = useMemo<ColumnDef<DocumentRecord, unknown>[]>(
    () => [
      {
        id: 'fileName',
        header: t('list.fileName'),
        accessorFn: (row) => row.fileName,
        cell: ({ row }) => <Link to={`/documents/${row.original.id}`}>{row.original.fileName}</Link>,
      },
      {
        id: 'contract',
        header: t('list.contract'),
        accessorFn: (row) => (row.contractId ? (contractNames?.get(row.contractId) ?? row.contractId) : ''),
        cell: ({ row, getValue }) =>
          row.original.contractId ? (
            <Link to={`/contracts/${row.original.contractId}`}>{String(getValue())}</Link>
          ) : (
            <span className="muted">{t('list.noContract')}</span>
          ),
      },
      {
        id: 'status',
        header: t('list.status'),
        accessorFn: (row) => t(`status.${row.status}`),
        cell: ({ row }) => <DocumentStatus document={row.original} />,
      },
      {
        id: 'pages',
        header: t('list.pages'),
        accessorFn: (row) => row.pages ?? -1,
        cell: ({ row }) => row.original.pages ?? '',
        meta: { numeric: true },
      },
      {
        id: 'createdAt',
        header: t('list.created'),
        accessorFn: (row) => row.createdAt,
        cell: ({ row }) => formatInstant(row.original.createdAt),
      },
    ],
    [t, contractNames],
  );

  const contractName = contractId ? (contractNames?.get(contractId) ?? contractId) : undefined;
  return (
    <>
      <PageHeader title={contractName ? t('list.titleForContract', { name: contractName }) : t('title')} />
      {contractId && (
        <p>
          <Link to="/documents">{t('list.showAll')}</Link>
        </p>
      )}
      {canUpload && <UploadArea contractId={contractId} />}
      <section aria-labelledby="documents-list-heading">
        <h2 id="documents-list-heading">{t('list.heading')}</h2>
        {documents.isPending ? (
          <Spinner />
        ) : documents.isError ? (
          <ProblemAlert error={documents.error} />
        ) : (
          <DataTable
            caption={t('list.caption')}
            columns={columns}
            data={documents.data}
            rowId={(row) => row.id}
            initialSorting={[{ id: 'createdAt', desc: true }]}
            empty={t('list.empty')}
          />
        )}
      </section>
    </>
  );
}
