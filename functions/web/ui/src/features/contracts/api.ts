import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, changeHeaders, unwrap } from '@/lib/api';

export type Contract = components['schemas']['Contract'];
export type ContractSummary = components['schemas']['ContractSummary'];
export type ContractInput = components['schemas']['ContractInput'];
export type ContractPatch = components['schemas']['ContractPatch'];
export type ContractStatus = components['schemas']['ContractStatus'];
export type AssetClass = components['schemas']['AssetClass'];
export type Frequency = components['schemas']['Frequency'];
export type Timing = components['schemas']['Timing'];
export type Exemption = components['schemas']['Exemption'];
export type Schedule = components['schemas']['Schedule'];
export type ScheduleRow = components['schemas']['ScheduleRow'];
export type IbrSuggestion = components['schemas']['IbrSuggestion'];

/** The values of the API's enums, in the order the forms and filters offer them. */
export const ASSET_CLASSES: readonly AssetClass[] = ['premises', 'vehicle', 'equipment', 'it', 'other'];
export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'semiannual', 'annual'];
export const TIMINGS: readonly Timing[] = ['advance', 'arrears'];
export const EXEMPTIONS: readonly Exemption[] = ['shortTerm', 'lowValue'];

/** The largest page the API gives (`limit` 1–200): the list loads every page of it. */
const PAGE_SIZE = 200;

export const contractKeys = {
  all: ['contracts'] as const,
  list: (status: ContractStatus | undefined) => ['contracts', 'list', status ?? 'all'] as const,
  detail: (id: string) => ['contracts', 'detail', id] as const,
  schedule: (id: string) => ['contracts', 'schedule', id] as const,
  ibr: (id: string) => ['contracts', 'ibr-suggestion', id] as const,
};

/** A contract as read, with the ETag a change must send back as `If-Match`. */
export interface ContractWithEtag {
  contract: Contract;
  etag: string;
}

function etagOf(response: Response, contract: Contract): string {
  // The API always sends one; `"<version>"` is what it would be (openapi.yaml, ContractSummary.version).
  return response.headers.get('ETag') ?? `"${contract.version}"`;
}

/** Every contract of the company (all pages of GET /contracts), optionally of one status. */
export async function fetchAllContracts(status?: ContractStatus): Promise<ContractSummary[]> {
  const items: ContractSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = unwrap(await api.GET('/contracts', { params: { query: { status, limit: PAGE_SIZE, cursor } } }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export function useContracts(status?: ContractStatus) {
  return useQuery({ queryKey: contractKeys.list(status), queryFn: () => fetchAllContracts(status) });
}

export function useContract(id: string) {
  return useQuery({
    queryKey: contractKeys.detail(id),
    queryFn: async (): Promise<ContractWithEtag> => {
      const result = await api.GET('/contracts/{id}', { params: { path: { id } } });
      const contract = unwrap(result);
      return { contract, etag: etagOf(result.response, contract) };
    },
  });
}

export function useSchedule(id: string) {
  return useQuery({
    queryKey: contractKeys.schedule(id),
    // JSON by default; the schema also names the CSV answer of `?format=csv`, hence the narrowing.
    queryFn: async () => unwrap(await api.GET('/contracts/{id}/schedule', { params: { path: { id } } })) as Schedule,
  });
}

/** The IBR suggestion, asked for only when `requested` (a button): it is a suggestion, never applied by itself. */
export function useIbrSuggestion(id: string, requested: boolean) {
  return useQuery({
    queryKey: contractKeys.ibr(id),
    queryFn: async () => unwrap(await api.GET('/contracts/{id}/ibr-suggestion', { params: { path: { id } } })),
    enabled: requested,
    retry: false,
  });
}

export function useCreateContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ContractInput): Promise<ContractWithEtag> => {
      const result = await api.POST('/contracts', { body, headers: changeHeaders() });
      const contract = unwrap(result);
      return { contract, etag: etagOf(result.response, contract) };
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(contractKeys.detail(saved.contract.id), saved);
      await queryClient.invalidateQueries({ queryKey: ['contracts', 'list'] });
    },
  });
}

export function useUpdateContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, etag, body }: { id: string; etag: string; body: ContractPatch }): Promise<ContractWithEtag> => {
      const result = await api.PATCH('/contracts/{id}', {
        params: { path: { id }, header: { 'If-Match': etag } },
        body,
        headers: changeHeaders(),
      });
      const contract = unwrap(result);
      return { contract, etag: etagOf(result.response, contract) };
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(contractKeys.detail(saved.contract.id), saved);
      await queryClient.invalidateQueries({ queryKey: ['contracts', 'list'] });
      await queryClient.invalidateQueries({ queryKey: contractKeys.schedule(saved.contract.id) });
      await queryClient.invalidateQueries({ queryKey: contractKeys.ibr(saved.contract.id) });
    },
  });
}

export function useArchiveContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, etag, reason }: { id: string; etag: string; reason: string }) => {
      unwrap(
        await api.DELETE('/contracts/{id}', {
          params: { path: { id }, header: { 'If-Match': etag } },
          body: { reason },
          headers: changeHeaders(),
        }),
      );
    },
    onSuccess: async (_, { id }) => {
      await queryClient.invalidateQueries({ queryKey: contractKeys.detail(id) });
      await queryClient.invalidateQueries({ queryKey: ['contracts', 'list'] });
    },
  });
}

/** The schedule as the API's CSV (GET ?format=csv, with the session's token), as it is. */
export async function fetchScheduleCsv(id: string): Promise<Blob> {
  const result = await api.GET('/contracts/{id}/schedule', {
    params: { path: { id }, query: { format: 'csv' } },
    headers: { Accept: 'text/csv' },
    parseAs: 'blob',
  });
  return unwrap(result) as unknown as Blob;
}
