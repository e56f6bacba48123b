import type { RouteObject } from 'react-router';

/** `/rates`, loaded when first visited: the chart library stays out of the entry chunk. */
export const routes: RouteObject[] = [
  {
    path: 'rates',
    lazy: async () => ({ Component: (await import('./RatesPage')).RatesPage }),
  },
];
