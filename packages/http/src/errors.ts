import type { Problem } from '@breachless/core';

/** An HTTP error with the status and the JSON body the client gets; never a stack trace. */
export class HttpError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 413 | 415;
  readonly problems: readonly Problem[] | undefined;

  constructor(status: HttpError['status'], message: string, problems?: readonly Problem[]) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.problems = problems;
  }
}
