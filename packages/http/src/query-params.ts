import type { Problem } from '@breachless/core';

/** A route's query string, one value per known name, and what is wrong with it so far. */
export interface QueryParams {
  readonly values: Partial<Record<string, string>>;
  /** The route adds its own problems and answers 400 with them all at once. */
  readonly problems: Problem[];
}

/**
 * Reads a query string strictly, like the CLI reads flags: an unknown name (a typo such as
 * `tem=billing` would otherwise widen the answer silently) or a repeated one is a problem.
 */
export function readQuery(
  queries: Record<string, string[]>,
  allowed: readonly string[],
): QueryParams {
  const values: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const [name, list] of Object.entries(queries)) {
    if (!allowed.includes(name))
      problems.push({ path: name, message: `unknown parameter (use ${allowed.join(', ')})` });
    else if (list.length > 1) problems.push({ path: name, message: 'given more than once' });
    else if (list[0] !== undefined) values[name] = list[0];
  }
  return { values, problems };
}
