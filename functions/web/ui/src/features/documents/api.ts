import { useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, changeHeaders, unwrap } from '@/lib/api';
import { checkFile, postUpload, type FileRefusal } from './upload';

export type DocumentRecord = components['schemas']['Document'];
export type DocumentStatus = components['schemas']['DocumentStatus'];
export type Proposal = components['schemas']['Proposal'];

/** How long a presigned POST admits the file (API: `upload.expiresAt`, 15 minutes). */
const UPLOAD_WINDOW_MS = 15 * 60_000;
/** OCR takes seconds: ask again every second while it reads. */
const PROCESSING_POLL_MS = 1_000;
const AWAITING_POLL_MS = 2_000;

export const documentKeys = {
  all: ['documents'] as const,
  list: (contractId?: string) => ['documents', 'list', contractId ?? null] as const,
  one: (id: string) => ['documents', 'one', id] as const,
  contractNames: ['documents', 'contract-names'] as const,
};

/**
 * How soon to ask again for a document: while OCR reads it, every second; while its file is
 * awaited, every two seconds until the upload form has expired (then nothing can arrive);
 * never once it is processed or failed.
 */
export function pollInterval(document: DocumentRecord | undefined, now = Date.now()): number | false {
  if (!document) return false;
  if (document.status === 'processing') return PROCESSING_POLL_MS;
  if (document.status === 'awaiting_upload') {
    const created = Date.parse(document.createdAt);
    return Number.isNaN(created) || now < created + UPLOAD_WINDOW_MS ? AWAITING_POLL_MS : false;
  }
  return false;
}

/** Every document of the company (or of one contract), newest first: all pages of the list. */
export function useDocuments(contractId?: string) {
  return useQuery({
    queryKey: documentKeys.list(contractId),
    queryFn: async () => {
      const items: DocumentRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = unwrap(
          await api.GET('/documents', { params: { query: { contractId, cursor, limit: 200 } } }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
    // A document still being read changes by itself: keep the list fresh until none is.
    refetchInterval: (query: Query<DocumentRecord[]>) =>
      query.state.data?.some((document) => pollInterval(document) !== false) ? AWAITING_POLL_MS : false,
  });
}

/** One document, asked again while its status can still change. */
export function useDocument(id: string | undefined) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: documentKeys.one(id ?? ''),
    queryFn: async () => {
      const document = unwrap(await api.GET('/documents/{id}', { params: { path: { id: id ?? '' } } }));
      // The lists show the same record: keep them in step with what was just read.
      queryClient.setQueriesData<DocumentRecord[]>({ queryKey: ['documents', 'list'] }, (items) =>
        items?.map((item) => (item.id === document.id ? document : item)),
      );
      return document;
    },
    enabled: Boolean(id),
    refetchInterval: (query: Query<DocumentRecord>) => pollInterval(query.state.data),
  });
}

/** Names of the company's contracts by id, for the list's contract column. */
export function useContractNames() {
  return useQuery({
    queryKey: documentKeys.contractNames,
    queryFn: async () => {
      const names = new Map<string, string>();
      let cursor: string | undefined;
      do {
        const page = unwrap(await api.GET('/contracts', { params: { query: { cursor, limit: 200 } } }));
        for (const contract of page.items) names.set(contract.id, contract.name);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return names;
    },
    staleTime: 60_000,
  });
}

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'refused'; refusal: FileRefusal | 'tooMany'; fileName?: string }
  | { phase: 'registering'; fileName: string }
  | { phase: 'uploading'; fileName: string; documentId: string; percent: number }
  | { phase: 'uploaded'; fileName: string; documentId: string }
  | { phase: 'failed'; fileName: string; error: unknown; documentId?: string };

/**
 * The upload: the client-side checks, `POST /documents` (registers it and answers the presigned
 * form), then the file to the storage with progress. Afterwards the document's query polls its
 * OCR status.
 */
export function useUploadDocument(contractId: string | undefined, onState: (state: UploadState) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const checked = checkFile(file);
      if (!checked.ok) {
        onState({ phase: 'refused', refusal: checked.refusal, fileName: file.name });
        return null;
      }
      onState({ phase: 'registering', fileName: file.name });
      let documentId: string | undefined;
      try {
        const created = unwrap(
          await api.POST('/documents', {
            body: { fileName: file.name, contentType: checked.contentType, size: file.size, contractId: contractId ?? null },
            headers: changeHeaders(),
          }),
        );
        documentId = created.id;
        const id = created.id;
        queryClient.setQueryData(documentKeys.one(id), stripUpload(created));
        void queryClient.invalidateQueries({ queryKey: documentKeys.all, refetchType: 'none' });
        onState({ phase: 'uploading', fileName: file.name, documentId: id, percent: 0 });
        await postUpload({
          upload: created.upload,
          file,
          fileName: file.name,
          onProgress: (percent) => onState({ phase: 'uploading', fileName: file.name, documentId: id, percent }),
        });
        onState({ phase: 'uploaded', fileName: file.name, documentId: id });
        await queryClient.invalidateQueries({ queryKey: documentKeys.all });
        return id;
      } catch (error) {
        onState({ phase: 'failed', fileName: file.name, error, documentId });
        if (documentId) void queryClient.invalidateQueries({ queryKey: documentKeys.all });
        return null;
      }
    },
  });
}

function stripUpload(created: components['schemas']['DocumentCreated']): DocumentRecord {
  // The upload form is a credential for this one upload: it is not kept in the cache.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { upload, ...document } = created;
  return document;
}

export function useDeleteDocument(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reason: string) => {
      unwrap(
        await api.DELETE('/documents/{id}', {
          params: { path: { id } },
          body: { reason },
          headers: changeHeaders(),
        }),
      );
    },
    // The lists only: asking for the deleted document again would answer 404 on the page that
    // is about to leave it (its cache entry goes with the garbage collection).
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents', 'list'] }),
  });
}

/** A short-lived download URL of the original (the API audits it as `document.view`). */
export async function downloadUrl(id: string): Promise<string> {
  return unwrap(await api.GET('/documents/{id}/download', { params: { path: { id } } })).url;
}
