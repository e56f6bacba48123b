import { lazy, Suspense } from 'react';
import { Spinner } from '@/components/Spinner';
import type { ProposalsPanelProps } from './ProposalsPanel';

const Panel = lazy(async () => ({ default: (await import('./ProposalsPanel')).ProposalsPanel }));

/** The proposals panel for other screens: its code loads when it is first shown, not with the app. */
export function ProposalsPanel(props: ProposalsPanelProps) {
  return (
    <Suspense fallback={<Spinner />}>
      <Panel {...props} />
    </Suspense>
  );
}
