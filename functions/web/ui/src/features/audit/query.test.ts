import { actionKey, actorIdentity, AUDIT_PAGE_SIZE, auditQuery, NO_FILTERS } from './query';

describe('the audit filters as the query of GET /audit', () => {
  it('ask for the whole data chain when nothing is filtered', () => {
    expect(auditQuery(NO_FILTERS)).toEqual({ chain: 'data', limit: AUDIT_PAGE_SIZE });
  });

  it('pass every filter that is set, trimmed, and leave blanks out', () => {
    expect(
      auditQuery({ chain: 'security', from: '2026-01-01', to: '2026-01-31', action: ' auth.login ', actor: '  ' }),
    ).toEqual({ chain: 'security', limit: AUDIT_PAGE_SIZE, from: '2026-01-01', to: '2026-01-31', action: 'auth.login' });
  });

  it('add the cursor of the next page to the same filters', () => {
    expect(auditQuery({ ...NO_FILTERS, actor: 'sub-1' }, 'cursor-2')).toEqual({
      chain: 'data',
      limit: AUDIT_PAGE_SIZE,
      actor: 'sub-1',
      cursor: 'cursor-2',
    });
  });
});

describe('action labels', () => {
  it('have one catalogue key per action, also for actions that extend another', () => {
    expect(actionKey('contract.create')).toBe('actions.contract_create');
    expect(actionKey('company.export')).not.toBe(actionKey('company.export.request'));
    expect(actionKey('auth.login_failed')).toBe('actions.auth_login_failed');
  });
});

describe('actors', () => {
  const users = new Map([
    ['sub-1', { id: 'sub-1', email: 'anna@example.com', erased: false }],
    ['sub-2', { id: 'sub-2', email: null, erased: true }],
  ]);

  it('are named by their e-mail address when the user is known', () => {
    expect(actorIdentity('sub-1', users)).toEqual({ kind: 'user', email: 'anna@example.com' });
  });

  it('show an erased user as erased, not by an id', () => {
    expect(actorIdentity('sub-2', users)).toEqual({ kind: 'erased' });
  });

  it('show the system and the operator as such, and an unknown user by id', () => {
    expect(actorIdentity('system', users)).toEqual({ kind: 'system' });
    expect(actorIdentity('operator:arn:aws:sts::1:user/ops', users)).toEqual({ kind: 'operator' });
    expect(actorIdentity('sub-3', users)).toEqual({ kind: 'unknown', id: 'sub-3' });
    expect(actorIdentity('sub-1', undefined)).toEqual({ kind: 'unknown', id: 'sub-1' });
  });
});
