import { createMiddleware } from 'hono/factory';
import { HttpError } from './errors.js';

/** 30 s: room for a config change to recompute a large tenant, under the 60 s proxies allow. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Why a request's work was stopped: its client went away, or it ran past the timeout. */
export class RequestStopped extends Error {
  constructor(readonly why: 'client gone' | 'timed out') {
    super(`request stopped: ${why}`);
    this.name = 'RequestStopped';
  }
}

/**
 * Gives each request an abort signal (`c.get('signal')`) that fires when the client goes
 * away or `ms` pass, and answers 503 at `ms`. Long work (reports) checks the signal between
 * steps, so it stops instead of finishing unseen; a step in flight runs to its end.
 */
export function deadline(ms: number) {
  return createMiddleware<{ Variables: { signal: AbortSignal } }>(async (c, next) => {
    const controller = new AbortController();
    const client = c.req.raw.signal;
    const clientGone = () => controller.abort(new RequestStopped('client gone'));
    if (client.aborted) clientGone();
    else client.addEventListener('abort', clientGone, { once: true });
    c.set('signal', controller.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new RequestStopped('timed out'));
        reject(new HttpError(503, 'request timed out'));
      }, ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
      client.removeEventListener('abort', clientGone);
    }
  });
}
