import type { Language } from '@/lib/i18n';
import type { Role, User, UserPatch } from './api';

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return [...new Set(a)].sort().join() === [...new Set(b)].sort().join();
}

/**
 * The PATCH body of a user's roles and language: only what changed, with the reason; `null`
 * when nothing changed or no role is left (the API needs at least one).
 */
export function userPatch(user: User, roles: readonly Role[], locale: Language, reason: string): UserPatch | null {
  if (roles.length === 0) return null;
  const body: Omit<UserPatch, 'reason'> = {};
  if (!sameRoles(roles, user.roles)) body.roles = [...roles];
  if (locale !== user.locale) body.locale = locale;
  return Object.keys(body).length === 0 ? null : { ...body, reason };
}
