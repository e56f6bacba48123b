import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, changeHeaders, unwrap } from '@/lib/api';
import { reportsPollInterval, type Report, type ReportInput } from './request';

type ContractSummary = components['schemas']['ContractSummary'];

export const reportKeys = {
  list: ['reports', 'list'] as const,
  settings: ['reports', 'company-settings'] as const,
  contracts: ['reports', 'contracts'] as const,
};

/** The API's largest page (`limit` 1–200). */
const PAGE_SIZE = 200;
/** A report names at most this many contracts (`contractIds` maxItems). */
const MAX_CHOSEN_CONTRACTS = 1000;

/** The company's reports, newest first; asked again every 2 s while one is pending or processing. */
export function useReports() {
  return useQuery({
    queryKey: reportKeys.list,
    queryFn: async () => unwrap(await api.GET('/reports', { params: { query: { limit: 50 } } })),
    refetchInterval: (query) => reportsPollInterval(query.state.data?.items),
  });
}

/** The company's settings: the framework and currency the form starts with. */
export function useCompanySettings() {
  return useQuery({
    queryKey: reportKeys.settings,
    queryFn: async () => unwrap(await api.GET('/company/settings')),
    staleTime: 60_000,
  });
}

/** The contracts a report may be limited to (every page, up to the most a report may name). */
export function useReportableContracts(enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.contracts,
    enabled,
    queryFn: async () => {
      const all: ContractSummary[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/contracts', { params: { query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } }),
        );
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < MAX_CHOSEN_CONTRACTS);
      return all;
    },
  });
}

/** `POST /reports`; the list is read again (the new report is its first row). */
export function useRequestReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReportInput): Promise<Report> =>
      unwrap(await api.POST('/reports', { body, headers: changeHeaders() })),
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.list, (old: { items: Report[]; nextCursor: string | null } | undefined) =>
        old ? { ...old, items: [report, ...old.items.filter((item) => item.id !== report.id)] } : old,
      );
      void queryClient.invalidateQueries({ queryKey: reportKeys.list });
    },
  });
}

/** A short-lived URL of a finished report's file (the API audits it as `report.extract`). */
export function useReportDownload() {
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.GET('/reports/{id}/download', { params: { path: { id } } })),
  });
}
