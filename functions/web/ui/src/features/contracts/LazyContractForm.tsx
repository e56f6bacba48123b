import { lazy, Suspense } from 'react';
import { Spinner } from '@/components/Spinner';
import type { ContractFormProps } from './components/ContractForm';

const Form = lazy(async () => ({ default: (await import('./components/ContractForm')).ContractForm }));

/**
 * The contract form for other screens (a document's proposals beside it): the form, its
 * validation and react-hook-form load when it is first shown, not with the app.
 */
export function ContractForm(props: ContractFormProps) {
  return (
    <Suspense fallback={<Spinner />}>
      <Form {...props} />
    </Suspense>
  );
}
