import type { TicketEvent } from '../events/types.js';

// A Map: a type that slipped past validation ranks last instead of reading a built-in.
const RANK = new Map<string, number>([
  ['ticket.created', 0],
  ['message', 1],
  ['ticket.updated', 2],
  ['ticket.deleted', 3],
]);
const rankOf = (type: string) => RANK.get(type) ?? RANK.size;

/**
 * The order events take effect in (semantics.md section 3): by instant; at one instant
 * creation, then messages, then updates, then deletion; then by id in code-unit order.
 */
export function compareEvents(a: TicketEvent, b: TicketEvent): number {
  return a.at - b.at || rankOf(a.type) - rankOf(b.type) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Groups events by ticket, dropping every event whose id was seen before (the first one
 * delivered wins, as with a unique key in the database) and those after `until`.
 * Each ticket's events come back sorted.
 */
export function byTicket(
  events: Iterable<TicketEvent>,
  until = Number.POSITIVE_INFINITY,
): Map<string, TicketEvent[]> {
  const seen = new Set<string>();
  const tickets = new Map<string, TicketEvent[]>();
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if (event.at > until) continue;
    const list = tickets.get(event.ticket);
    if (list) list.push(event);
    else tickets.set(event.ticket, [event]);
  }
  for (const list of tickets.values()) list.sort(compareEvents);
  return tickets;
}
