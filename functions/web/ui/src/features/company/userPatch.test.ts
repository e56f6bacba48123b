import type { User } from './api';
import { userPatch } from './userPatch';

const viewer: User = {
  id: '9b2f4c61-3d8e-4a7b-b1c2-5e6f7a8b9c0d',
  email: 'anna@demo.example',
  roles: ['viewer'],
  locale: 'sv',
  active: true,
  mfaEnrolled: false,
  federated: false,
  createdAt: '2026-11-29T09:00:00.000Z',
  version: 3,
  erased: false,
};

describe("the user's PATCH body", () => {
  it('holds only the changed roles or language, with the reason', () => {
    expect(userPatch(viewer, ['editor'], 'sv', 'moved')).toEqual({ roles: ['editor'], reason: 'moved' });
    expect(userPatch(viewer, ['viewer'], 'en', 'moved')).toEqual({ locale: 'en', reason: 'moved' });
    expect(userPatch(viewer, ['viewer', 'auditor'], 'fi', 'r')).toEqual({ roles: ['viewer', 'auditor'], locale: 'fi', reason: 'r' });
  });

  it('is nothing to send without a change (role order does not count) or without any role', () => {
    expect(userPatch(viewer, ['viewer'], 'sv', 'r')).toBeNull();
    expect(userPatch({ ...viewer, roles: ['admin', 'editor'] }, ['editor', 'admin'], 'sv', 'r')).toBeNull();
    expect(userPatch(viewer, [], 'en', 'r')).toBeNull();
  });
});
