import { createBrowserRouter, Navigate } from 'react-router';
import { routes as auditRoutes } from '@/features/audit';
import { routes as authRoutes, SignInPage } from '@/features/auth';
import { routes as companyRoutes } from '@/features/company';
import { routes as contractRoutes } from '@/features/contracts';
import { routes as documentRoutes } from '@/features/documents';
import { routes as rateRoutes } from '@/features/rates';
import { routes as reportRoutes } from '@/features/reports';
import { appRoutes } from './routes/index';
import { Layout, NotFound, RequireSession } from './Layout';

export const router = createBrowserRouter(
  [
    { path: 'sign-in', element: <SignInPage /> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <Layout />,
          children: [
            { index: true, element: <Navigate to="contracts" replace /> },
            ...authRoutes,
            ...contractRoutes,
            ...documentRoutes,
            ...reportRoutes,
            ...rateRoutes,
            ...auditRoutes,
            ...companyRoutes,
            ...appRoutes,
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ],
  { basename: '/v1/app' },
);
