import { answerWith, json, pathOf, requests, requestAt } from '@/test/fetch-stub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { renewSession, useSignOut, useTokenRenewal } from './auth';
import { clearSession, getSession, sessionEndReason, setSession } from './session';

const SIGN_IN = { idToken: 'id-1', accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 3600 };
// `/auth/refresh` answers no refresh token.
const RENEWED = { idToken: 'id-2', accessToken: 'access-2', expiresIn: 3600 };

afterEach(() => {
  vi.useRealTimers();
  clearSession();
});

describe('renewing the session', () => {
  it('keeps the refresh token the answer lacks, so the next renewal works too', async () => {
    setSession(SIGN_IN);
    answerWith(() => json(200, RENEWED));
    expect(await renewSession()).toBe('renewed');
    expect(getSession()).toMatchObject({ idToken: 'id-2', accessToken: 'access-2', refreshToken: 'refresh-1' });
    expect(await requestAt(0).json()).toEqual({ refreshToken: 'refresh-1' });
    answerWith(() => json(200, { ...RENEWED, idToken: 'id-3' }));
    expect(await renewSession()).toBe('renewed');
    expect(await requestAt(0).json()).toEqual({ refreshToken: 'refresh-1' });
    expect(getSession()?.idToken).toBe('id-3');
  });

  it('a refused refresh (revoked, expired) ends the session as expired', async () => {
    setSession(SIGN_IN);
    answerWith(() => json(401, { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 }));
    expect(await renewSession()).toBe('ended');
    expect(getSession()).toBeNull();
    expect(sessionEndReason()).toBe('expired');
  });

  it('a failing service leaves the session for another try', async () => {
    setSession(SIGN_IN);
    answerWith(() => json(503, { type: '/problems/dependency-failed', title: 'Unavailable', status: 503 }));
    expect(await renewSession()).toBe('failed');
    expect(getSession()?.idToken).toBe('id-1');
  });

  it('a sign-out while the refresh runs is not undone by its answer', async () => {
    setSession(SIGN_IN);
    let release: () => void = () => {};
    answerWith(() => new Promise<Response>((resolve) => (release = () => resolve(json(200, RENEWED)))));
    const renewal = renewSession();
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    clearSession();
    release();
    expect(await renewal).toBe('ended');
    expect(getSession()).toBeNull();
  });

  it('runs five minutes before the ID token expires, again after each renewal', async () => {
    vi.useFakeTimers();
    setSession(SIGN_IN);
    answerWith(() => json(200, RENEWED));
    renderHook(() => useTokenRenewal());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(55 * 60_000 - 1);
    });
    expect(requests).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1);
    });
    expect(requests.map(pathOf)).toEqual(['/v1/auth/refresh']);
    expect(getSession()?.idToken).toBe('id-2');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(55 * 60_000);
    });
    expect(requests.map(pathOf)).toEqual(['/v1/auth/refresh', '/v1/auth/refresh']);
    expect(getSession()?.refreshToken).toBe('refresh-1');
  });
});

describe('signing out', () => {
  it('calls /auth/logout with the session, then forgets it and the cache', async () => {
    setSession(SIGN_IN);
    answerWith(() => json(204));
    const queryClient = new QueryClient();
    queryClient.setQueryData(['contracts'], ['cached']);
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useSignOut(), { wrapper });
    await act(() => result.current());
    expect(requests.map(pathOf)).toEqual(['/v1/auth/logout']);
    expect(requestAt(0).headers.get('Authorization')).toBe('Bearer id-1');
    expect(getSession()).toBeNull();
    expect(sessionEndReason()).toBe('signedOut');
    expect(queryClient.getQueryData(['contracts'])).toBeUndefined();
  });

  it('with an expired ID token (after a sleep), renews it first so the logout revokes the refresh token', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    setSession(SIGN_IN);
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    answerWith((request) => (new URL(request.url).pathname === '/v1/auth/refresh' ? json(200, RENEWED) : json(204)));
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useSignOut(), { wrapper });
    await act(() => result.current());
    expect(requests.map(pathOf)).toEqual(['/v1/auth/refresh', '/v1/auth/logout']);
    expect(requestAt(1).headers.get('Authorization')).toBe('Bearer id-2');
    expect(getSession()).toBeNull();
    expect(sessionEndReason()).toBe('signedOut');
  });

  it('forgets the session even when the API cannot be reached', async () => {
    setSession(SIGN_IN);
    answerWith(() => {
      throw new TypeError('Failed to fetch');
    });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useSignOut(), { wrapper });
    await act(() => result.current());
    expect(getSession()).toBeNull();
  });
});
