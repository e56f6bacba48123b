import type { components } from '@/api/schema';

export type DocumentContentType = components['schemas']['DocumentContentType'];
export type UploadForm = components['schemas']['UploadForm'];

/** The API's limit (DocumentInput.size): 25 MiB. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** The types the API takes, with the file name endings that stand for them. */
const TYPES: Record<DocumentContentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/tiff': ['.tif', '.tiff'],
};

/** react-dropzone's `accept` (also the file chooser's filter). */
export const ACCEPT: Record<string, string[]> = Object.fromEntries(
  Object.entries(TYPES).map(([type, endings]) => [type, [...endings]]),
);

export type FileRefusal = 'wrongType' | 'tooLarge' | 'empty';

/** What the file is, as the API will be told: its content type, or why it cannot be sent. */
export function checkFile(file: Pick<File, 'name' | 'type' | 'size'>):
  | { ok: true; contentType: DocumentContentType }
  | { ok: false; refusal: FileRefusal } {
  const contentType = contentTypeOf(file);
  if (!contentType) return { ok: false, refusal: 'wrongType' };
  if (file.size === 0) return { ok: false, refusal: 'empty' };
  if (file.size > MAX_DOCUMENT_BYTES) return { ok: false, refusal: 'tooLarge' };
  return { ok: true, contentType };
}

/**
 * The browser's type when it is one the API takes; with no type (some systems know no TIFF),
 * the name's ending decides. A known but other type (text/plain named `.pdf`) is refused: the
 * OCR checks the bytes anyway and would fail it as `wrong_type`.
 */
function contentTypeOf(file: Pick<File, 'name' | 'type'>): DocumentContentType | null {
  const declared = file.type.toLowerCase();
  if (declared in TYPES) return declared as DocumentContentType;
  if (declared !== '') return null;
  const name = file.name.toLowerCase();
  const match = Object.entries(TYPES).find(([, endings]) => endings.some((ending) => name.endsWith(ending)));
  return match ? (match[0] as DocumentContentType) : null;
}

/**
 * The presigned POST's body: every field of the form first, in the API's order, then the file
 * (S3 ignores any field after the file, so the file must be last).
 */
export function uploadFormData(fields: Record<string, string>, file: Blob, fileName: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, fileName);
  return form;
}

/** The storage refused the file (its answer's status and S3 error code), or no answer came. */
export class UploadError extends Error {
  readonly status: number;
  readonly code: string | null;

  constructor(status: number, code: string | null, message: string) {
    super(message);
    this.name = 'UploadError';
    this.status = status;
    this.code = code;
  }
}

/** The `<Code>` of an S3 error answer (`EntityTooLarge`, `AccessDenied`, ...). */
function s3ErrorCode(body: string): string | null {
  return /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? null;
}

interface PostUploadOptions {
  upload: Pick<UploadForm, 'url' | 'fields'>;
  file: Blob;
  fileName: string;
  /** Whole percent of the request body sent, 0–100, as the browser reports it. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
  /** For tests: the XMLHttpRequest to use. */
  makeRequest?: () => XMLHttpRequest;
}

/**
 * Sends the file to the storage with the presigned POST. XMLHttpRequest rather than fetch: only
 * XHR reports upload progress (`upload.onprogress`). The storage is another origin: it answers
 * the CORS preflight that an upload listener causes (the bucket's CORS rules).
 */
export function postUpload({ upload, file, fileName, onProgress, signal, makeRequest }: PostUploadOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = makeRequest ? makeRequest() : new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress?.(Math.min(100, Math.floor((event.loaded / event.total) * 100)));
      }
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress?.(100);
        resolve();
      } else {
        const body = typeof request.responseText === 'string' ? request.responseText : '';
        reject(new UploadError(request.status, s3ErrorCode(body), `the storage answered ${request.status}`));
      }
    };
    // A refused CORS preflight, a dropped connection: the browser tells no more than this.
    request.onerror = () => reject(new UploadError(0, null, 'no answer from the storage'));
    request.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('upload cancelled', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => request.abort(), { once: true });
    }
    request.send(uploadFormData(upload.fields, file, fileName));
  });
}
