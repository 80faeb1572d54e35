import type { Problem } from '@dify-console/shared/domain/problem';

/**
 * A refusal a service decides itself (a name already taken, a wrong confirmation), already in the
 * user's language. The error handler answers it as it is, with its status.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.message);
    this.name = 'ProblemError';
  }
}

export function isProblemError(value: unknown): value is ProblemError {
  return value instanceof ProblemError;
}
