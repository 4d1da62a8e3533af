import type { Problem } from '@breachless/core';

/** An HTTP error with the status and the JSON body the client gets; never a stack trace. */
export class HttpError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 503;
  readonly problems: readonly Problem[] | undefined;

  constructor(status: HttpError['status'], message: string, problems?: readonly Problem[]) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.problems = problems;
  }
}

/**
 * The most problems one error answer lists: enough to fix a batch by, while 200,000 bad lines
 * cannot make a 9 MB answer. The rest are counted in a last entry.
 */
export const MAX_PROBLEMS = 100;

/** The first `MAX_PROBLEMS` problems, then one entry saying how many more there are. */
export function problemList(problems: readonly Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  const more = problems.length - MAX_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    { path: '(more)', message: `and ${more} more problem${more === 1 ? '' : 's'} not listed` },
  ];
}
