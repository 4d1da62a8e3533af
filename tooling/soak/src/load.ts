import type { TicketEvent } from '@breachless/core';
import { wire } from './traffic.js';

const MAX_BATCH = 500;

/** What the load got back from the API, for the checker and the report. */
export interface LoadOutcome {
  /** Event id to the instant the API acknowledged it (202). */
  readonly acked: Map<string, number>;
  /** Batches the API refused with a 4xx: events that will never be stored. */
  readonly refused: { status: number; body: string; events: number }[];
  /** Requests that failed (connection refused, 5xx, timeout) and were sent again. */
  retries: number;
  /** Milliseconds per accepted request. */
  readonly latencies: number[];
  /** The longest any event waited between its instant and its acknowledgement. */
  maxLagMs: number;
}

/**
 * Sends events to `POST /v1/events` at their pace: every event once its send instant has
 * come, in order, one request at a time, batching what is due (at most 500). A request that
 * fails for the server's reasons is sent again until accepted, as a helpdesk's retrying
 * webhook would; a refused one (4xx) is kept for the checker, never retried.
 */
export async function sendEvents(
  events: readonly TicketEvent[],
  sendAt: (n: number) => number,
  api: { url: string; token: string },
): Promise<LoadOutcome> {
  const outcome: LoadOutcome = {
    acked: new Map(),
    refused: [],
    retries: 0,
    latencies: [],
    maxLagMs: 0,
  };
  let next = 0;
  while (next < events.length) {
    const wait = sendAt(next) - Date.now();
    if (wait > 0) await sleep(Math.min(wait, 1_000));
    let end = next;
    while (end < events.length && end - next < MAX_BATCH && sendAt(end) <= Date.now()) end++;
    if (end === next) continue;
    const batch = events.slice(next, end);
    const body = JSON.stringify(batch.map(wire));
    for (;;) {
      const began = Date.now();
      const status = await post(api, body);
      if (status.code === 202) {
        const now = Date.now();
        outcome.latencies.push(now - began);
        for (const e of batch) {
          outcome.acked.set(e.id, now);
          outcome.maxLagMs = Math.max(outcome.maxLagMs, now - e.at);
        }
        break;
      }
      if (status.code >= 400 && status.code < 500 && status.code !== 429) {
        outcome.refused.push({ status: status.code, body: status.body, events: batch.length });
        break;
      }
      outcome.retries++;
      await sleep(500);
    }
    next = end;
  }
  return outcome;
}

async function post(
  api: { url: string; token: string },
  body: string,
): Promise<{ code: number; body: string }> {
  try {
    const res = await fetch(`${api.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    return { code: res.status, body: (await res.text()).slice(0, 500) };
  } catch (error) {
    return { code: 0, body: (error as Error).message };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
