import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '@/components/Spinner';
import { useCan, useMe } from '@/lib/auth';

/**
 * The create and edit screens for roles that may change contracts only: a viewer who opens the
 * address is told why instead of getting a form the API would refuse.
 */
export function RequireEditor({ children }: { children: ReactNode }) {
  const { t } = useTranslation('contracts');
  const me = useMe();
  const canEdit = useCan('editContracts');
  if (me.isPending) return <Spinner />;
  if (!canEdit) return <p className="alert alert--info">{t('form.notAllowed')}</p>;
  return children;
}
