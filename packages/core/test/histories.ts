import fc from 'fast-check';
import { parseConfig } from '../src/config/parse.js';
import type { TicketEvent, TicketFields } from '../src/events/types.js';

/**
 * Policies exercising every mode: the 24x7 calendar and two business calendars (one with an
 * overnight shift and a holiday, one split with Saturday hours), reopen continue and
 * restart, retarget keep and restart, warnings by percentage and by remaining time (one
 * larger than some targets), and a custom pause.
 */
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
        fri: [['09:00', '24:00']],
      },
      holidays: ['2026-11-26', { date: '2026-11-27', hours: [['10:00', '12:00']] }],
    },
    {
      id: 'berlin',
      timezone: 'Europe/Berlin',
      hours: {
        mon: [
          ['08:00', '12:00'],
          ['13:00', '17:00'],
        ],
        tue: [['08:00', '17:00']],
        wed: [['08:00', '17:00']],
        thu: [['08:00', '17:00']],
        fri: [['08:00', '17:00']],
        sat: [['10:00', '14:00']],
      },
    },
  ],
  policies: [
    {
      id: 'urgent',
      when: { field: 'priority', eq: 'urgent' },
      calendar: '24x7',
      targets: {
        first_response: { '*': '30m' },
        next_response: { '*': '1h' },
        resolution: { '*': '4h' },
      },
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
      warnings: ['75%', '90%', '100%'],
    },
    {
      id: 'emea',
      when: { field: 'tags', contains: 'emea' },
      calendar: 'berlin',
      targets: { first_response: { high: '1h', '*': '4h' }, resolution: { '*': '16h' } },
      warnings: ['2h', '50%'],
      pause: { first_response: ['on_hold'] },
      reopen: 'restart',
      retarget: 'restart',
    },
    {
      id: 'standard',
      calendar: 'office',
      targets: {
        first_response: { high: '2h', '*': '4h' },
        next_response: { '*': '4h' },
        resolution: { low: '80h', '*': '40h' },
      },
      warnings: ['75%', '30m'],
      pause: { resolution: ['pending', 'on_hold'], next_response: ['on_hold'] },
    },
  ],
});

const START = Date.parse('2026-11-23T13:00:00Z');

const status = fc.constantFrom('new', 'open', 'pending', 'on_hold', 'solved', 'closed');
const priority = fc.constantFrom('low', 'normal', 'high', 'urgent');
const tags = fc.constantFrom<string[]>([], ['vip'], ['emea'], ['vip', 'emea'], ['x']);

/** Changed fields: any non-empty mix of status, priority and tags. */
const changes: fc.Arbitrary<TicketFields> = fc
  .record({ status, priority, tags }, { requiredKeys: [] })
  .filter((f) => Object.keys(f).length > 0);

type Step =
  | { kind: 'message'; author: 'customer' | 'agent' | 'system'; public: boolean }
  | { kind: 'update'; fields: TicketFields }
  | { kind: 'deleted' }
  | { kind: 'created again' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('message' as const),
      author: fc.constantFrom('customer', 'agent', 'system'),
      public: fc.boolean(),
    }),
  },
  { weight: 5, arbitrary: changes.map((fields) => ({ kind: 'update' as const, fields })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'deleted' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'created again' as const }) },
);

/** Seconds to the next event: often none (same instant), else seconds, minutes or days. */
const gap = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 59 }) },
  { weight: 3, arbitrary: fc.integer({ min: 60, max: 4 * 3600 }) },
  { weight: 1, arbitrary: fc.integer({ min: 4 * 3600, max: 3 * 86_400 }) },
);

const ticketHistory = fc.record({
  createdBy: fc.constantFrom('customer', 'agent'),
  created: fc.record(
    { status: fc.constantFrom('new', 'open', 'pending', 'solved'), priority, tags },
    { requiredKeys: ['status'] },
  ),
  /** The events of the ticket's life, one of them its creation (those before it are ignored). */
  steps: fc.array(fc.tuple(step, gap), { maxLength: 14 }),
  createdAt: fc.nat(),
  offset: fc.integer({ min: 0, max: 3 * 3600 }),
  /** Letters put in front of ids so that their order at one instant is not the order of steps. */
  prefixes: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 16, maxLength: 16 }),
});

/** A few tickets' histories, with unique ids and whole-second, sometimes equal, instants. */
export const histories: fc.Arbitrary<TicketEvent[]> = fc
  .array(ticketHistory, { minLength: 1, maxLength: 3 })
  .map((tickets) =>
    tickets.flatMap((t, n) => {
      const ticket = `T-${n}`;
      const id = (i: number) => `${t.prefixes[i % 16]}-${ticket}-${i}`;
      const createdIndex = t.createdAt % (t.steps.length + 1);
      const events: TicketEvent[] = [];
      let at = START + t.offset * 1000;
      const all: (Step | { kind: 'created' })[] = t.steps.map(([s]) => s);
      all.splice(createdIndex, 0, { kind: 'created' });
      const gaps = [0, ...t.steps.map(([, g]) => g)];
      for (const [i, s] of all.entries()) {
        at += (gaps[i] ?? 0) * 1000;
        const head = { id: id(i), ticket, at };
        if (s.kind === 'created' || s.kind === 'created again')
          events.push({ ...head, type: 'ticket.created', by: t.createdBy, fields: t.created });
        else if (s.kind === 'message')
          events.push({ ...head, type: 'message', author: s.author, public: s.public });
        else if (s.kind === 'update')
          events.push({ ...head, type: 'ticket.updated', fields: s.fields });
        else events.push({ ...head, type: 'ticket.deleted' });
      }
      return events;
    }),
  );

/** The last instant of a list of events. */
export const lastOf = (events: readonly { at: number }[]) => Math.max(...events.map((e) => e.at));
