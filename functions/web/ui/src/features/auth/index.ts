import type { RouteObject } from 'react-router';

export { SignInPage, type SignInState } from './SignInPage';
export { IdleSignOut } from './IdleSignOut';
export type { AccountState } from './AccountPage';

/** `/account`: the signed-in user's details, language and two-factor authentication. */
export const routes: RouteObject[] = [
  { path: 'account', lazy: async () => ({ Component: (await import('./AccountPage')).AccountPage }) },
];
