import type { CompanySso, CompanySsoPut, Role } from './api';

export type SsoProvider = NonNullable<CompanySso['provider']>;

/** What the SSO form edits; secrets start empty (the API never shows them) and stay out unless typed. */
export interface SsoValues {
  enabled: boolean;
  provider: SsoProvider | '';
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret: string;
  samlMetadataUrl: string;
  samlMetadataDocument: string;
  googleClientId: string;
  googleClientSecret: string;
  domains: string[];
  requireForAll: boolean;
  autoCreateUsers: boolean;
  groupRoles: { group: string; role: Role }[];
}

export function toSsoValues(sso: CompanySso): SsoValues {
  return {
    // The API keeps `enabled` and answers it as the status: `off` exactly when switched off.
    enabled: sso.status !== 'off',
    provider: sso.provider ?? '',
    oidcIssuer: sso.oidc?.issuer ?? '',
    oidcClientId: sso.oidc?.clientId ?? '',
    oidcClientSecret: '',
    samlMetadataUrl: sso.saml?.metadataUrl ?? '',
    samlMetadataDocument: '',
    googleClientId: sso.google?.clientId ?? '',
    googleClientSecret: '',
    domains: [...sso.domains],
    requireForAll: sso.requireForAll,
    autoCreateUsers: sso.autoCreateUsers,
    groupRoles: sso.groupRoles.map((mapping) => ({ ...mapping })),
  };
}

function typed(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The PUT body (it replaces the settings: fields left out take their defaults). Only the chosen
 * provider's object is sent, and a client secret only when the admin typed one: an empty
 * secret field keeps the secret Cognito holds.
 */
export function ssoBody(values: SsoValues, reason: string): CompanySsoPut {
  const body: CompanySsoPut = {
    enabled: values.enabled,
    domains: values.domains.map((domain) => domain.trim().toLowerCase()).filter((domain) => domain !== ''),
    requireForAll: values.requireForAll,
    autoCreateUsers: values.autoCreateUsers,
    groupRoles: values.groupRoles
      .map((mapping) => ({ group: mapping.group.trim(), role: mapping.role }))
      .filter((mapping) => mapping.group !== ''),
    reason,
  };
  switch (values.provider) {
    case 'oidc': {
      const secret = typed(values.oidcClientSecret);
      body.provider = 'oidc';
      body.oidc = { issuer: values.oidcIssuer.trim(), clientId: values.oidcClientId.trim(), ...(secret ? { clientSecret: secret } : {}) };
      break;
    }
    case 'saml': {
      const document = typed(values.samlMetadataDocument);
      body.provider = 'saml';
      body.saml = document ? { metadataDocument: document } : { metadataUrl: values.samlMetadataUrl.trim() };
      break;
    }
    case 'google': {
      const secret = typed(values.googleClientSecret);
      body.provider = 'google';
      body.google = { clientId: values.googleClientId.trim(), ...(secret ? { clientSecret: secret } : {}) };
      break;
    }
    case '':
      break;
  }
  return body;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days left of the trial (a started day counts), 0 once it ended; null without a trial. */
export function trialDaysLeft(trialEndsAt: string | null, now: number): number | null {
  if (!trialEndsAt) return null;
  const end = Date.parse(trialEndsAt);
  if (Number.isNaN(end)) return null;
  return Math.max(0, Math.ceil((end - now) / DAY_MS));
}
