import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import common from '@/locales/en/common.json';
import documents from '@/locales/en/documents.json';
import type { DocumentRecord } from './api';

/** The English catalogues of this feature, loaded synchronously for unit tests. */
export async function englishForTests() {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    defaultNS: 'common',
    resources: { en: { common, documents } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
}

/** A query client that never asks the network for what the test put in its cache. */
export function renderWith(children: ReactNode, documentsInCache: DocumentRecord[] = []) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  for (const document of documentsInCache) client.setQueryData(['documents', 'one', document.id], document);
  return (
    <QueryClientProvider client={client}>
      <MemoryRouter>{children}</MemoryRouter>
    </QueryClientProvider>
  );
}

/** The lease the local OCR engine reads (infra/render_lease.py), as the API answers it. */
export const READ_LEASE: DocumentRecord = {
  id: 'doc-1',
  contractId: null,
  fileName: 'hyresavtal.png',
  contentType: 'image/png',
  size: 286070,
  status: 'processed',
  failureReason: null,
  pages: 1,
  createdAt: '2026-02-03T10:15:00.000Z',
  createdBy: 'user-1',
  proposed: {
    'payment.amount': { value: '12500.00', confidence: 91.5, source: { text: 'Hyra: 12 500,00 kr per månad', page: 1 } },
    'payment.frequency': { value: 'monthly', confidence: 91.5, source: { text: 'Hyra: 12 500,00 kr per månad', page: 1 } },
    currency: { value: 'SEK', confidence: 72.25, source: { text: 'Hyra: 12 500,00 kr per månad', page: 1 } },
    commencementDate: { value: '2026-01-01', confidence: 95.1, source: { text: 'Tillträdesdag: 2026-01-01', page: 1 } },
    endDate: { value: '2030-12-31', confidence: 94, source: { text: 'Upphör: 2030-12-31', page: 1 } },
    lessor: { value: 'Fastighets AB Norrsken', confidence: 96, source: { text: 'Hyresvärd: Fastighets AB Norrsken', page: 1 } },
    lessee: { value: 'Exempelbolaget AB', confidence: 96, source: { text: 'Hyresgäst: Exempelbolaget AB', page: 1 } },
    name: { value: 'Kontorslokal, Storgatan 1, Stockholm', confidence: 88, source: { text: 'Objekt: Kontorslokal, Storgatan 1, Stockholm', page: 1 } },
    noticePeriod: { value: 'P9M', confidence: 90, source: { text: 'Uppsägningstid: 9 månader', page: 1 } },
  },
};
