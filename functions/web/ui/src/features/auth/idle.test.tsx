import { answerWith, json, pathOf, requests, requestAt } from '@/test/fetch-stub';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { initI18n } from '@/lib/i18n';
import { clearSession, getSession, sessionEndReason, setSession } from '@/lib/session';
import { DEFAULT_IDLE_MINUTES, fetchIdleMinutes, IDLE_WARNING_MS, useIdleTimer } from './idle';
import { IdleSignOut } from './IdleSignOut';

const MINUTE = 60_000;

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  vi.useRealTimers();
  clearSession();
});

describe('the idle timer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('warns a minute before and signs out at the configured time', () => {
    const onIdle = vi.fn();
    const { result } = renderHook(() => useIdleTimer(5 * MINUTE, onIdle));
    act(() => vi.advanceTimersByTime(4 * MINUTE - 1));
    expect(result.current.warning).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current.warning).toBe(true);
    expect(onIdle).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(IDLE_WARNING_MS));
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(result.current.warning).toBe(false);
  });

  it('activity starts the wait again and takes the warning away', () => {
    const onIdle = vi.fn();
    const { result } = renderHook(() => useIdleTimer(5 * MINUTE, onIdle));
    act(() => vi.advanceTimersByTime(4.5 * MINUTE));
    expect(result.current.warning).toBe(true);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    });
    expect(result.current.warning).toBe(false);
    act(() => vi.advanceTimersByTime(4.5 * MINUTE));
    expect(onIdle).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(0.5 * MINUTE));
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('time the timers missed (a sleeping computer) counts: the first sign of life after it signs out', () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleTimer(5 * MINUTE, onIdle));
    act(() => vi.advanceTimersByTime(1 * MINUTE));
    // The lid closes for an hour: the clock moves on, the timers do not run.
    vi.setSystemTime(Date.now() + 60 * MINUTE);
    act(() => {
      window.dispatchEvent(new MouseEvent('pointermove'));
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
    // Once only, whatever else happens.
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
      vi.advanceTimersByTime(10 * MINUTE);
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('coming back to the tab after the idle time signs out without any input', () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleTimer(5 * MINUTE, onIdle));
    vi.setSystemTime(Date.now() + 6 * MINUTE);
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('"stay signed in" starts the wait again', () => {
    const onIdle = vi.fn();
    const { result } = renderHook(() => useIdleTimer(2 * MINUTE, onIdle));
    act(() => vi.advanceTimersByTime(1.5 * MINUTE));
    expect(result.current.warning).toBe(true);
    act(() => result.current.stay());
    act(() => vi.advanceTimersByTime(1.9 * MINUTE));
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('does nothing until the time is known', () => {
    const onIdle = vi.fn();
    renderHook(() => useIdleTimer(undefined, onIdle));
    act(() => vi.advanceTimersByTime(24 * 60 * MINUTE));
    expect(onIdle).not.toHaveBeenCalled();
  });
});

describe('the configured idle time', () => {
  it('comes from the app config', async () => {
    answerWith(() => json(200, { idleSignOutMinutes: 15 }));
    expect(await fetchIdleMinutes()).toBe(15);
    expect(pathOf(requestAt(0))).toBe('/v1/app/config.json');
  });

  it.each([
    ['missing (404)', () => json(404)],
    ['not JSON (a dev server answers its index page)', () => new Response('<!doctype html>', { status: 200 })],
    ['not a positive number', () => json(200, { idleSignOutMinutes: -1 })],
  ])('is the default when the config is %s', async (_, response) => {
    answerWith(response);
    expect(await fetchIdleMinutes()).toBe(DEFAULT_IDLE_MINUTES);
  });

  it('is the default when the network fails', async () => {
    answerWith(() => {
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchIdleMinutes()).toBe(DEFAULT_IDLE_MINUTES);
  });
});

describe('the idle sign-out', () => {
  it('warns, then calls /auth/logout and forgets the session as idle', async () => {
    vi.useFakeTimers();
    answerWith((request) => {
      if (pathOf(request) === '/v1/app/config.json') return json(200, { idleSignOutMinutes: 2 });
      if (pathOf(request) === '/v1/auth/logout') return json(204);
      throw new Error(`unexpected ${request.url}`);
    });
    setSession({ idToken: 'id', accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600 });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
    );
    render(<IdleSignOut />, { wrapper });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MINUTE);
    });
    expect(screen.getByRole('alert')).toHaveTextContent('You will be signed out in a minute');
    expect(screen.getByRole('button', { name: 'Stay signed in' })).toBeInTheDocument();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(MINUTE);
    });
    expect(getSession()).toBeNull();
    expect(sessionEndReason()).toBe('idle');
    const logout = requests.find((request) => pathOf(request) === '/v1/auth/logout');
    expect(logout?.headers.get('Authorization')).toBe('Bearer id');
  });
});
