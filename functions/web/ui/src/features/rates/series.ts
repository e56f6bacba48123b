import type { components } from '@/api/schema';

export type InterestSeries = components['schemas']['InterestSeries'];
export type InterestRates = components['schemas']['InterestRates'];

/** The Riksbank series the API serves, in the order the page shows them. */
export const INTEREST_SERIES: readonly InterestSeries[] = ['SECBREPOEFF', 'SEGVB2YC', 'SEGVB5YC', 'SEGVB10YC'];

/** Currencies offered in the FX pickers (those the ECB publishes most used by our customers). */
export const FX_CURRENCIES = ['SEK', 'EUR', 'NOK', 'DKK', 'USD', 'GBP', 'CHF', 'PLN', 'CZK', 'HUF', 'ISK', 'JPY', 'CAD', 'AUD', 'CNY'] as const;

/** The longest range the API takes (`to` at most 366 days after `from`). */
export const MAX_RANGE_DAYS = 366;
/** The range shown first: this many days up to the newest published day. */
export const DEFAULT_RANGE_DAYS = 90;

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

function fromDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days * DAY_MS);
}

/**
 * The range the page opens with: the 90 days up to the newest day with published rates (what
 * `GET /rates/fx` answers as `rateDate` for today), so a stack whose rates stop in the past
 * still opens on data; today (UTC) when no rate is known yet.
 */
export function defaultRange(newestPublishedDay: string | undefined, today: Date): { from: string; to: string } {
  const to = newestPublishedDay ?? today.toISOString().slice(0, 10);
  return { from: addDays(to, -DEFAULT_RANGE_DAYS), to };
}

export type RangeProblem = 'order' | 'tooLong' | 'missing';

/** Why the API would refuse the range, or null when it takes it. */
export function rangeProblem(from: string, to: string): RangeProblem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return 'missing';
  if (to < from) return 'order';
  if ((toDay(to) - toDay(from)) / DAY_MS > MAX_RANGE_DAYS) return 'tooLong';
  return null;
}

/** One row per day that any series has, oldest first, with each series' value (percent, as the API wrote it). */
export type InterestRow = { date: string } & Partial<Record<InterestSeries, string>>;

export function interestRows(results: readonly InterestRates[]): InterestRow[] {
  const byDate = new Map<string, InterestRow>();
  for (const result of results) {
    for (const item of result.items) {
      const row = byDate.get(item.date) ?? { date: item.date };
      row[result.series] = item.value;
      byDate.set(item.date, row);
    }
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The rows as chart points: the chart only draws them, so the percent strings become numbers
 * here (the table shows the API's exact strings).
 */
export function chartPoints(rows: readonly InterestRow[]): ({ date: string } & Partial<Record<InterestSeries, number>>)[] {
  return rows.map((row) => {
    const point: { date: string } & Partial<Record<InterestSeries, number>> = { date: row.date };
    for (const series of INTEREST_SERIES) {
      const value = row[series];
      if (value !== undefined) point[series] = Number(value);
    }
    return point;
  });
}
