import { useEffect, useState } from 'react';
import { currentLanguage, INTL_LOCALE } from '@/lib/i18n';

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  /** The moment has come (or passed). */
  due: boolean;
}

const MINUTE_MS = 60_000;

/** Time left until `target` (RFC 3339), in whole days, hours and minutes (a started minute counts). */
export function countdown(target: string, now: number): Countdown {
  const left = Date.parse(target) - now;
  if (Number.isNaN(left) || left <= 0) return { days: 0, hours: 0, minutes: 0, due: true };
  const totalMinutes = Math.ceil(left / MINUTE_MS);
  return {
    days: Math.floor(totalMinutes / (24 * 60)),
    hours: Math.floor((totalMinutes % (24 * 60)) / 60),
    minutes: totalMinutes % 60,
    due: false,
  };
}

/**
 * The current time, renewed every `intervalMs` while the component is shown, and at once when
 * `since` changes (a new deadline is measured from now, not from the last tick).
 */
export function useNow(intervalMs = 30_000, since?: unknown): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, since]);
  return now;
}

/**
 * Whether the typed confirmation is the expected text: exactly, case and inner spaces included;
 * only surrounding spaces are ignored (as the API does for the company's name).
 */
export function confirmationMatches(typed: string, expected: string | null | undefined): boolean {
  if (!expected) return false;
  const wanted = expected.trim();
  return wanted !== '' && typed.trim() === wanted;
}

/** A number with its unit in words, in the UI's language and its plural rules ("3 days", "1 timme"). */
export function formatUnit(value: number, unit: 'day' | 'hour' | 'minute' | 'kilobyte' | 'megabyte', maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(INTL_LOCALE[currentLanguage()], { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits }).format(value);
}
