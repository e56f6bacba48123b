import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { isContractFieldName, type ContractFieldName } from '@/lib/contractFields';
import { ContractForm, contractToFormValues, useContract } from '@/features/contracts';
import { ProposalsPanel, useDocument } from '@/features/documents';

/**
 * A document's OCR proposals beside the contract form (`/documents/:id/contract`): accepting a
 * proposal fills that field of the form; nothing is saved until the user saves the contract.
 * A document kept with a contract changes that contract (a new version); any other document
 * makes a new contract.
 */
export function DocumentContractPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('documents');
  const navigate = useNavigate();
  const document = useDocument(id);

  if (document.isPending) return <Spinner />;
  if (document.isError) return <ProblemAlert error={document.error} />;

  const proposals = (setField: (name: ContractFieldName, value: string) => void): ReactNode => (
    <ProposalsPanel
      documentId={id}
      canAccept={isContractFieldName}
      onAccept={(name, value) => {
        if (isContractFieldName(name)) setField(name, value);
      }}
    />
  );
  const header = (title: string) => (
    <>
      <p className="breadcrumb">
        <Link to={`/documents/${id}`}>{t('compose.back')}</Link>
      </p>
      <PageHeader title={title} />
      <p>{t('compose.intro')}</p>
    </>
  );

  const contractId = document.data.contractId;
  if (contractId) {
    return (
      <section className="document-contract">
        {header(t('compose.titleEdit', { name: document.data.fileName }))}
        <EditLinkedContract contractId={contractId} aside={proposals} />
      </section>
    );
  }
  return (
    <section className="document-contract">
      {header(t('compose.titleCreate', { name: document.data.fileName }))}
      <ContractForm
        mode="create"
        aside={proposals}
        onSaved={(contract) => navigate(`/contracts/${contract.id}`, { state: { saved: 'created' } })}
        onCancel={() => navigate(`/documents/${id}`)}
      />
    </section>
  );
}

/** The form on the document's contract as read now (its version is the change's `If-Match`). */
function EditLinkedContract({
  contractId,
  aside,
}: {
  contractId: string;
  aside: (setField: (name: ContractFieldName, value: string) => void) => ReactNode;
}) {
  const { t } = useTranslation('documents');
  const navigate = useNavigate();
  const query = useContract(contractId);
  const initialValues = useMemo(() => (query.data ? contractToFormValues(query.data.contract) : undefined), [query.data]);
  if (query.isPending) return <Spinner />;
  if (query.isError || !initialValues) return <ProblemAlert error={query.error} />;
  const { contract, etag } = query.data;
  if (contract.status === 'archived') return <p className="alert alert--info">{t('compose.archived')}</p>;
  return (
    <ContractForm
      key={etag}
      mode="edit"
      contractId={contract.id}
      etag={etag}
      initialValues={initialValues}
      aside={aside}
      onSaved={(saved) => navigate(`/contracts/${saved.id}`, { state: { saved: 'updated' } })}
      onCancel={() => navigate(`/contracts/${contract.id}`)}
    />
  );
}
