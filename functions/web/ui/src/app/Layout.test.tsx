import { answerWith, json, pathOf } from '@/test/fetch-stub';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { SignInPage } from '@/features/auth';
import { api, unwrap } from '@/lib/api';
import { initI18n } from '@/lib/i18n';
import { clearSession, getSession, setSession } from '@/lib/session';
import { Layout, RequireSession } from './Layout';

const ME = { userId: 'u1', email: 'anna@corp.example', companyId: 'c1', companyName: 'Corp AB', roles: ['viewer'], locale: 'en', mfaEnrolled: false };

function ContractsProbe() {
  const contracts = useQuery({ queryKey: ['contracts'], queryFn: async () => unwrap(await api.GET('/contracts')), retry: false });
  return <h1>{contracts.isSuccess ? 'Contracts loaded' : 'Contracts'}</h1>;
}

function renderApp(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/sign-in', element: <SignInPage /> },
      {
        element: <RequireSession />,
        children: [
          {
            element: <Layout />,
            children: [
              { path: 'contracts', element: <ContractsProbe /> },
              { path: 'account', element: <h1>Account page</h1> },
            ],
          },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

// Two cores shared by many sessions: give the UI time to answer before calling it broken.
configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 30_000 });

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => clearSession());

describe('the shell', () => {
  it('sends a visitor without a session to sign in', async () => {
    answerWith(() => json(200, ME));
    const router = renderApp('/contracts');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows the navigation the roles allow, focuses the page heading and names the page', async () => {
    setSession({ idToken: 'id', accessToken: 'access', expiresIn: 3600 });
    answerWith((request) => (pathOf(request) === '/v1/me' ? json(200, ME) : json(200, { items: [], nextCursor: null })));
    renderApp('/contracts');
    expect(await screen.findByRole('link', { name: /anna@corp\.example/ })).toHaveAttribute('href', '/account');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav).toHaveTextContent('Contracts');
    expect(nav).not.toHaveTextContent('Audit log');
    expect(nav).not.toHaveTextContent('Company');
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveFocus());
    expect(document.title).toMatch(/^Contracts.* – My Pages$/);
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
  });

  it('a 401 (the session is over) leads to sign-in with a message, and back afterwards', async () => {
    setSession({ idToken: 'id', accessToken: 'access', expiresIn: 3600 });
    answerWith((request) =>
      pathOf(request) === '/v1/me' ? json(200, ME) : json(401, { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 }),
    );
    const router = renderApp('/contracts?status=active');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(await screen.findByRole('status')).toHaveTextContent('Your session has ended');
    expect(getSession()).toBeNull();
    expect(router.state.location.state).toMatchObject({ from: '/contracts?status=active', reason: 'expired' });
  });

  it('a 403 mfa_enrollment_required leads to the account page to enrol', async () => {
    setSession({ idToken: 'id', accessToken: 'access', expiresIn: 3600 });
    answerWith((request) =>
      pathOf(request) === '/v1/me'
        ? json(200, ME)
        : json(403, { type: '/problems/mfa_enrollment_required', title: 'Two-factor authentication required', status: 403 }),
    );
    const router = renderApp('/contracts');
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
    expect(router.state.location.state).toEqual({ mfaRequired: true, from: '/contracts' });
  });

  it('signing out calls the API and shows sign-in without a way back to the last page', async () => {
    setSession({ idToken: 'id', accessToken: 'access', refreshToken: 'r', expiresIn: 3600 });
    answerWith((request) => {
      if (pathOf(request) === '/v1/me') return json(200, ME);
      if (pathOf(request) === '/v1/auth/logout') return json(204);
      return json(200, { items: [], nextCursor: null });
    });
    const router = renderApp('/contracts');
    await userEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(await screen.findByRole('status')).toHaveTextContent('You have signed out');
    expect(router.state.location.state).toEqual({ reason: 'signedOut' });
  });
});
