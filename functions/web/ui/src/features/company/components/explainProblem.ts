import { ProblemError } from '@/lib/problem';

/**
 * A refusal whose reason is in its per-field messages (e.g. the last-admin rule, reported on
 * the user's `id`) made showable where there is no field to put them beside: the messages
 * become the detail that ProblemAlert shows.
 */
export function explainProblem(error: unknown): unknown {
  if (!(error instanceof ProblemError) || !error.problem.errors?.length) return error;
  const messages = error.problem.errors.map((entry) => entry.message).join(' ');
  return new ProblemError({ ...error.problem, detail: messages }, error.status);
}
