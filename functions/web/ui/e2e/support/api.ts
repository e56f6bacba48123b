import { randomUUID } from 'node:crypto';
import { stackState, type User } from './stack';

/**
 * Set-up through the public API (not the UI) for what a test needs but does not test: another
 * user to sign in as, data to look at. The screens under test are always driven in the browser.
 */
export async function apiCall<T = unknown>(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${stackState().baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'accept-language': 'en',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

/** The ID token of `user`, answering the first login's new-password challenge (no TOTP users). */
export async function apiSignIn(user: User): Promise<string> {
  let answer = await apiCall<Record<string, string>>(null, 'POST', '/auth/login', { email: user.email, password: user.password });
  if (answer.status === 200 && answer.body.challenge === 'NEW_PASSWORD_REQUIRED') {
    answer = await apiCall(null, 'POST', '/auth/password', { session: answer.body.session, newPassword: user.newPassword });
    user.password = user.newPassword;
  }
  if (answer.status !== 200 || !answer.body.idToken) {
    throw new Error(`API sign-in of ${user.email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.idToken;
}

/** Invites a user with `roles` into the admin's company, with a temporary password. */
export async function inviteUser(adminToken: string, roles: string[]): Promise<User & { id: string }> {
  const tag = randomUUID().replace(/-/g, '').slice(0, 12);
  const user = { email: `${roles[0]}-${tag}@e2e.example`, password: `Temp-${tag}-Aa1!`, newPassword: `Chosen-${tag}-Bb2!` };
  const created = await apiCall<{ id: string }>(adminToken, 'POST', '/users', {
    email: user.email,
    roles,
    locale: 'en',
    temporaryPassword: user.password,
  });
  if (created.status !== 201) throw new Error(`invite ${user.email}: ${created.status} ${JSON.stringify(created.body)}`);
  return { ...user, id: created.body.id };
}

/** The IFRS 16 IE Example 13 lease (API.md): liability 355 391.08, right-of-use asset 420 391.08. */
export const IE13_CONTRACT = {
  name: 'IFRS 16 IE 13 office',
  reference: 'IE13',
  lessor: 'Lessor plc',
  assetClass: 'premises',
  currency: 'SEK',
  commencementDate: '2026-01-01',
  endDate: '2035-12-31',
  payment: { amount: '50000.00', frequency: 'annual', timing: 'advance' },
  discountRate: '5.0',
  initialDirectCosts: '20000',
  leaseIncentives: '5000',
  restorationCosts: '0',
};
