import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { Engine } from '../src/engine/engine.js';
import { parseEvents } from '../src/events/parse.js';
import { formatInstant, parseInstant } from '../src/time/instant.js';

/**
 * A running cycle's due instant and next level do not depend on the fraction of a second
 * they are asked at: the worker and the API evaluate at `now` (milliseconds), and a due
 * instant that moved with it would be rewritten, with every index entry, on each recompute.
 * 2026-11-23 is a Monday; business hours 09:00-17:00 UTC.
 */
const engine = new Engine(
  parseConfig({
    calendars: [
      {
        id: 'office',
        timezone: 'UTC',
        hours: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]),
        ),
      },
    ],
    policies: [
      {
        id: 'p',
        calendar: 'office',
        targets: { first_response: { '*': '1h' }, resolution: { '*': '16h' } },
        warnings: ['75%'],
      },
    ],
  }),
);
const events = parseEvents([
  {
    id: 'e1',
    ticket: 'T',
    type: 'ticket.created',
    at: '2026-11-23T09:00:00Z',
    fields: { status: 'new', priority: 'normal' },
  },
]);
const at = (text: string) => parseInstant(text) ?? Number.NaN;

function projections(now: number) {
  const [ticket] = engine.evaluate(events, now);
  return (ticket?.cycles ?? []).map((c) => ({
    metric: c.metric,
    dueAt: c.dueAt === null ? null : formatInstant(c.dueAt),
    next: c.nextLevel && { level: c.nextLevel.level, at: formatInstant(c.nextLevel.at) },
  }));
}

describe('projections of a running cycle', () => {
  it('are the same at any fraction of the second they are asked at', () => {
    const whole = projections(at('2026-11-23T09:40:00Z'));
    expect(whole).toEqual([
      {
        metric: 'first_response',
        dueAt: '2026-11-23T10:00:00Z',
        next: { level: '75%', at: '2026-11-23T09:45:00Z' },
      },
      {
        metric: 'resolution',
        dueAt: '2026-11-24T17:00:00Z',
        next: { level: '75%', at: '2026-11-24T13:00:00Z' },
      },
    ]);
    for (const ms of [1, 500, 999])
      expect(projections(at('2026-11-23T09:40:00Z') + ms)).toEqual(whole);
  });

  it('outside business hours too, where the clock stands still', () => {
    const evening = projections(at('2026-11-23T20:15:30Z'));
    expect(projections(at('2026-11-23T20:15:30Z') + 700)).toEqual(evening);
    expect(evening[1]).toEqual({
      metric: 'resolution',
      dueAt: '2026-11-24T17:00:00Z',
      next: { level: '75%', at: '2026-11-24T13:00:00Z' },
    });
  });
});
