import type { RouteObject } from 'react-router';

export { ProposalsPanel } from './components/LazyProposalsPanel';
export type { ProposalsPanelProps } from './components/ProposalsPanel';
export { useDocument, type DocumentRecord } from './api';

// Pages load on first visit: the upload and table code stays out of the entry chunk.
export const routes: RouteObject[] = [
  {
    path: 'documents',
    lazy: async () => ({ Component: (await import('./DocumentsPage')).DocumentsPage }),
  },
  {
    path: 'documents/:id',
    lazy: async () => ({ Component: (await import('./DocumentPage')).DocumentPage }),
  },
];
