import type { Problem } from '@breachless/core';

/** The statuses the API refuses a request with. */
type HttpErrorStatus = 400 | 401 | 403 | 404 | 413 | 415 | 503;

/**
 * The API's one error type, in the manner of hono's `HTTPException`: a route or middleware
 * throws it with the status and the message (and the problems, each by path) the client gets
 * as JSON, never a stack trace; `cause` keeps what was underneath for the log. Core's
 * `ConfigError` and `EventsError` answer 400 the same way; anything else is a 500.
 */
export class HttpError extends Error {
  readonly status: HttpErrorStatus;
  readonly problems: readonly Problem[] | undefined;

  constructor(
    status: HttpErrorStatus,
    message: string,
    problems?: readonly Problem[],
    options?: ErrorOptions,
  ) {
    super(message, options);
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
