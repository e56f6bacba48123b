import type { CompanySso } from './api';
import { ssoBody, toSsoValues, trialDaysLeft } from './ssoForm';

const configured: CompanySso = {
  status: 'trial',
  trialEndsAt: '2026-12-09T09:00:00.000Z',
  licensedUntil: null,
  provider: 'oidc',
  oidc: { issuer: 'https://login.microsoftonline.com/tenant/v2.0', clientId: 'azure-client' },
  saml: null,
  google: null,
  domains: ['corp.example'],
  requireForAll: false,
  autoCreateUsers: true,
  groupRoles: [{ group: 'g-finance', role: 'editor' }],
  version: 2,
};

const never: CompanySso = {
  status: 'off',
  trialEndsAt: null,
  licensedUntil: null,
  provider: null,
  oidc: null,
  saml: null,
  google: null,
  domains: [],
  requireForAll: false,
  autoCreateUsers: false,
  groupRoles: [],
  version: 0,
};

describe('the SSO PUT body', () => {
  it('leaves the client secret out when none was typed (the API keeps it)', () => {
    const body = ssoBody(toSsoValues(configured), 'add a domain');
    expect(body.oidc).toEqual({ issuer: 'https://login.microsoftonline.com/tenant/v2.0', clientId: 'azure-client' });
    expect(body).not.toHaveProperty('oidc.clientSecret');
    expect(JSON.stringify(body)).not.toContain('Secret');
  });

  it('sends a typed secret, trimmed, with the chosen provider only', () => {
    const values = { ...toSsoValues(never), enabled: true, provider: 'oidc' as const, oidcIssuer: ' https://issuer.example/v2.0 ', oidcClientId: 'c', oidcClientSecret: ' s3cret ', googleClientId: 'left-over' };
    const body = ssoBody(values, 'set up Azure AD');
    expect(body).toEqual({
      enabled: true,
      provider: 'oidc',
      oidc: { issuer: 'https://issuer.example/v2.0', clientId: 'c', clientSecret: 's3cret' },
      domains: [],
      requireForAll: false,
      autoCreateUsers: false,
      groupRoles: [],
      reason: 'set up Azure AD',
    });
  });

  it('sends no provider when none is chosen, lower-cases domains and drops empty group rows', () => {
    const values = { ...toSsoValues(configured), provider: '' as const, domains: ['Corp.Example', ' '], groupRoles: [{ group: ' ', role: 'viewer' as const }, { group: 'g', role: 'admin' as const }] };
    const body = ssoBody(values, 'r');
    expect(body).not.toHaveProperty('provider');
    expect(body).not.toHaveProperty('oidc');
    expect(body.domains).toEqual(['corp.example']);
    expect(body.groupRoles).toEqual([{ group: 'g', role: 'admin' }]);
  });

  it('sends a SAML metadata document instead of the URL when one is pasted, and a Google secret only when typed', () => {
    const saml = ssoBody({ ...toSsoValues(never), provider: 'saml', samlMetadataUrl: 'https://idp.example/meta', samlMetadataDocument: '<xml/>' }, 'r');
    expect(saml.saml).toEqual({ metadataDocument: '<xml/>' });
    const google = ssoBody({ ...toSsoValues(never), provider: 'google', googleClientId: 'g.apps', googleClientSecret: '' }, 'r');
    expect(google.google).toEqual({ clientId: 'g.apps' });
  });

  it('reads the switch from the status: off exactly when switched off', () => {
    expect(toSsoValues(never).enabled).toBe(false);
    expect(toSsoValues(configured).enabled).toBe(true);
    expect(toSsoValues({ ...configured, status: 'expired' }).enabled).toBe(true);
    expect(toSsoValues(configured).oidcClientSecret).toBe('');
  });
});

describe('the trial days left', () => {
  const end = '2026-12-09T09:00:00.000Z';
  it('counts a started day, and none after the end', () => {
    expect(trialDaysLeft(end, Date.parse('2026-11-29T09:00:00.000Z'))).toBe(10);
    expect(trialDaysLeft(end, Date.parse('2026-11-29T09:00:01.000Z'))).toBe(10);
    expect(trialDaysLeft(end, Date.parse('2026-12-08T09:00:01.000Z'))).toBe(1);
    expect(trialDaysLeft(end, Date.parse('2026-12-10T00:00:00.000Z'))).toBe(0);
    expect(trialDaysLeft(null, 0)).toBeNull();
  });
});
