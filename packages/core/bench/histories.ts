import { parseConfig } from '../src/config/parse.js';
import { uniformEvent } from '../src/events/shape.js';
import type { TicketEvent } from '../src/events/types.js';
import { HOLIDAYS } from './office.js';
import { prng } from './prng.js';

/** Three policies as a real team would have them: urgent 24x7, VIP by tag, standard office hours. */
export const BENCH_CONFIG = parseConfig({
  calendars: [
    {
      id: 'office',
      timezone: 'America/New_York',
      hours: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
      holidays: HOLIDAYS,
    },
  ],
  policies: [
    {
      id: 'urgent',
      when: { field: 'priority', eq: 'urgent' },
      calendar: '24x7',
      targets: { first_response: { '*': '30m' }, resolution: { '*': '4h' } },
      warnings: ['75%', '90%', '30m'],
    },
    {
      id: 'vip',
      when: { field: 'tags', contains: 'vip' },
      calendar: 'office',
      targets: {
        first_response: { '*': '1h' },
        next_response: { '*': '2h' },
        periodic_update: { '*': '4h' },
        resolution: { '*': '8h' },
      },
      warnings: ['75%', '90%'],
    },
    {
      id: 'standard',
      calendar: 'office',
      targets: {
        first_response: { high: '2h', '*': '4h' },
        next_response: { '*': '4h' },
        resolution: { high: '16h', '*': '40h' },
      },
      warnings: ['75%', '30m'],
    },
  ],
});

/**
 * One ticket's realistic history of about 20 events over a few days: replies, notes,
 * pending and back, priority and tag changes, solved, sometimes reopened. Sorted.
 */
function history(random: () => number, n: number): TicketEvent[] {
  const ticket = `T-${n}`;
  let at = Date.parse('2026-03-02T12:00:00Z') + Math.floor(random() * 60 * 24 * 60) * 60_000;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const events: TicketEvent[] = [
    {
      id: `${ticket}:0`,
      ticket,
      at,
      type: 'ticket.created',
      by: 'customer',
      fields: {
        status: 'new',
        priority: pick(['low', 'normal', 'normal', 'high', 'urgent']),
        team: pick(['billing', 'platform', 'accounts']),
        channel: pick(['email', 'web', 'chat']),
        tags: random() < 0.2 ? ['vip'] : [],
      },
    },
  ];
  const steps = 17 + Math.floor(random() * 6);
  for (let i = 1; i < steps; i++) {
    at += Math.floor(random() * 6 * 60) * 60_000;
    const head = { id: `${ticket}:${i}`, ticket, at };
    const roll = random();
    if (roll < 0.3) events.push({ ...head, type: 'message', author: 'customer', public: true });
    else if (roll < 0.55) events.push({ ...head, type: 'message', author: 'agent', public: true });
    else if (roll < 0.65) events.push({ ...head, type: 'message', author: 'agent', public: false });
    else if (roll < 0.8)
      events.push({
        ...head,
        type: 'ticket.updated',
        fields: { status: pick(['pending', 'open', 'on_hold', 'open']) },
      });
    else if (roll < 0.87)
      events.push({
        ...head,
        type: 'ticket.updated',
        fields: { priority: pick(['normal', 'high', 'urgent']) },
      });
    else if (roll < 0.92)
      events.push({
        ...head,
        type: 'ticket.updated',
        fields: { tags: random() < 0.5 ? ['vip'] : [] },
      });
    else events.push({ ...head, type: 'ticket.updated', fields: { status: 'solved' } });
  }
  // Events reach the engine through the parser, which gives them all one shape.
  return events.map(uniformEvent);
}

/** `count` tickets' histories from a fixed seed. */
export function histories(count: number): TicketEvent[][] {
  const random = prng(7);
  return Array.from({ length: count }, (_, n) => history(random, n));
}
