import { describe, expect, it } from 'vitest';
import { RequestStop, RequestStopped } from '../src/deadline.js';

/** A request whose client can go away, as @hono/node-server's does when its socket closes. */
function request() {
  const client = new AbortController();
  return { client, raw: new Request('http://api.test/v1/events', { signal: client.signal }) };
}

const why = (reason: unknown) => (reason instanceof RequestStopped ? reason.why : reason);

describe('a request stop, its signal made when asked for', () => {
  it('fires when the client goes away after the signal was made', () => {
    const { client, raw } = request();
    const stop = new RequestStop(raw);
    const { signal } = stop;
    expect(signal.aborted).toBe(false);
    client.abort();
    expect(why(signal.reason)).toBe('client gone');
    expect(why(stop.reason)).toBe('client gone');
  });

  it('is made aborted when the client went away before anyone asked', () => {
    const { client, raw } = request();
    const stop = new RequestStop(raw);
    client.abort();
    expect(why(stop.reason)).toBe('client gone');
    expect(why(stop.signal.reason)).toBe('client gone');
  });

  it('fires when the time is up, made before or after', () => {
    const made = new RequestStop(request().raw);
    const { signal } = made;
    made.expire();
    expect(why(signal.reason)).toBe('timed out');
    const later = new RequestStop(request().raw);
    later.expire();
    expect(why(later.reason)).toBe('timed out');
    expect(why(later.signal.reason)).toBe('timed out');
  });

  it('has no reason while the request runs, and stops following the client once answered', () => {
    const { client, raw } = request();
    const stop = new RequestStop(raw);
    const { signal } = stop;
    expect(stop.reason).toBeUndefined();
    stop.end();
    client.abort();
    expect(signal.aborted).toBe(false);
    // Answered: a client leaving afterwards stopped nothing.
    expect(stop.reason).toBeUndefined();
  });
});
