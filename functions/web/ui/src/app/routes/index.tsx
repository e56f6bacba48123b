import type { RouteObject } from 'react-router';

/** Screens composed of more than one feature (features never import each other). */
export const appRoutes: RouteObject[] = [
  // A document's OCR proposals beside the contract form.
  {
    path: 'documents/:id/contract',
    lazy: async () => ({ Component: (await import('./document-contract')).DocumentContractPage }),
  },
];
