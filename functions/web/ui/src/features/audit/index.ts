import type { RouteObject } from 'react-router';

/** `/audit`, loaded when first visited (not in the entry chunk). */
export const routes: RouteObject[] = [
  {
    path: 'audit',
    lazy: async () => ({ Component: (await import('./AuditPage')).AuditPage }),
  },
];
