import type { Role } from './session';

/** What each role may do, as the API's role matrix decides it (the API still refuses the rest). */
export const CAN = {
  editContracts: ['admin', 'editor'],
  uploadDocuments: ['admin', 'editor'],
  deleteDocuments: ['admin'],
  requestReports: ['admin', 'editor', 'auditor'],
  readAudit: ['admin', 'auditor'],
  administerCompany: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAN;

export function allows(roles: readonly string[] | undefined, capability: Capability): boolean {
  return (CAN[capability] as readonly string[]).some((role) => roles?.includes(role));
}
