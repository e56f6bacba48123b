import { chartPoints, defaultRange, interestRows, rangeProblem } from './series';

describe('the first range of the rates page', () => {
  it('is the 90 days up to the newest published day', () => {
    expect(defaultRange('2025-01-03', new Date('2026-11-29T10:00:00Z'))).toEqual({ from: '2024-10-05', to: '2025-01-03' });
  });
  it('ends today when no rate is published yet', () => {
    expect(defaultRange(undefined, new Date('2026-11-29T10:00:00Z'))).toEqual({ from: '2026-08-31', to: '2026-11-29' });
  });
});

describe('a range the API takes', () => {
  it('has both days, in order, at most 366 days apart', () => {
    expect(rangeProblem('2024-01-01', '2024-12-31')).toBeNull();
    expect(rangeProblem('2024-01-01', '2025-01-01')).toBeNull();
    expect(rangeProblem('2024-01-01', '2025-01-02')).toBe('tooLong');
    expect(rangeProblem('2024-02-01', '2024-01-31')).toBe('order');
    expect(rangeProblem('', '2024-01-31')).toBe('missing');
  });
});

describe('interest rows', () => {
  const results = [
    { series: 'SECBREPOEFF' as const, from: 'x', to: 'y', items: [
      { date: '2024-12-20', value: '2.5', source: 'riksbank' as const, revision: 0 },
      { date: '2024-12-19', value: '2.75', source: 'riksbank' as const, revision: 0 },
    ] },
    { series: 'SEGVB2YC' as const, from: 'x', to: 'y', items: [{ date: '2024-12-20', value: '2.01', source: 'riksbank' as const, revision: 0 }] },
  ];

  it('join the series by day, oldest first, keeping the exact strings', () => {
    expect(interestRows(results)).toEqual([
      { date: '2024-12-19', SECBREPOEFF: '2.75' },
      { date: '2024-12-20', SECBREPOEFF: '2.5', SEGVB2YC: '2.01' },
    ]);
  });

  it('become chart points with numbers, a missing day left out of its line', () => {
    expect(chartPoints(interestRows(results))).toEqual([
      { date: '2024-12-19', SECBREPOEFF: 2.75 },
      { date: '2024-12-20', SECBREPOEFF: 2.5, SEGVB2YC: 2.01 },
    ]);
  });
});
