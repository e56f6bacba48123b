import type { RouteObject } from 'react-router';

/** `/reports`, loaded when first visited (not in the entry chunk). */
export const routes: RouteObject[] = [
  {
    path: 'reports',
    lazy: async () => ({ Component: (await import('./ReportsPage')).ReportsPage }),
  },
];
