import type { Problem } from '@breachless/core';
import { textProblem } from './request-text.js';

/** A route's query string, one value per known name, and what is wrong with it so far. */
export interface QueryParams {
  readonly values: Partial<Record<string, string>>;
  /** The route adds its own problems and answers 400 with them all at once. */
  readonly problems: Problem[];
}

/**
 * Reads a query string strictly, like the CLI reads flags: an unknown name (a typo such as
 * `tem=billing` would otherwise widen the answer silently) or a repeated one is a problem,
 * and so is a value the database could not look up (NUL, a lone surrogate, over 255
 * characters). The values sit in a null-prototype object: `constructor` is no parameter.
 */
export function readQuery(
  queries: Record<string, string[]>,
  allowed: readonly string[],
): QueryParams {
  const values: Record<string, string> = Object.create(null);
  const problems: Problem[] = [];
  for (const [name, list] of Object.entries(queries)) {
    const value = list[0];
    const problem = value === undefined ? undefined : textProblem(value);
    if (!allowed.includes(name))
      problems.push({ path: name, message: `unknown parameter (use ${allowed.join(', ')})` });
    else if (list.length > 1) problems.push({ path: name, message: 'given more than once' });
    else if (problem) problems.push({ path: name, message: problem });
    else if (value !== undefined) values[name] = value;
  }
  return { values, problems };
}
