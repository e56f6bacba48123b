/**
 * A stand-in for the network in unit tests. Import it FIRST in a test file: `src/lib/api.ts`
 * takes `fetch` when it is loaded (openapi-fetch's createClient), and Node's `Request` refuses
 * the app's relative URLs (`/v1/...`), which a browser resolves against the page.
 */
type Answer = (request: Request) => Response | Promise<Response>;

let answer: Answer = (request) => {
  throw new Error(`unexpected request ${request.method} ${request.url}`);
};

/** Every request the app made since the last `answerWith`, in order. */
export const requests: Request[] = [];

/** Sets how the "server" answers (and forgets the requests so far). */
export function answerWith(next: Answer) {
  answer = next;
  requests.length = 0;
}

/** A JSON (or problem+json for 4xx/5xx) answer. */
export function json(status: number, body?: unknown): Response {
  if (body === undefined) return new Response(null, { status });
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

/** The path of a request without the origin (`/v1/auth/login`). */
export function pathOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname;
}

const NodeRequest = globalThis.Request;
class PageRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' && input.startsWith('/') ? new URL(input, window.location.href).href : input, init);
  }
}
globalThis.Request = PageRequest as typeof Request;
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = input instanceof NodeRequest ? input : new PageRequest(input, init);
  requests.push(request.clone());
  return answer(request);
};

/** The `index`th request the app made (fails the test when there was none). */
export function requestAt(index: number): Request {
  const request = requests[index];
  if (!request) throw new Error(`the app made ${requests.length} requests, not ${index + 1}`);
  return request;
}
