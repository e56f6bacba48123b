import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api';

export type LoginResponse = components['schemas']['LoginResponse'];
export type Tokens = components['schemas']['Tokens'];
export type MfaSetup = components['schemas']['MfaSetup'];

/** Where a sign-in stands: the screen to show next, or signed in with the tokens. */
export type SignInStep =
  | { kind: 'password' }
  | { kind: 'newPassword'; session: string }
  | { kind: 'code'; session: string }
  | { kind: 'enrol'; session: string; setup: MfaSetup }
  | { kind: 'signedIn'; tokens: Tokens };

function isTokens(answer: LoginResponse): answer is Tokens {
  return 'idToken' in answer;
}

/**
 * The step after an answer of `/auth/login`, `/auth/password`, `/auth/mfa` or `/auth/mfa/verify`:
 * Cognito's challenges in the order it asks them. `MFA_SETUP` (the company requires 2FA and the
 * user has none) asks the API for the authenticator secret straight away, so the enrolment
 * screen opens with its QR code.
 */
export async function stepAfter(answer: LoginResponse): Promise<SignInStep> {
  if (isTokens(answer)) return { kind: 'signedIn', tokens: answer };
  switch (answer.challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return { kind: 'newPassword', session: answer.session };
    case 'SOFTWARE_TOKEN_MFA':
      return { kind: 'code', session: answer.session };
    case 'MFA_SETUP': {
      const setup = unwrap(await api.POST('/auth/mfa/setup', { body: { session: answer.session } }));
      return { kind: 'enrol', session: setup.session ?? answer.session, setup };
    }
  }
}

/** The next step for what the user entered on `step`'s screen (throws the API's problem). */
export async function submitStep(
  step: Exclude<SignInStep, { kind: 'signedIn' }>,
  input: { email: string; password: string; newPassword: string; code: string },
): Promise<SignInStep> {
  switch (step.kind) {
    case 'password':
      return stepAfter(unwrap(await api.POST('/auth/login', { body: { email: input.email, password: input.password } })));
    case 'newPassword':
      return stepAfter(unwrap(await api.POST('/auth/password', { body: { session: step.session, newPassword: input.newPassword } })));
    case 'code':
      return stepAfter(unwrap(await api.POST('/auth/mfa', { body: { session: step.session, code: input.code } })));
    case 'enrol': {
      // With the session of an MFA_SETUP login, verify answers the login's tokens (never 204).
      const verified = unwrap(await api.POST('/auth/mfa/verify', { body: { session: step.session, code: input.code } }));
      if (!verified) throw new Error('/auth/mfa/verify ended an MFA_SETUP login without tokens');
      return stepAfter(verified);
    }
  }
}

/** Where an SSO discovery leads: the hosted UI's authorize URL, or null for no company sign-in. */
export async function discoverSso(email: string): Promise<string | null> {
  const result = await api.GET('/auth/sso', { params: { query: { email } } });
  if (result.response.status === 404) return null;
  return unwrap(result).authorizeUrl;
}

/**
 * Where the one-time `state` of a federated sign-in waits while the browser is at the company's
 * login page. Not a token: a random value that proves the code coming back was asked for in this
 * tab (OAuth 2.0 `state`, RFC 6749 §10.12), so nobody can sign a victim into another company by
 * sending them a link with a code of the attacker's. It has to survive the redirect, so it is in
 * sessionStorage (this tab only), and it is removed when it is read.
 */
const SSO_STATE_KEY = 'mypages.ssoState';

/** The authorize URL with a fresh `state` (kept for the return), or null when it is no web address. */
export function withSsoState(authorizeUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(authorizeUrl);
  } catch {
    return null;
  }
  // Only a web address is navigated to: never a `javascript:` or `data:` URL.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const state = crypto.randomUUID();
  // eslint-disable-next-line no-restricted-globals -- the OAuth state, not a token (see SSO_STATE_KEY)
  sessionStorage.setItem(SSO_STATE_KEY, state);
  url.searchParams.set('state', state);
  return url.toString();
}

/** Whether `returned` is the `state` this tab sent; the kept value is used up either way. */
export function ssoStateMatches(returned: string | null): boolean {
  let expected: string | null = null;
  try {
    // eslint-disable-next-line no-restricted-globals -- the OAuth state, not a token (see SSO_STATE_KEY)
    expected = sessionStorage.getItem(SSO_STATE_KEY);
    // eslint-disable-next-line no-restricted-globals -- the OAuth state, not a token (see SSO_STATE_KEY)
    sessionStorage.removeItem(SSO_STATE_KEY);
  } catch {
    return false;
  }
  return expected !== null && returned !== null && expected === returned;
}

/** The end of a federated sign-in: the hosted UI's authorization code for tokens. */
export async function exchangeSsoCode(code: string): Promise<Tokens> {
  return unwrap(await api.POST('/auth/sso/token', { body: { code } }));
}
