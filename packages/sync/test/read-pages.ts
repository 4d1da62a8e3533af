// What the GitHub and Jira reader tests share: reading a platform from a cursor to its last
// page, and the cycles a set of events gives, to hold sync's events against the webhooks'.
import type { TicketEvent } from '@breachless/core';
import type { Platform } from '../src/platform.js';
import { platformEngine } from './platform-hooks.js';

/** Reads pages at `now` from `cursor` until one is done; a limited or failed page throws. */
export async function readAll<R>(platform: Platform<R>, cursor: string | null, now: number) {
  const records: R[] = [];
  let pages = 0;
  for (;;) {
    const page = await platform.read(cursor, now);
    if (page.kind !== 'page') throw new Error(page.message);
    pages++;
    records.push(...page.records);
    cursor = page.next;
    if (page.done) return { records, cursor, pages };
  }
}

/** Each ticket's state, fields and cycles (metric, cycle, status, due, breached) at `now`. */
export const cyclesOf = (events: readonly TicketEvent[], now: number) =>
  platformEngine.evaluate([...events], now).map((t) => ({
    ticket: t.ticket,
    state: t.state,
    fields: t.fields,
    cycles: t.cycles.map((c) => [c.metric, c.cycle, c.status, c.dueAt, c.breachedAt]),
  }));
