// The report suite's events and config, and the report the core computes from them in memory:
// what every answer of the API is compared with.
import {
  complianceReport,
  Engine,
  type GroupKey,
  parseConfig,
  parseEvents,
  reportRowJson,
} from '@breachless/core';

const WEEKDAY = [['09:00', '17:00']];
/**
 * Business hours in New York for most tickets, around the clock for urgent ones, so elapsed
 * seconds, pauses overnight and breaches all differ from wall-clock time.
 */
export const CONFIG = {
  calendars: [
    {
      id: 'ny',
      timezone: 'America/New_York',
      hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY },
    },
  ],
  policies: [
    {
      id: 'urgent',
      when: { field: 'priority', eq: 'urgent' },
      calendar: '24x7',
      targets: { first_response: { '*': '30m' }, resolution: { '*': '4h' } },
    },
    {
      id: 'standard',
      calendar: 'ny',
      targets: { first_response: { '*': '2h' }, resolution: { '*': '1d' } },
    },
  ],
};
const engine = new Engine(parseConfig(CONFIG));
const START = Date.parse('2026-11-23T13:00:00Z');
/** When the tickets are evaluated, in memory and at ingest: after every event. */
export const NOW = Date.parse('2026-11-28T00:00:00Z');
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

/** Tickets spread over four days: teams (one blank), agents reassigned, slow and fast replies. */
function ticketEvents(prefix: string, count: number, seed: number): object[] {
  const events: object[] = [];
  for (let i = 0; i < count; i++) {
    const ticket = `${prefix}-${i}`;
    const t = i * 137 + seed;
    events.push({
      ...{ id: `${ticket}-c`, ticket, type: 'ticket.created', at: at(t) },
      fields: {
        status: 'new',
        team: ['billing', 'support', ''][i % 3],
        priority: i % 4 === 0 ? 'urgent' : 'normal',
        channel: ['email', 'chat'][i % 2],
        ...(i % 5 === 4 ? {} : { assignee: ['ana', 'bo'][i % 2] }),
      },
    });
    if (i % 3 === 1)
      events.push({
        ...{ id: `${ticket}-u`, ticket, type: 'ticket.updated', at: at(t + 5) },
        fields: { assignee: 'cy' },
      });
    const reply = { id: `${ticket}-r`, ticket, type: 'message', author: 'agent', public: true };
    events.push({ ...reply, at: at(t + ((i * 13 + seed) % 200)) });
    if (i % 2 === 0)
      events.push({
        ...{ id: `${ticket}-s`, ticket, type: 'ticket.updated', at: at(t + ((i * 53) % 900)) },
        fields: { status: 'solved' },
      });
  }
  return events;
}
// EDGE's first response is achieved at 10:00:07Z, a second no other outcome falls on.
const EDGE = [
  {
    ...{ id: 'E-c', ticket: 'EDGE', type: 'ticket.created', at: '2026-11-24T09:55:00Z' },
    fields: { status: 'new', priority: 'urgent' },
  },
  {
    ...{ id: 'E-r', ticket: 'EDGE', type: 'message', at: '2026-11-24T10:00:07Z' },
    ...{ author: 'agent', public: true },
  },
];
/** Acme's events: 30 generated tickets and EDGE. */
export const ACME = [...ticketEvents('R', 30, 0), ...EDGE];
/** Globex's events reuse acme's ticket ids at other times: any mix-up changes the figures. */
export const GLOBEX = ticketEvents('R', 8, 41);

/**
 * The rows the core computes in memory from the same events, and their JSON as the API
 * serializes it; `by` is comma-separated as in the query.
 */
export function expected(events: object[], from: string, to: string, by = '', timezone = 'UTC') {
  const keys = (by === '' ? [] : by.split(',')) as GroupKey[];
  const tickets = engine.evaluate(parseEvents(events), NOW);
  const rows = complianceReport(tickets, {
    from: Date.parse(from),
    to: Date.parse(to),
    by: keys,
    timezone,
  });
  return { rows, json: JSON.parse(JSON.stringify({ rows: rows.map(reportRowJson) })) };
}
