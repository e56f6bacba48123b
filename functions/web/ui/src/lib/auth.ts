import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Middleware } from 'openapi-fetch';
import { useCallback, useEffect } from 'react';
import type { components } from '@/api/schema';
import { api, unwrap } from './api';
import { allows, type Capability } from './roles';
import { clearSession, getSession, setSession, useSession, type SessionEnd } from './session';

export type Me = components['schemas']['Me'];

/** Who is signed in (GET /me), cached for the session and asked again after each renewal. */
export function useMe() {
  const session = useSession();
  return useQuery({
    // Keyed by the token: a renewed token may carry a new state (`mfaEnrolled` after enrolment).
    queryKey: ['me', session?.idToken],
    queryFn: async () => unwrap(await api.GET('/me')),
    enabled: session !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/** Whether the signed-in user's roles allow `capability` (false while unknown). */
export function useCan(capability: Capability): boolean {
  const me = useMe();
  return allows(me.data?.roles, capability);
}

/** Renew this long before the ID token expires. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** Never renew more often than this (very short-lived tokens), nor retry a failed renewal sooner. */
const MIN_RENEW_WAIT_MS = 10_000;
const RETRY_RENEW_MS = 30_000;

export type Renewal = 'renewed' | 'ended' | 'failed';

/**
 * New ID and access tokens for the in-memory refresh token. The answer carries no refresh token,
 * so the one we hold is kept. A refused refresh (401: revoked by a sign-out elsewhere, expired)
 * ends the session; a failure to reach the API leaves it as it is ('failed': try again later).
 */
export async function renewSession(): Promise<Renewal> {
  const refreshToken = getSession()?.refreshToken;
  if (!refreshToken) return 'failed';
  const result = await api.POST('/auth/refresh', { body: { refreshToken } });
  // Signed out (or in as someone else) while the request ran: that session is not ours to renew.
  if (getSession()?.refreshToken !== refreshToken) return 'ended';
  if (result.data) {
    setSession(result.data, refreshToken);
    return 'renewed';
  }
  if (result.response.status === 401) {
    clearSession('expired');
    return 'ended';
  }
  return 'failed';
}

/** Renews the ID token with the in-memory refresh token a few minutes before it expires. */
export function useTokenRenewal() {
  const session = useSession();
  useEffect(() => {
    if (!session?.refreshToken) return;
    let timer = 0;
    const attempt = async () => {
      const outcome = await renewSession().catch((): Renewal => 'failed');
      // 'renewed' sets a new session, which re-runs this effect with the new expiry.
      if (outcome === 'failed') timer = window.setTimeout(attempt, RETRY_RENEW_MS);
    };
    const wait = Math.max(session.expiresAt - Date.now() - RENEW_BEFORE_MS, MIN_RENEW_WAIT_MS);
    timer = window.setTimeout(attempt, wait);
    return () => window.clearTimeout(timer);
  }, [session]);
}

/** How long a sign-out may wait for the API before the session is forgotten anyway. */
const LOGOUT_TIMEOUT_MS = 5_000;

/**
 * Signs out everywhere (POST /auth/logout revokes the user's refresh tokens), then forgets the
 * session and every cached answer. `reason` is what the sign-in screen tells the user.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(
    async (reason: SessionEnd = 'signedOut') => {
      try {
        const session = getSession();
        if (session) {
          // The logout is authorized by the ID token: an expired one (after a sleep) is renewed
          // first, so the refresh token is revoked on the server and not only forgotten here.
          if (session.expiresAt <= Date.now() + 10_000) await renewSession();
          if (getSession()) await api.POST('/auth/logout', { signal: AbortSignal.timeout(LOGOUT_TIMEOUT_MS) });
        }
      } catch {
        // A failed or slow logout call must not keep the user signed in here.
      } finally {
        clearSession(reason);
        queryClient.clear();
      }
    },
    [queryClient],
  );
}

/**
 * Calls `handler` whenever the API answers 403 `…mfa_enrollment_required` (the company requires
 * 2FA and this user has none yet): the app then takes the user to the enrolment. Returns the
 * function that stops watching.
 */
export function watchMfaEnrollmentRequired(handler: () => void): () => void {
  const middleware: Middleware = {
    async onResponse({ response }) {
      if (response.status === 403) {
        const problem: unknown = await response
          .clone()
          .json()
          .catch(() => null);
        const type = problem && typeof problem === 'object' && 'type' in problem ? String(problem.type) : '';
        if (type.endsWith('mfa_enrollment_required')) handler();
      }
      return response;
    },
  };
  api.use(middleware);
  return () => api.eject(middleware);
}
