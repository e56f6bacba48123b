import type { RouteObject } from 'react-router';

/** Screens composed of more than one feature (features never import each other). */
export const appRoutes: RouteObject[] = [];
