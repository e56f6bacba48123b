import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { englishForTests, READ_LEASE, renderWith } from '../testing';
import { UploadArea } from './UploadArea';

// The API client stands in for the network: what the area asks and what it does with answers.
const api = vi.hoisted(() => ({ POST: vi.fn(), GET: vi.fn() }));
vi.mock('@/lib/api', async (original) => ({ ...(await original<typeof import('@/lib/api')>()), api }));

/** The storage's side: one XMLHttpRequest the test answers. */
class StorageRequest {
  static last: StorageRequest | null = null;
  url = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    StorageRequest.last = this;
  }
  open(_method: string, url: string) {
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {}
}

const UPLOAD = {
  url: 'http://127.0.0.1:4566/mypages-local-documents',
  fields: { key: 't/c/docs/doc-1/original', 'Content-Type': 'application/pdf', policy: 'p', 'x-amz-signature': 's' },
  expiresAt: '2026-02-03T10:30:00.000Z',
};

function json(status: number, body: unknown) {
  return { data: status < 300 ? body : undefined, error: status < 300 ? undefined : body, response: new Response(null, { status }) };
}

beforeAll(englishForTests);
beforeEach(() => {
  api.POST.mockReset();
  api.GET.mockReset();
  StorageRequest.last = null;
  vi.stubGlobal('XMLHttpRequest', StorageRequest);
});
afterEach(() => vi.unstubAllGlobals());

function chooser(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  return input;
}

describe('the upload', () => {
  it('registers the file, sends it with progress shown, then follows the OCR to processed', async () => {
    const created = { ...READ_LEASE, fileName: 'lease.pdf', contentType: 'application/pdf', size: 8, status: 'awaiting_upload', pages: null, proposed: null, upload: UPLOAD };
    api.POST.mockResolvedValue(json(201, created));
    api.GET.mockResolvedValue(json(200, { ...READ_LEASE, fileName: 'lease.pdf' }));
    render(renderWith(<UploadArea contractId="contract-7" />));

    await userEvent.upload(chooser(), new File(['%PDF-1.7'], 'lease.pdf', { type: 'application/pdf' }));
    expect(api.POST).toHaveBeenCalledWith(
      '/documents',
      expect.objectContaining({
        body: { fileName: 'lease.pdf', contentType: 'application/pdf', size: 8, contractId: 'contract-7' },
        headers: expect.objectContaining({ 'Idempotency-Key': expect.any(String) }),
      }),
    );
    await vi.waitFor(() => expect(StorageRequest.last?.body).not.toBeNull());
    const request = StorageRequest.last!;
    expect(request.url).toBe(UPLOAD.url);
    expect([...request.body!.keys()]).toEqual(['key', 'Content-Type', 'policy', 'x-amz-signature', 'file']);

    act(() => request.upload.onprogress?.({ loaded: 42, total: 100, lengthComputable: true } as ProgressEvent));
    const progress = await screen.findByRole('progressbar', { name: 'Uploading lease.pdf: 42 %' });
    expect(progress).toHaveAttribute('value', '42');

    act(() => {
      request.status = 204;
      request.onload?.();
    });
    expect(await screen.findByRole('progressbar', { name: 'lease.pdf uploaded' })).toHaveAttribute('value', '100');
    expect(await screen.findByText('Processed')).toBeInTheDocument();
    expect(api.GET).toHaveBeenCalledWith('/documents/{id}', { params: { path: { id: 'doc-1' } } });
  });

  it("shows the API's refusal as the API words it, and sends nothing to the storage", async () => {
    api.POST.mockResolvedValue(
      json(413, { type: 'https://mypages.example/problems/file_too_large', title: 'The file is too large', status: 413, detail: 'At most 25 MiB.' }),
    );
    render(renderWith(<UploadArea />));
    await userEvent.upload(chooser(), new File(['%PDF-1.7'], 'lease.pdf', { type: 'application/pdf' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The file is too large');
    expect(alert).toHaveTextContent('At most 25 MiB.');
    expect(StorageRequest.last).toBeNull();
  });

  it("says so when the storage refuses the file, with the storage's code", async () => {
    api.POST.mockResolvedValue(json(201, { ...READ_LEASE, status: 'awaiting_upload', upload: UPLOAD }));
    render(renderWith(<UploadArea />));
    await userEvent.upload(chooser(), new File(['%PDF-1.7'], 'lease.pdf', { type: 'application/pdf' }));
    await vi.waitFor(() => expect(StorageRequest.last?.body).not.toBeNull());
    act(() => {
      const request = StorageRequest.last!;
      request.status = 403;
      request.responseText = '<Error><Code>AccessDenied</Code><Message>Policy expired</Message></Error>';
      request.onload?.();
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The storage refused the file (AccessDenied). Try again.');
  });
});
