import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { ProblemError } from '@/lib/problem';
import { INTEREST_SERIES, type InterestRates } from './series';

export const rateKeys = {
  newest: ['rates', 'newest'] as const,
  interest: (series: string, from: string, to: string) => ['rates', 'interest', series, from, to] as const,
  fx: (base: string, quote: string, date: string) => ['rates', 'fx', base, quote, date] as const,
  average: (base: string, quote: string, from: string, to: string) => ['rates', 'fx-average', base, quote, from, to] as const,
};

/**
 * The newest day with published rates: `GET /rates/fx` for today answers the latest day on or
 * before it (`rateDate`). Undefined when no rate is stored yet (404).
 */
export function useNewestRateDay() {
  return useQuery({
    queryKey: rateKeys.newest,
    queryFn: async () => {
      try {
        return unwrap(await api.GET('/rates/fx', { params: { query: { base: 'EUR', quote: 'SEK' } } })).rateDate;
      } catch (error) {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Every interest series over the range (one request per series), as one result. */
export function useInterestSeries(from: string, to: string) {
  return useQueries({
    queries: INTEREST_SERIES.map((series) => ({
      queryKey: rateKeys.interest(series, from, to),
      queryFn: async () => unwrap(await api.GET('/rates/interest', { params: { query: { series, from, to } } })),
    })),
    combine: combineSeries,
  });
}

function combineSeries(results: readonly UseQueryResult<InterestRates>[]) {
  const error = results.find((result) => result.isError)?.error ?? null;
  const all = results.every((result) => result.isSuccess);
  return { error, series: all ? results.map((result) => result.data as InterestRates) : undefined };
}

/** `quote` per `base` on a day (the latest published day on or before it). */
export function useFxRate(base: string, quote: string, date: string, enabled: boolean) {
  return useQuery({
    queryKey: rateKeys.fx(base, quote, date),
    enabled,
    queryFn: async () => unwrap(await api.GET('/rates/fx', { params: { query: { base, quote, date } } })),
  });
}

/** The mean daily `quote` per `base` rate over the range. */
export function useFxAverage(base: string, quote: string, from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: rateKeys.average(base, quote, from, to),
    enabled,
    queryFn: async () => unwrap(await api.GET('/rates/fx/average', { params: { query: { base, quote, from, to } } })),
  });
}
