import fc from 'fast-check';
import { parseConfig } from '../src/config/parse.js';
import type { TicketEvent } from '../src/events/types.js';

/** Policies exercising every mode: 24x7 and business calendars, restart and keep, both warning kinds. */
export const CONFIG = parseConfig({
  calendars: [
    {
      id: 'office',
      timezone: 'America/New_York',
      hours: {
        mon: [['09:00', '17:00']],
        tue: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
        wed: [['22:00', '06:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
      holidays: ['2026-11-26'],
    },
  ],
  policies: [
    {
      id: 'urgent',
      when: { field: 'priority', eq: 'urgent' },
      calendar: '24x7',
      targets: { first_response: { '*': '30m' }, resolution: { '*': '4h' } },
      warnings: ['50%', '10m'],
      retarget: 'restart',
      reopen: 'restart',
    },
    {
      id: 'vip',
      when: { field: 'tags', contains: 'vip' },
      calendar: 'office',
      targets: {
        first_response: { '*': '1h' },
        next_response: { '*': '2h' },
        periodic_update: { '*': '3h' },
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
        resolution: { '*': '40h' },
      },
      warnings: ['75%', '30m'],
      pause: { resolution: ['pending', 'on_hold'], next_response: ['on_hold'] },
    },
  ],
});

const START = Date.parse('2026-11-23T13:00:00Z');

const step = fc.oneof(
  fc.record({
    kind: fc.constant('message' as const),
    author: fc.constantFrom('customer', 'agent', 'system'),
    public: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    status: fc.constantFrom('new', 'open', 'pending', 'on_hold', 'solved', 'closed'),
  }),
  fc.record({
    kind: fc.constant('priority' as const),
    priority: fc.constantFrom('low', 'normal', 'high', 'urgent'),
  }),
  fc.record({
    kind: fc.constant('tags' as const),
    tags: fc.constantFrom([], ['vip'], ['vip', 'x']),
  }),
  fc.record({ kind: fc.constant('deleted' as const) }),
);

/** A few tickets' histories: random steps at random (sometimes equal) whole-second instants. */
export const histories: fc.Arbitrary<TicketEvent[]> = fc
  .array(
    fc.record({
      createdBy: fc.constantFrom('customer', 'agent'),
      createdStatus: fc.constantFrom('new', 'open', 'solved'),
      priority: fc.constantFrom('low', 'normal', 'high', 'urgent'),
      steps: fc.array(fc.tuple(step, fc.integer({ min: 0, max: 6 * 3600 })), { maxLength: 14 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((tickets) =>
    tickets.flatMap((t, n) => {
      const ticket = `T-${n}`;
      let at = START + n * 600_000;
      const events: TicketEvent[] = [
        {
          id: `${ticket}-0`,
          ticket,
          type: 'ticket.created',
          at,
          by: t.createdBy,
          fields: { status: t.createdStatus, priority: t.priority },
        } as TicketEvent,
      ];
      for (const [i, [s, gap]] of t.steps.entries()) {
        at += Math.floor(gap / 60) * 60_000 * (gap % 7 === 0 ? 0 : 1);
        const head = { id: `${ticket}-${i + 1}`, ticket, at };
        if (s.kind === 'message')
          events.push({
            ...head,
            type: 'message',
            author: s.author,
            public: s.public,
          } as TicketEvent);
        else if (s.kind === 'status')
          events.push({
            ...head,
            type: 'ticket.updated',
            fields: { status: s.status },
          } as TicketEvent);
        else if (s.kind === 'priority')
          events.push({
            ...head,
            type: 'ticket.updated',
            fields: { priority: s.priority },
          } as TicketEvent);
        else if (s.kind === 'tags')
          events.push({ ...head, type: 'ticket.updated', fields: { tags: s.tags } } as TicketEvent);
        else events.push({ ...head, type: 'ticket.deleted' } as TicketEvent);
      }
      return events;
    }),
  );
