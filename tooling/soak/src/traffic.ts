import { fileURLToPath } from 'node:url';
import { readEvents } from '@breachless/connectors';
import type { TicketEvent } from '@breachless/core';

/** The sample ServiceNow log shipped in the repo (data/README.md has its credit). */
export const SAMPLE_LOG = fileURLToPath(
  new URL('../../../data/incident_event_log.csv.gz', import.meta.url),
);

/** Reads the log's events (about 150,000), in the order they happened. */
export function readLog(path: string = SAMPLE_LOG): Promise<TicketEvent[]> {
  return readEvents(path, 'servicenow-csv');
}

/**
 * The log sped up to `rate` events a second from `start`: the n-th event of the log happens
 * in second n / rate, whatever its gap to the one before was, so the load is steady and each
 * ticket's story keeps its order. Instants are whole seconds, as helpdesks send them. When
 * `count` exceeds the log, it starts again with ids and tickets marked `r2:`, `r3:`.
 */
export function spedUp(
  log: readonly TicketEvent[],
  start: number,
  rate: number,
  count: number,
): TicketEvent[] {
  const out: TicketEvent[] = [];
  for (let n = 0; n < count; n++) {
    const round = Math.floor(n / log.length);
    const e = log[n % log.length] as TicketEvent;
    const mark = (s: string) => (round === 0 ? s : `r${round + 1}:${s}`);
    out.push({
      ...e,
      id: mark(e.id),
      ticket: mark(e.ticket),
      at: start + Math.floor(n / rate) * 1000,
    });
  }
  return out;
}

/** An event as `POST /v1/events` takes it. */
export function wire(e: TicketEvent): Record<string, unknown> {
  return { ...e, at: new Date(e.at).toISOString() };
}
