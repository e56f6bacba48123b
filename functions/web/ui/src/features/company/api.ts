import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, changeHeaders, unwrap } from '@/lib/api';
import { ProblemError } from '@/lib/problem';

export type CompanySettings = components['schemas']['CompanySettings'];
export type CompanySettingsPatch = components['schemas']['CompanySettingsPatch'];
export type CompanySso = components['schemas']['CompanySso'];
export type CompanySsoPut = components['schemas']['CompanySsoPut'];
export type User = components['schemas']['User'];
export type UserInvite = components['schemas']['UserInvite'];
export type UserPatch = components['schemas']['UserPatch'];
export type CompanyExport = components['schemas']['Export'];
export type CompanyErasure = components['schemas']['CompanyErasure'];
export type Role = components['schemas']['Role'];

/** `changeHeaders` typed as the header parameters of an operation that requires `If-Match`. */
function versioned(version: number) {
  return changeHeaders(version) as { 'If-Match': string; 'Idempotency-Key': string };
}

const keys = {
  settings: ['company', 'settings'] as const,
  sso: ['company', 'sso'] as const,
  users: ['company', 'users'] as const,
  exports: ['company', 'exports'] as const,
  exportOne: (id: string) => ['company', 'exports', id] as const,
  erasure: ['company', 'erasure'] as const,
};

export function useCompanySettings() {
  return useQuery({
    queryKey: keys.settings,
    queryFn: async () => unwrap(await api.GET('/company/settings')),
  });
}

export function useUpdateCompanySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, body }: { version: number; body: CompanySettingsPatch }) =>
      unwrap(await api.PATCH('/company/settings', { params: { header: versioned(version) }, body })),
    onSuccess: (settings, { body }) => {
      queryClient.setQueryData(keys.settings, settings);
      // The shell shows the company's name from GET /me.
      if (body.name !== undefined) void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useCompanySso() {
  return useQuery({
    queryKey: keys.sso,
    queryFn: async () => unwrap(await api.GET('/company/sso')),
  });
}

export function usePutCompanySso() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ version, body }: { version: number; body: CompanySsoPut }) =>
      unwrap(await api.PUT('/company/sso', { params: { header: versioned(version) }, body })),
    onSuccess: (sso) => queryClient.setQueryData(keys.sso, sso),
  });
}

/** Every user of the company (the API pages them; a company has few, so all pages are read). */
export function useUsers() {
  return useQuery({
    queryKey: keys.users,
    queryFn: async () => {
      const users: User[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(await api.GET('/users', { params: { query: { limit: 100, cursor } } }));
        users.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return users;
    },
  });
}

function useUsersChange<Input>(change: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useInviteUser() {
  return useUsersChange(async (body: UserInvite) =>
    unwrap(await api.POST('/users', { body, headers: changeHeaders() })),
  );
}

export function useUpdateUser() {
  return useUsersChange(async ({ user, body }: { user: User; body: UserPatch }) =>
    unwrap(await api.PATCH('/users/{id}', { params: { path: { id: user.id }, header: versioned(user.version) }, body })),
  );
}

export function useRemoveUser() {
  return useUsersChange(async ({ user, reason }: { user: User; reason: string }) =>
    unwrap(
      await api.DELETE('/users/{id}', { params: { path: { id: user.id }, header: versioned(user.version) }, body: { reason } }),
    ),
  );
}

export function useEraseUser() {
  return useUsersChange(async ({ user, reason }: { user: User; reason: string }) =>
    unwrap(await api.POST('/users/{id}/erasure', { params: { path: { id: user.id } }, body: { reason }, headers: changeHeaders() })),
  );
}

export function useExports() {
  return useQuery({
    queryKey: keys.exports,
    queryFn: async () => unwrap(await api.GET('/company/exports', { params: { query: { limit: 20 } } })).items,
    // While an export is being built (also one asked for before this page was opened), watch it settle.
    refetchInterval: (query) => (query.state.data?.some((item) => !isSettled(item.status)) ? 3000 : false),
  });
}

export function isSettled(status: CompanyExport['status']): boolean {
  return status === 'finished' || status === 'failed';
}

/** One export, asked again every 2 s until it is finished or failed (then it has its download URL). */
export function useExport(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: keys.exportOne(id ?? ''),
    enabled: id !== null,
    queryFn: async () => {
      const found = unwrap(await api.GET('/company/exports/{id}', { params: { path: { id: id ?? '' } } }));
      if (isSettled(found.status)) void queryClient.invalidateQueries({ queryKey: keys.exports, exact: true });
      return found;
    },
    refetchInterval: (query) => (query.state.data && isSettled(query.state.data.status) ? false : 2000),
  });
}

export function useRequestExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(await api.POST('/company/exports', { body: { reason }, headers: changeHeaders() })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.exports, exact: true }),
  });
}

/** A fresh download URL of a finished export (each one handed out is audited). */
export async function exportDownload(id: string) {
  const found = unwrap(await api.GET('/company/exports/{id}', { params: { path: { id } } }));
  return found.download ?? null;
}

/** The scheduled erasure, or `null` when none is (the API answers 404). */
export function useCompanyErasure() {
  return useQuery({
    queryKey: keys.erasure,
    queryFn: async () => {
      try {
        return unwrap(await api.GET('/company/erasure'));
      } catch (error) {
        if (error instanceof ProblemError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useScheduleErasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { confirm: string; reason: string }) =>
      unwrap(await api.POST('/company/erasure', { body, headers: changeHeaders() })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.erasure }),
  });
}

export function useCancelErasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) =>
      unwrap(
        await api.DELETE('/company/erasure', {
          body: reason ? { reason } : undefined,
          headers: changeHeaders(),
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.erasure }),
  });
}
