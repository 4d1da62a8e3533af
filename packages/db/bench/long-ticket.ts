import type { TicketEvent } from '@breachless/core';

/** The long tickets' configuration: business hours, every metric, warnings. */
export const LONG_CONFIG = {
  calendars: [
    {
      id: 'ny',
      timezone: 'America/New_York',
      hours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]),
      ),
    },
  ],
  policies: [
    {
      id: 'std',
      calendar: 'ny',
      targets: {
        first_response: { '*': '1h' },
        next_response: { '*': '2h' },
        periodic_update: { '*': '4h' },
        resolution: { '*': '40h' },
      },
      warnings: ['50%', '75%'],
    },
  ],
};

export const MINUTE = 60_000;
export const T0 = Date.parse('2026-01-05T14:00:00Z');

/**
 * The `i`-th event of a ticket, a minute after the one before: its creation, then turns of
 * a customer writing, an agent replying, the ticket set pending and opened again, so that
 * every turn starts cycles and pauses the resolution clock.
 */
export function turn(ticket: string, i: number): TicketEvent {
  const head = { id: `${ticket}-${i}`, ticket, at: T0 + i * MINUTE };
  if (i === 0)
    return { ...head, type: 'ticket.created', by: 'customer', fields: { status: 'new' } };
  switch (i % 4) {
    case 1:
      return { ...head, type: 'message', author: 'customer', public: true };
    case 2:
      return { ...head, type: 'message', author: 'agent', public: true };
    case 3:
      return { ...head, type: 'ticket.updated', fields: { status: 'pending' } };
    default:
      return { ...head, type: 'ticket.updated', fields: { status: 'open' } };
  }
}

/** A ticket's first `size` events. */
export const lifeOf = (ticket: string, size: number): TicketEvent[] =>
  Array.from({ length: size }, (_, i) => turn(ticket, i));
