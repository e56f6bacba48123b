import type { components, paths } from '@/api/schema';

export type AuditRecord = components['schemas']['AuditRecord'];
export type AuditChain = components['schemas']['AuditChainName'];
export type AuditVerifyReport = components['schemas']['AuditVerifyReport'];
type AuditQuery = NonNullable<paths['/audit']['get']['parameters']['query']>;

/** What the filter form holds: empty strings are "any". */
export interface AuditFilters {
  chain: AuditChain;
  /** `YYYY-MM-DD`: from the start of that day (UTC). */
  from: string;
  /** `YYYY-MM-DD`: to the end of that day (UTC). */
  to: string;
  action: string;
  /** A user's id (`sub`). */
  actor: string;
}

export const NO_FILTERS: AuditFilters = { chain: 'data', from: '', to: '', action: '', actor: '' };

/** Records a page asks for (the API allows up to 200). */
export const AUDIT_PAGE_SIZE = 100;

/** The actions each chain records (the API's handlers name them), offered by the action filter. */
export const AUDIT_ACTIONS: Record<AuditChain, readonly string[]> = {
  data: [
    'contract.create',
    'contract.update',
    'contract.archive',
    'document.create',
    'document.view',
    'document.delete',
    'report.create',
    'report.extract',
    'company.create',
    'company.settings.update',
    'company.sso.update',
    'company.export.request',
    'company.export',
    'company.erasure.schedule',
    'company.erasure.cancel',
    'company.erasure.start',
    'user.invite',
    'user.create',
    'user.update',
    'user.delete',
    'user.erasure',
  ],
  security: ['auth.login', 'auth.login_failed', 'auth.refresh', 'auth.logout', 'auth.password', 'auth.mfa.enrol'],
};

/**
 * The query of `GET /audit` for the filters (and the next page's cursor): blanks are left out,
 * so an empty filter asks for everything of the chain, newest first.
 */
export function auditQuery(filters: AuditFilters, cursor?: string): AuditQuery {
  const query: AuditQuery = { chain: filters.chain, limit: AUDIT_PAGE_SIZE };
  const from = filters.from.trim();
  const to = filters.to.trim();
  const action = filters.action.trim();
  const actor = filters.actor.trim();
  if (from) query.from = from;
  if (to) query.to = to;
  if (action) query.action = action;
  if (actor) query.actor = actor;
  if (cursor) query.cursor = cursor;
  return query;
}

/** The catalogue key of an action's label (`contract.create` → `actions.contract_create`). */
export function actionKey(action: string): string {
  return `actions.${action.replace(/[^a-z0-9]+/gi, '_')}`;
}

/** Who a record's actor is, as far as this user may know. */
export type ActorIdentity =
  | { kind: 'user'; email: string }
  | { kind: 'erased' }
  | { kind: 'system' }
  | { kind: 'operator' }
  | { kind: 'unknown'; id: string };

export interface DirectoryUser {
  id: string;
  email?: string | null;
  erased?: boolean;
}

/**
 * The actor's identity from the company's users (admins may read them; others see the id). An
 * erased user keeps their id in the chain (the chain hashes only ids) but has no e-mail any more.
 */
export function actorIdentity(actor: string, users: ReadonlyMap<string, DirectoryUser> | undefined): ActorIdentity {
  if (actor === 'system') return { kind: 'system' };
  if (actor.startsWith('operator:')) return { kind: 'operator' };
  const user = users?.get(actor);
  if (user?.erased || (user && !user.email)) return { kind: 'erased' };
  if (user?.email) return { kind: 'user', email: user.email };
  return { kind: 'unknown', id: actor };
}
