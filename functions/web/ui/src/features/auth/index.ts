import type { RouteObject } from 'react-router';

export { SignInPage } from './SignInPage';
export const routes: RouteObject[] = [];
