import { answerWith, json, pathOf, requests, requestAt } from '@/test/fetch-stub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { initI18n } from '@/lib/i18n';
import { clearSession, getSession } from '@/lib/session';
import { SignInPage, type SignInState } from './SignInPage';

const TOKENS = { idToken: 'id-1', accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 3600 };

// Two cores shared by many sessions: give the UI time to answer before calling it broken.
configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 30_000 });

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  clearSession();
  vi.restoreAllMocks();
});

function renderSignIn(search = '', state?: SignInState) {
  const router = createMemoryRouter(
    [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/contracts', element: <h1>Contracts page</h1> },
      { path: '/audit', element: <h1>Audit page</h1> },
    ],
    { initialEntries: [{ pathname: '/sign-in', search, state }] },
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

/** The "server": answers per path, in the order the test expects them. */
function server(script: Record<string, Array<() => Response>>) {
  answerWith((request) => {
    const next = script[`${request.method} ${pathOf(request)}`]?.shift();
    if (!next) throw new Error(`unexpected ${request.method} ${pathOf(request)}`);
    return next();
  });
}

async function bodyOf(index: number): Promise<unknown> {
  return requestAt(index).json();
}

async function enterPassword() {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByLabelText('E-mail'), 'anna@corp.example');
  await user.type(screen.getByLabelText('Password'), 'Temp-Passw0rd!');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('the sign-in steps', () => {
  it('a first login asks for a new password, shows the refusal beside it, then signs in', async () => {
    server({
      'POST /v1/auth/login': [() => json(200, { challenge: 'NEW_PASSWORD_REQUIRED', session: 's-new' })],
      'POST /v1/auth/password': [
        () =>
          json(422, {
            type: '/problems/validation-failed',
            title: 'The input breaks a rule',
            status: 422,
            detail: 'See errors.',
            errors: [{ field: 'newPassword', message: 'The password does not meet the policy' }],
          }),
        () => json(200, TOKENS),
      ],
    });
    const router = renderSignIn();
    const user = await enterPassword();

    const field = await screen.findByLabelText('New password');
    expect(screen.getByText(/At least 12 characters/)).toBeInTheDocument();
    await user.type(field, 'short');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('The password does not meet the policy')).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('The input breaks a rule')).toBeInTheDocument();

    await user.clear(field);
    await user.type(field, 'Chosen-Passw0rd!');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/contracts'));
    expect(getSession()).toMatchObject({ idToken: 'id-1', refreshToken: 'refresh-1' });
    expect(await bodyOf(0)).toEqual({ email: 'anna@corp.example', password: 'Temp-Passw0rd!' });
    expect(await bodyOf(2)).toEqual({ session: 's-new', newPassword: 'Chosen-Passw0rd!' });
  });

  it('a TOTP user answers the code and returns to the screen they came from', async () => {
    server({
      'POST /v1/auth/login': [() => json(200, { challenge: 'SOFTWARE_TOKEN_MFA', session: 's-mfa' })],
      'POST /v1/auth/mfa': [() => json(200, TOKENS)],
    });
    const router = renderSignIn('', { from: '/audit', reason: 'expired' });
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended');
    const user = await enterPassword();
    await user.type(await screen.findByLabelText('Code from your authenticator app'), '12a3456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/audit'));
    expect(await bodyOf(1)).toEqual({ session: 's-mfa', code: '123456' });
  });

  it('MFA_SETUP shows the secret to enrol and verifies with the setup session', async () => {
    server({
      'POST /v1/auth/login': [() => json(200, { challenge: 'MFA_SETUP', session: 's-setup' })],
      'POST /v1/auth/mfa/setup': [
        () =>
          json(200, {
            secretCode: 'JBSWY3DPEHPK3PXP',
            otpauthUri: 'otpauth://totp/My%20Pages:anna@corp.example?secret=JBSWY3DPEHPK3PXP&issuer=My%20Pages',
            session: 's-verify',
          }),
      ],
      'POST /v1/auth/mfa/verify': [() => json(200, TOKENS)],
    });
    const router = renderSignIn();
    const user = await enterPassword();
    expect(await screen.findByRole('heading', { name: 'Add an authenticator app' })).toBeInTheDocument();
    expect(screen.getByText('JBSWY3DPEHPK3PXP')).toBeInTheDocument();
    expect(await bodyOf(1)).toEqual({ session: 's-setup' });
    await user.type(screen.getByLabelText('Code from your authenticator app'), '654321');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/contracts'));
    expect(await bodyOf(2)).toEqual({ session: 's-verify', code: '654321' });
  });

  it('wrong credentials show the API problem and keep the password screen', async () => {
    server({
      'POST /v1/auth/login': [
        () => json(401, { type: '/problems/unauthorized', title: 'Wrong e-mail or password', status: 401, detail: 'Try again.' }),
      ],
    });
    renderSignIn();
    await enterPassword();
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong e-mail or password');
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(getSession()).toBeNull();
  });

  it('"start again" leaves a challenge for the password screen', async () => {
    server({ 'POST /v1/auth/login': [() => json(200, { challenge: 'SOFTWARE_TOKEN_MFA', session: 's' })] });
    renderSignIn();
    const user = await enterPassword();
    await screen.findByLabelText('Code from your authenticator app');
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });
});

describe('signing in with the company account', () => {
  it('asks for the e-mail first', async () => {
    server({});
    renderSignIn();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with your company account' }));
    expect(screen.getByText(/Enter your e-mail address first/)).toBeInTheDocument();
    expect(requests).toHaveLength(0);
  });

  it('an address without company sign-in (404) gets a message in the UI language', async () => {
    server({ 'GET /v1/auth/sso': [() => json(404, { type: '/problems/not-found', title: 'Not found', status: 404 })] });
    renderSignIn();
    await userEvent.type(screen.getByLabelText('E-mail'), 'anna@nowhere.example');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with your company account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no company sign-in for this e-mail address');
    expect(new URL(requestAt(0).url).searchParams.get('email')).toBe('anna@nowhere.example');
  });

  it('a company with SSO sends the browser to the hosted UI', async () => {
    const authorizeUrl = 'https://idp.example/oauth2/authorize?idp_identifier=corp.example';
    server({ 'GET /v1/auth/sso': [() => json(200, { authorizeUrl })] });
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign });
    renderSignIn();
    await userEvent.type(screen.getByLabelText('E-mail'), 'anna@corp.example');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with your company account' }));
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    // The authorize URL with a fresh state, kept for the return.
    const sent = new URL(assign.mock.calls[0]![0] as string);
    expect(sent.searchParams.get('idp_identifier')).toBe('corp.example');
    // eslint-disable-next-line no-restricted-globals -- the OAuth state under test
    expect(sent.searchParams.get('state')).toBe(sessionStorage.getItem('mypages.ssoState'));
    expect(sent.searchParams.get('state')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an authorize URL that is no web address is not followed', async () => {
    server({ 'GET /v1/auth/sso': [() => json(200, { authorizeUrl: 'javascript:alert(1)' })] });
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign });
    renderSignIn();
    await userEvent.type(screen.getByLabelText('E-mail'), 'anna@corp.example');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in with your company account' }));
    expect(await screen.findByText(/There is no company sign-in for this e-mail address/)).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });

  it('a code this tab did not ask for is never exchanged', async () => {
    server({ 'POST /v1/auth/sso/token': [() => json(200, TOKENS)] });
    // eslint-disable-next-line no-restricted-globals -- the OAuth state under test
    sessionStorage.setItem('mypages.ssoState', 'the-state-this-tab-sent');
    const router = renderSignIn('?code=attackers-code&state=another-state');
    expect(await screen.findByText(/That sign-in link was not started here/)).toBeInTheDocument();
    expect(requests).toHaveLength(0);
    expect(getSession()).toBeNull();
    expect(router.state.location.search).toBe('');
    // The kept state is used up: a second try with the right one no longer works either.
    // eslint-disable-next-line no-restricted-globals -- the OAuth state under test
    expect(sessionStorage.getItem('mypages.ssoState')).toBeNull();
  });

  it('back from the hosted UI, the code is exchanged once for a session', async () => {
    server({ 'POST /v1/auth/sso/token': [() => json(200, TOKENS)] });
    // eslint-disable-next-line no-restricted-globals -- as withSsoState left it before the redirect
    sessionStorage.setItem('mypages.ssoState', 's-1');
    const router = renderSignIn('?code=abc-123&state=s-1');
    await waitFor(() => expect(router.state.location.pathname).toBe('/contracts'));
    expect(requests).toHaveLength(1);
    expect(await bodyOf(0)).toEqual({ code: 'abc-123' });
    expect(getSession()?.idToken).toBe('id-1');
  });

  it('a refused code shows the problem and the sign-in form, without the code in the address', async () => {
    server({
      'POST /v1/auth/sso/token': [
        () => json(503, { type: '/problems/dependency-failed', title: 'Service unavailable', status: 503, detail: 'Try later.' }),
      ],
    });
    // eslint-disable-next-line no-restricted-globals -- as withSsoState left it before the redirect
    sessionStorage.setItem('mypages.ssoState', 's-1');
    const router = renderSignIn('?code=abc-123&state=s-1');
    expect(await screen.findByRole('alert')).toHaveTextContent('Service unavailable');
    expect(screen.getByLabelText('E-mail')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
  });
});
