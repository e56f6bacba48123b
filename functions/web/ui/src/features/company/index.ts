import type { RouteObject } from 'react-router';

// The company screens load on first visit: admins only, so nobody else downloads them.
export const routes: RouteObject[] = [
  {
    path: 'company',
    lazy: async () => ({ Component: (await import('./CompanyLayout')).CompanyLayout }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./SettingsPage')).SettingsPage }) },
      { path: 'users', lazy: async () => ({ Component: (await import('./UsersPage')).UsersPage }) },
      { path: 'sso', lazy: async () => ({ Component: (await import('./SsoPage')).SsoPage }) },
      { path: 'data', lazy: async () => ({ Component: (await import('./DataPage')).DataPage }) },
    ],
  },
];
