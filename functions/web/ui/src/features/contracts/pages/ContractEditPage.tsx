import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { Spinner } from '@/components/Spinner';
import { useContract } from '../api';
import { ContractForm } from '../components/ContractForm';
import { RequireEditor } from '../components/RequireEditor';
import { contractToFormValues } from '../formModel';

/** A change to a contract (a new version); after saving, its detail with the remeasurement. */
export function ContractEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('contracts');
  const navigate = useNavigate();
  const query = useContract(id);
  // The form's starting point is the version as read: the change is measured against it.
  const initialValues = useMemo(() => (query.data ? contractToFormValues(query.data.contract) : undefined), [query.data]);

  if (query.isPending) return <Spinner />;
  if (query.error || !initialValues) {
    return (
      <section>
        <PageHeader title={t('form.editTitle')} />
        <ProblemAlert error={query.error} />
      </section>
    );
  }
  const { contract, etag } = query.data;
  return (
    <section>
      <p className="breadcrumb">
        <Link to={`/contracts/${contract.id}`}>{contract.name}</Link>
      </p>
      <PageHeader title={t('form.editTitleOf', { name: contract.name, version: contract.version })} />
      {contract.status === 'archived' ? (
        <p className="alert alert--info">{t('detail.archived')}</p>
      ) : (
        <RequireEditor>
          <ContractForm
            key={etag}
            mode="edit"
            contractId={contract.id}
            etag={etag}
            initialValues={initialValues}
            onSaved={(saved) => navigate(`/contracts/${saved.id}`, { state: { saved: 'updated' } })}
            onCancel={() => navigate(`/contracts/${contract.id}`)}
          />
        </RequireEditor>
      )}
    </section>
  );
}
