import { checkFile, MAX_DOCUMENT_BYTES, postUpload, uploadFormData, UploadError } from './upload';

const FIELDS = {
  key: 't/company/docs/doc-1/original',
  'Content-Type': 'image/png',
  policy: 'eyJjb25kaXRpb25zIjpbXX0=',
  'x-amz-algorithm': 'AWS4-HMAC-SHA256',
  'x-amz-credential': 'test/20260203/eu-north-1/s3/aws4_request',
  'x-amz-date': '20260203T101500Z',
  'x-amz-signature': 'abc123',
};

function file(name: string, type: string, size: number): Pick<File, 'name' | 'type' | 'size'> {
  return { name, type, size };
}

describe('checkFile', () => {
  it.each([
    ['lease.pdf', 'application/pdf', 'application/pdf'],
    ['scan.png', 'image/png', 'image/png'],
    ['photo.jpg', 'image/jpeg', 'image/jpeg'],
    ['scan.tiff', 'image/tiff', 'image/tiff'],
    // Some systems give TIFF (or anything) no type: the name's ending decides.
    ['scan.TIF', '', 'image/tiff'],
    ['page.jpeg', '', 'image/jpeg'],
  ])('takes %s (%s) as %s', (name, type, expected) => {
    expect(checkFile(file(name, type, 1000))).toEqual({ ok: true, contentType: expected });
  });

  it.each([
    ['notes.txt', 'text/plain'],
    ['sheet.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['picture.gif', 'image/gif'],
    // A known other type is not overruled by the name.
    ['fake.pdf', 'text/plain'],
    ['no-type', ''],
  ])('refuses %s (%s) as the wrong type', (name, type) => {
    expect(checkFile(file(name, type, 1000))).toEqual({ ok: false, refusal: 'wrongType' });
  });

  it('refuses an empty file and one above 25 MiB, and takes exactly 25 MiB', () => {
    expect(checkFile(file('a.pdf', 'application/pdf', 0))).toEqual({ ok: false, refusal: 'empty' });
    expect(checkFile(file('a.pdf', 'application/pdf', MAX_DOCUMENT_BYTES + 1))).toEqual({ ok: false, refusal: 'tooLarge' });
    expect(checkFile(file('a.pdf', 'application/pdf', 26_214_400))).toEqual({ ok: true, contentType: 'application/pdf' });
  });
});

describe('uploadFormData', () => {
  it('puts every field of the presigned form first, in order, and the file last', () => {
    const blob = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const form = uploadFormData(FIELDS, blob, 'Hyresavtal Sveavägen 1.pdf');
    const names = [...form.keys()];
    expect(names).toEqual([...Object.keys(FIELDS), 'file']);
    for (const [name, value] of Object.entries(FIELDS)) expect(form.get(name)).toBe(value);
    const sent = form.get('file');
    expect(sent).toBeInstanceOf(File);
    expect((sent as File).name).toBe('Hyresavtal Sveavägen 1.pdf');
    expect((sent as File).size).toBe(blob.size);
  });
});

/** An XMLHttpRequest stand-in that records what is sent and lets the test play the network. */
class FakeRequest {
  method = '';
  url = '';
  body: unknown = null;
  status = 0;
  responseText = '';
  aborted = false;
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number, lengthComputable = true) {
    this.upload.onprogress?.({ loaded, total, lengthComputable } as ProgressEvent);
  }
  answer(status: number, body = '') {
    this.status = status;
    this.responseText = body;
    this.onload?.();
  }
}

function start(options: { onProgress?: (percent: number) => void; signal?: AbortSignal } = {}) {
  const request = new FakeRequest();
  const done = postUpload({
    upload: { url: 'http://127.0.0.1:4566/mypages-local-documents', fields: FIELDS },
    file: new Blob(['x'.repeat(1000)], { type: 'image/png' }),
    fileName: 'scan.png',
    makeRequest: () => request as unknown as XMLHttpRequest,
    ...options,
  });
  return { request, done };
}

describe('postUpload', () => {
  it('POSTs the form to the upload URL and reports progress in whole percent up to 100', async () => {
    const seen: number[] = [];
    const { request, done } = start({ onProgress: (percent) => seen.push(percent) });
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://127.0.0.1:4566/mypages-local-documents');
    expect([...(request.body as FormData).keys()].at(-1)).toBe('file');
    request.progress(0, 2000);
    request.progress(501, 2000);
    request.progress(1999, 2000);
    // A browser that cannot tell the total reports nothing rather than a wrong share.
    request.progress(10, 0, false);
    request.answer(204);
    await expect(done).resolves.toBeUndefined();
    expect(seen).toEqual([0, 25, 99, 100]);
  });

  it("rejects with the storage's error code when it refuses the form", async () => {
    const { request, done } = start();
    request.answer(400, '<?xml version="1.0"?><Error><Code>EntityTooLarge</Code><Message>too large</Message></Error>');
    const error = await done.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UploadError);
    expect(error).toMatchObject({ status: 400, code: 'EntityTooLarge' });
  });

  it('rejects with status 0 when no answer comes (a refused CORS preflight looks the same)', async () => {
    const { request, done } = start();
    request.onerror?.();
    await expect(done).rejects.toMatchObject({ name: 'UploadError', status: 0, code: null });
  });

  it('stops the request when the signal aborts', async () => {
    const controller = new AbortController();
    const { request, done } = start({ signal: controller.signal });
    controller.abort();
    expect(request.aborted).toBe(true);
    await expect(done).rejects.toMatchObject({ name: 'AbortError' });
  });
});
