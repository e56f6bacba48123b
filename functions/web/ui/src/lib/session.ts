import { useSyncExternalStore } from 'react';
import type { components } from '@/api/schema';

export type Tokens = components['schemas']['Tokens'];
export type Role = 'admin' | 'editor' | 'viewer' | 'auditor';

/**
 * The signed-in session lives in this module's memory only: never in localStorage,
 * sessionStorage or a cookie, so no other script and no other tab can read it. A reload signs
 * in again (see README, "Web app": nothing an injected script could lift survives the tab).
 */
export interface Session {
  idToken: string;
  /** Only `POST /auth/mfa/setup` and `/auth/mfa/verify` of a signed-in user take it. */
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds when the ID token expires. */
  expiresAt: number;
}

let current: Session | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function setSession(tokens: Tokens, keepRefresh?: string) {
  current = {
    idToken: tokens.idToken,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? keepRefresh ?? current?.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  emit();
}

export function clearSession() {
  current = null;
  emit();
}

export function getSession(): Session | null {
  return current;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
