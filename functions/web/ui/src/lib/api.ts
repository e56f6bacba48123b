import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '@/api/schema';
import { ProblemError, type Problem } from './problem';
import { getSession } from './session';
import { currentLanguage } from './i18n';

/** Every request of the app goes through this client: the public API on the same origin. */
export const api = createClient<paths>({ baseUrl: '/v1' });

/** Called when the API answers 401 to a signed-in request: the session is over. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    const session = getSession();
    if (session && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${session.idToken}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization') && !new URL(request.url).pathname.startsWith('/v1/auth/')) {
      onUnauthorized();
    }
    return response;
  },
};
api.use(headers);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The answer's data, or a `ProblemError` with the API's problem (or one made from the status). */
export function unwrap<T>(result: Result<T>): T {
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) {
    throw new ProblemError(toProblem(error, response), response.status);
  }
  return data as T;
}

function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error) return error as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: typeof error === 'string' ? error : '',
  };
}

/** Headers for a change: a fresh idempotency key, and `If-Match` when the resource has a version. */
export function changeHeaders(version?: number | string): Record<string, string> {
  const out: Record<string, string> = { 'Idempotency-Key': crypto.randomUUID() };
  if (version !== undefined) out['If-Match'] = `"${version}"`;
  return out;
}
