import type { Context } from 'hono';
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
 * A request's stop: its abort signal is made the first time work asks for it (`signal`),
 * already aborted if the client went away or the time ran out before then. Most requests
 * (an event ingested, a ticket read) never ask: an `AbortSignal` is an `EventTarget`, and
 * making two a request (this one and the client's, which @hono/node-server makes only when
 * asked for it) with a listener from one to the other was about a third of the HTTP stack's
 * CPU a request on `GET /healthz` (docs/benchmarks.md, API ingest, 2026-12-07 night).
 */
export class RequestStop {
  #controller: AbortController | undefined;
  #expired = false;
  #unlink: (() => void) | undefined;

  constructor(private readonly raw: Request) {}

  /** Fires when the client goes away or the request's time is up. */
  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = new AbortController();
    this.#controller = controller;
    if (this.#expired) {
      controller.abort(new RequestStopped('timed out'));
      return controller.signal;
    }
    const client = this.raw.signal;
    const clientGone = () => controller.abort(new RequestStopped('client gone'));
    if (client.aborted) clientGone();
    else {
      client.addEventListener('abort', clientGone, { once: true });
      this.#unlink = () => client.removeEventListener('abort', clientGone);
    }
    return controller.signal;
  }

  /** Why the work was stopped (a RequestStopped), if it was: what the signal's reason is. */
  get reason(): unknown {
    if (this.#controller) return this.#controller.signal.reason;
    if (this.#expired) return new RequestStopped('timed out');
    return this.raw.signal.aborted ? new RequestStopped('client gone') : undefined;
  }

  /** The time is up: the signal fires, if made, and is made aborted otherwise. */
  expire(): void {
    this.#expired = true;
    this.#controller?.abort(new RequestStopped('timed out'));
  }

  /** The request is answered: the client's signal no longer reaches this one. */
  end(): void {
    this.#unlink?.();
    this.#unlink = undefined;
  }
}

/** The request's abort signal (`RequestStop.signal`): its client gone or its time up. */
export function requestSignal(
  c: Pick<Context<{ Variables: { stop: RequestStop } }>, 'get'>,
): AbortSignal {
  return c.get('stop').signal;
}

/**
 * Gives each request a stop (`c.get('stop')`, its signal by `requestSignal(c)`) that fires
 * when the client goes away or `ms` pass, and answers 503 at `ms`. Long work (reports) checks
 * the signal between steps, so it stops instead of finishing unseen; a step in flight runs to
 * its end.
 */
export function deadline(ms: number) {
  return createMiddleware<{ Variables: { stop: RequestStop } }>(async (c, next) => {
    const stop = new RequestStop(c.req.raw);
    c.set('stop', stop);
    try {
      // One promise for the race of the work against its time (Promise.race made two more).
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          stop.expire();
          reject(new HttpError(503, 'request timed out'));
        }, ms);
        next().then(
          () => {
            clearTimeout(timer);
            resolve();
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
    } finally {
      stop.end();
    }
  });
}
