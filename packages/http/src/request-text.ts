import { clientDataProblems, LIMITS } from '@breachless/core';

/**
 * Why a string from a path or a query cannot be looked up, or `undefined` when it can. Such
 * ids and filter values reach the same text columns and indexes as the ids of events, so
 * they meet the same limits (docs/formats.md, "Limits"): no NUL and no lone surrogate, which
 * PostgreSQL text cannot hold, and at most `LIMITS.maxIdLength` characters, past which an
 * index row is too large. Each would otherwise fail in the database as a 500.
 */
export function textProblem(value: string): string | undefined {
  const [problem] = clientDataProblems(value);
  if (problem) return problem.message;
  if (value.length > LIMITS.maxIdLength) return `must be at most ${LIMITS.maxIdLength} characters`;
  return undefined;
}
