import { useSyncExternalStore } from 'react';
import type { components } from '@/api/schema';

export type Tokens = components['schemas']['Tokens'];
export type Role = 'admin' | 'editor' | 'viewer' | 'auditor';

/**
 * The signed-in session lives in this module's memory only: never in localStorage,
 * sessionStorage or a cookie, so no other script and no other tab can read it.
 *
 * Decision (issue 12, "Security"): a reload signs in again. Nothing of the session survives
 * the page: not the ID token and not the refresh token either. Keeping the refresh token
 * anywhere a reload could find it (web storage, a script-readable cookie) would hand a 30-day
 * credential to any script that ever runs on the origin (an injected one, a compromised
 * dependency), and the API issues no http-only cookie the browser could keep for us. Signing in
 * again after a reload costs the user a password (and a code); a stolen refresh token costs the
 * company its data. Within the tab's life the refresh token renews the ID token
 * (`useTokenRenewal` in lib/auth.ts).
 */
export interface Session {
  idToken: string;
  /** Only `POST /auth/mfa/setup` and `/auth/mfa/verify` of a signed-in user take it. */
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds when the ID token expires. */
  expiresAt: number;
}

/** Why the last session ended: the sign-in screen says so. */
export type SessionEnd = 'signedOut' | 'expired' | 'idle';

let current: Session | null = null;
let endedBecause: SessionEnd | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

/**
 * Starts or renews the session. A refresh answer carries no refresh token (`/auth/refresh`
 * answers only the ID and access tokens), so the one we hold is kept.
 */
export function setSession(tokens: Tokens, keepRefresh?: string) {
  current = {
    idToken: tokens.idToken,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? keepRefresh ?? current?.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  endedBecause = null;
  emit();
}

/** Forgets the session (the tokens are gone from memory), remembering why for the sign-in screen. */
export function clearSession(reason: SessionEnd = 'signedOut') {
  if (current) endedBecause = reason;
  current = null;
  emit();
}

export function getSession(): Session | null {
  return current;
}

/** Why the last session of this tab ended, or null when none has (or a new one started). */
export function sessionEndReason(): SessionEnd | null {
  return endedBecause;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
