import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api';
import { auditQuery, type AuditFilters, type DirectoryUser } from './query';

export const auditKeys = {
  list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
  users: ['audit', 'users'] as const,
};

/** One chain's records for the filters, newest first, a page at a time (`nextCursor`). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET('/audit', { params: { query: auditQuery(filters, pageParam) } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The company's users by id (admins only: `GET /users`), to name the actors. */
export function useUserDirectory(enabled: boolean) {
  return useQuery({
    queryKey: auditKeys.users,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const users = new Map<string, DirectoryUser>();
      let cursor: string | undefined;
      do {
        const page = unwrap(await api.GET('/users', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }));
        for (const user of page.items) users.set(user.id, user);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return users;
    },
  });
}

/** `GET /audit/verify`: recomputes both chains' hashes on demand. */
export function useVerifyChain() {
  return useMutation({
    mutationFn: async () => unwrap(await api.GET('/audit/verify')),
  });
}
