import type { components } from '@/api/schema';

export type Problem = components['schemas']['Problem'];

/** A refused or failed request, with the API's RFC 9457 problem (already in the user's language). */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly status: number;

  constructor(problem: Problem, status: number) {
    super(problem.detail || problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
    this.status = status;
  }
}

/** The per-field messages of a 400/413/422 problem, keyed by the API's field path (`payment.amount`). */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    // The first message for a field is the one to show beside it.
    if (!(error.field in out)) out[error.field] = error.message;
  }
  return out;
}

/** True when `error` is a problem whose `type` ends with `slug` (e.g. `mfa_enrollment_required`). */
export function isProblem(error: unknown, slug: string): error is ProblemError {
  return error instanceof ProblemError && String(error.problem.type).endsWith(slug);
}

/** Turns anything thrown into a problem to show: network failures become a problem too. */
export function asProblem(error: unknown, fallback: { title: string; detail: string }): Problem {
  if (error instanceof ProblemError) return error.problem;
  return { type: 'about:blank', title: fallback.title, detail: fallback.detail };
}
