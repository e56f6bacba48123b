import { confirmationMatches, countdown } from './countdown';

describe('the countdown to the erasure', () => {
  const target = '2026-12-29T06:30:00.000Z';
  it('splits the time left into days, hours and minutes (a started minute counts)', () => {
    expect(countdown(target, Date.parse('2026-11-29T06:30:00.000Z'))).toEqual({ days: 30, hours: 0, minutes: 0, due: false });
    expect(countdown(target, Date.parse('2026-11-29T06:30:01.000Z'))).toEqual({ days: 30, hours: 0, minutes: 0, due: false });
    expect(countdown(target, Date.parse('2026-11-29T06:31:00.000Z'))).toEqual({ days: 29, hours: 23, minutes: 59, due: false });
    expect(countdown(target, Date.parse('2026-12-28T04:15:00.000Z'))).toEqual({ days: 1, hours: 2, minutes: 15, due: false });
    expect(countdown(target, Date.parse('2026-12-29T06:29:30.000Z'))).toEqual({ days: 0, hours: 0, minutes: 1, due: false });
  });

  it('is due at and after the moment, and for a date it cannot read', () => {
    expect(countdown(target, Date.parse(target)).due).toBe(true);
    expect(countdown(target, Date.parse('2027-01-01T00:00:00.000Z'))).toEqual({ days: 0, hours: 0, minutes: 0, due: true });
    expect(countdown('not a date', 0).due).toBe(true);
  });
});

describe('the typed confirmation', () => {
  it('matches only the exact text, ignoring surrounding spaces', () => {
    expect(confirmationMatches('Acme AB', 'Acme AB')).toBe(true);
    expect(confirmationMatches('  Acme AB ', 'Acme AB')).toBe(true);
    expect(confirmationMatches('acme ab', 'Acme AB')).toBe(false);
    expect(confirmationMatches('Acme  AB', 'Acme AB')).toBe(false);
    expect(confirmationMatches('Acme', 'Acme AB')).toBe(false);
  });

  it('never matches while the expected text is unknown or empty', () => {
    expect(confirmationMatches('', undefined)).toBe(false);
    expect(confirmationMatches('', '')).toBe(false);
    expect(confirmationMatches('x', null)).toBe(false);
  });
});
