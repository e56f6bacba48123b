import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { components } from '@/api/schema';
import { api, unwrap } from './api';
import { allows, type Capability } from './roles';
import { clearSession, getSession, setSession, useSession } from './session';

export type Me = components['schemas']['Me'];

/** Who is signed in (GET /me), cached for the session. */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: ['me', session?.idToken],
    queryFn: async () => unwrap(await api.GET('/me')),
    enabled: session !== null,
    staleTime: Infinity,
  });
}

/** Whether the signed-in user's roles allow `capability` (false while unknown). */
export function useCan(capability: Capability): boolean {
  const me = useMe();
  return allows(me.data?.roles, capability);
}

/** Renews the ID token with the in-memory refresh token a few minutes before it expires. */
export function useTokenRenewal() {
  const session = useSession();
  useEffect(() => {
    if (!session?.refreshToken) return;
    const refreshToken = session.refreshToken;
    const wait = Math.max(session.expiresAt - Date.now() - 5 * 60_000, 10_000);
    const timer = window.setTimeout(async () => {
      const result = await api.POST('/auth/refresh', { body: { refreshToken } });
      if (result.data) setSession(result.data, refreshToken);
      else clearSession();
    }, wait);
    return () => window.clearTimeout(timer);
  }, [session]);
}

/** Signs out everywhere (POST /auth/logout revokes the refresh tokens), then forgets the session. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    if (getSession()) {
      // A failed logout call must not keep the user signed in here.
      await api.POST('/auth/logout').catch(() => undefined);
    }
    clearSession();
    queryClient.clear();
  }, [queryClient]);
}
