import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';

/** The idle sign-out when the app's config cannot be read (DESIGN: 30 minutes). */
export const DEFAULT_IDLE_MINUTES = 30;
/** The warning comes this long before the idle sign-out. */
export const IDLE_WARNING_MS = 60_000;
/** What counts as the user being there. Pointer moves are many: activity is noted at most once a second. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const ACTIVITY_THROTTLE_MS = 1_000;
/** How often the wall clock is read, for time the timers missed (a sleeping computer). */
const WALL_CLOCK_CHECK_MS = 15_000;

/**
 * Minutes without activity before the app signs out: `idleSignOutMinutes` of the app's runtime
 * config (`/v1/app/config.json`, served by the web function from its environment), or the
 * default when it cannot be read (the Vite dev server has no such file).
 */
export async function fetchIdleMinutes(): Promise<number> {
  try {
    // No `Accept: application/json`: the Vite dev server then answers its index.html (200, not
    // JSON: the default applies) instead of a 404 that the browser logs as an error.
    const response = await fetch(`${import.meta.env.BASE_URL}config.json`);
    if (!response.ok) return DEFAULT_IDLE_MINUTES;
    const config: unknown = await response.json();
    const minutes = config && typeof config === 'object' && 'idleSignOutMinutes' in config ? config.idleSignOutMinutes : undefined;
    return typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_IDLE_MINUTES;
  } catch {
    return DEFAULT_IDLE_MINUTES;
  }
}

export function useIdleMinutes(): number | undefined {
  const config = useQuery({ queryKey: ['auth', 'idle-minutes'], queryFn: fetchIdleMinutes, staleTime: Infinity, retry: false });
  return config.data;
}

/**
 * Calls `onIdle` after `idleMs` without user activity, and sets `warning` `IDLE_WARNING_MS`
 * before that. Any activity (or `stay()`) starts the wait again and takes the warning away.
 * Nothing runs while `idleMs` is undefined (the config is still being read).
 */
export function useIdleTimer(idleMs: number | undefined, onIdle: () => void) {
  const [warning, setWarning] = useState(false);
  const onIdleRef = useRef(onIdle);
  const armRef = useRef<() => void>(() => {});
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (idleMs === undefined) return;
    let warnTimer = 0;
    let idleTimer = 0;
    let lastActivity = Date.now();
    const arm = () => {
      window.clearTimeout(warnTimer);
      window.clearTimeout(idleTimer);
      setWarning(false);
      warnTimer = window.setTimeout(() => setWarning(true), Math.max(idleMs - IDLE_WARNING_MS, 0));
      idleTimer = window.setTimeout(end, idleMs);
    };
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      window.clearTimeout(warnTimer);
      window.clearTimeout(idleTimer);
      setWarning(false);
      onIdleRef.current();
    };
    // Timers do not run while the computer sleeps (a closed lid): the wall clock decides. Past
    // the idle time, the first sign of life signs out instead of starting the wait again.
    const overdue = () => Date.now() - lastActivity >= idleMs;
    const activity = () => {
      if (overdue()) return end();
      const now = Date.now();
      if (now - lastActivity < ACTIVITY_THROTTLE_MS) return;
      lastActivity = now;
      arm();
    };
    const wake = () => {
      if (overdue()) end();
    };
    const clock = window.setInterval(wake, WALL_CLOCK_CHECK_MS);
    armRef.current = () => {
      if (overdue()) return end();
      lastActivity = Date.now();
      arm();
    };
    arm();
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, activity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('focus', wake);
    return () => {
      window.clearTimeout(warnTimer);
      window.clearTimeout(idleTimer);
      window.clearInterval(clock);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, activity, { capture: true });
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('focus', wake);
    };
  }, [idleMs]);

  const stay = useCallback(() => armRef.current(), []);
  return { warning, stay };
}
