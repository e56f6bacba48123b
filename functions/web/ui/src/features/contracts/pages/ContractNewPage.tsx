import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/PageHeader';
import { ContractForm } from '../components/ContractForm';
import { RequireEditor } from '../components/RequireEditor';

/** A new contract; after saving, its detail with the measurement. */
export function ContractNewPage() {
  const { t } = useTranslation('contracts');
  const navigate = useNavigate();
  return (
    <section>
      <PageHeader title={t('form.createTitle')} />
      <RequireEditor>
        <ContractForm
          mode="create"
          onSaved={(contract) => navigate(`/contracts/${contract.id}`, { state: { saved: 'created' } })}
          onCancel={() => navigate('/contracts')}
        />
      </RequireEditor>
    </section>
  );
}
