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

/** The end of a federated sign-in: the hosted UI's authorization code for tokens. */
export async function exchangeSsoCode(code: string): Promise<Tokens> {
  return unwrap(await api.POST('/auth/sso/token', { body: { code } }));
}
