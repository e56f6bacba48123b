import { useTranslation } from 'react-i18next';
import { ProblemError, type Problem } from '@/lib/problem';

/** Shows a refused or failed request: the API's title and detail, already in the user's language. */
export function ProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation('common');
  if (!error) return null;
  const problem: Problem =
    error instanceof ProblemError
      ? error.problem
      : { type: 'about:blank', title: t('errors.network.title'), detail: t('errors.network.detail') };
  return (
    <div className="alert alert--error" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail && <p>{problem.detail}</p>}
    </div>
  );
}
