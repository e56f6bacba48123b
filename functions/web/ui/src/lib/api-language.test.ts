import { answerWith, json, requestAt } from '@/test/fetch-stub';
import { api } from './api';
import { changeLanguage, initI18n } from './i18n';
import { clearSession, setSession } from './session';

describe('the API client', () => {
  beforeAll(async () => {
    window.localStorage.clear();
    await initI18n();
  });
  afterEach(() => clearSession());

  it('sends the picked language as Accept-Language (Swedish until another is picked)', async () => {
    answerWith(() => json(200, { status: 'ok' }));
    await api.GET('/health');
    expect(requestAt(0).headers.get('Accept-Language')).toBe('sv');
    await changeLanguage('lt');
    await api.GET('/health');
    expect(requestAt(1).headers.get('Accept-Language')).toBe('lt');
    await changeLanguage('en');
    await api.GET('/health');
    expect(requestAt(2).headers.get('Accept-Language')).toBe('en');
  });

  it('sends the ID token of the session, and nothing without one', async () => {
    answerWith(() => json(200, { status: 'ok' }));
    await api.GET('/health');
    expect(requestAt(0).headers.has('Authorization')).toBe(false);
    setSession({ idToken: 'id-token', accessToken: 'access-token', expiresIn: 3600 });
    await api.GET('/health');
    expect(requestAt(1).headers.get('Authorization')).toBe('Bearer id-token');
  });
});
