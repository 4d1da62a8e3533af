import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { Engine } from '../src/engine/engine.js';
import type { CycleResult } from '../src/engine/types.js';
import { parseEvents } from '../src/events/parse.js';

/**
 * How contracts and policies combine (docs/semantics.md, "Contracts"), with numbers worked
 * out by hand on the 24x7 calendar. The conformance extensions hold the cases in business
 * hours; these are the rules around them.
 */
const CONTRACT = {
  id: 'acme-gold',
  organizations: ['acme'],
  versions: [{ from: '2026-01-01', calendar: '24x7', targets: { resolution: { '*': '8h' } } }],
};
const POLICY = {
  id: 'standard',
  calendar: '24x7',
  targets: { first_response: { '*': '2h' }, resolution: { '*': '3d' } },
  warnings: ['50%'],
};

const iso = (ms: number) => new Date(ms).toISOString();
const at = (h: number) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z`;
let n = 0;
const ev = (hour: number, rest: Record<string, unknown>) => ({
  id: `e${++n}`,
  ticket: 'T',
  at: at(hour),
  ...rest,
});

function cyclesOf(config: unknown, events: Record<string, unknown>[], hour: number) {
  const engine = new Engine(parseConfig(config));
  const [ticket] = engine.evaluate(parseEvents(events), Date.parse(at(hour)), { trace: true });
  const byMetric = new Map<string, CycleResult>();
  for (const c of ticket?.cycles ?? []) byMetric.set(c.metric, c);
  return byMetric;
}

describe('contracts and policies together', () => {
  it('takes the contract for the metrics it lists and the policy for the others', () => {
    const cycles = cyclesOf(
      { policies: [POLICY], contracts: [CONTRACT] },
      [ev(1, { type: 'ticket.created', fields: { organization: 'acme' } })],
      6,
    );
    expect(cycles.get('first_response')).toMatchObject({
      targetSeconds: 7200,
      policy: 'standard',
      contract: null,
      status: 'breached',
    });
    // The policy's warnings still apply to the contract's target: 50% of 8h after 4h.
    expect(cycles.get('resolution')).toMatchObject({
      targetSeconds: 28_800,
      policy: 'standard',
      contract: 'acme-gold',
      contractVersion: 1,
      warningsFired: ['50%'],
      dueAt: Date.parse(at(9)),
    });
    expect(cycles.get('resolution')?.timeline?.[0]?.detail).toBe(
      'ticket created; contract acme-gold version 1, target 8h in calendar 24x7',
    );
  });

  it('measures a contract organization no policy matches, with default pauses and no warnings', () => {
    const cycles = cyclesOf(
      { contracts: [CONTRACT] },
      [
        ev(1, { type: 'ticket.created', fields: { organization: 'acme' } }),
        ev(3, { type: 'ticket.updated', fields: { status: 'pending' } }),
        ev(5, { type: 'ticket.updated', fields: { status: 'open' } }),
      ],
      8,
    );
    expect([...cycles.keys()]).toEqual(['resolution']);
    expect(cycles.get('resolution')).toMatchObject({
      policy: null,
      contract: 'acme-gold',
      elapsedSeconds: 5 * 3600,
      warningsFired: [],
      dueAt: Date.parse(at(11)),
    });
  });

  it('retargets a running cycle when its organization comes under a contract', () => {
    const cycles = cyclesOf(
      { policies: [POLICY], contracts: [CONTRACT] },
      [
        ev(1, { type: 'ticket.created', fields: { organization: 'initech' } }),
        ev(4, { type: 'ticket.updated', fields: { organization: 'acme' } }),
      ],
      6,
    );
    const resolution = cycles.get('resolution');
    expect(resolution).toMatchObject({
      targetSeconds: 28_800,
      contract: 'acme-gold',
      dueAt: Date.parse(at(9)),
    });
    // Re-measured from its start: 50% of 8h is reached at 05:00, after the change.
    expect(resolution?.timeline?.map((t) => [t.kind, t.at])).toEqual([
      ['started', Date.parse(at(1))],
      ['retargeted', Date.parse(at(4))],
      ['warning', Date.parse(at(5))],
    ]);
  });

  it('names the zone of a calendar of the customer hours in the timeline', () => {
    const calendar = {
      id: 'local',
      timezone: 'UTC',
      timezoneFrom: 'custom.tz',
      hours: { mon: [['09:00', '17:00']] },
    };
    const cycles = cyclesOf(
      { calendars: [calendar], policies: [{ ...POLICY, calendar: 'local' }] },
      [ev(1, { type: 'ticket.created', fields: { custom: { tz: 'Asia/Tokyo' } } })],
      2,
    );
    expect(cycles.get('first_response')?.timeline?.[0]?.detail).toBe(
      'ticket created; policy standard, target 2h in calendar local (Asia/Tokyo)',
    );
  });
});

describe('contract versions, by the start of each cycle', () => {
  const engine = new Engine(
    parseConfig({
      contracts: [
        {
          id: 'k',
          organizations: ['acme'],
          versions: [
            { from: '2026-01-01', calendar: '24x7', targets: { first_response: { '*': '2h' } } },
            { from: '2026-12-01', calendar: '24x7', targets: { first_response: { '*': '1h' } } },
          ],
        },
      ],
    }),
  );
  const boundary = Date.UTC(2026, 11, 1);

  it('judge a cycle by the version in force when it started, through retargets after the change', () => {
    const minute = fc.integer({ min: -3 * 1440, max: 3 * 1440 });
    fc.assert(
      fc.property(
        minute,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (start, bump, reply) => {
          const created = boundary + start * 60_000;
          const events = parseEvents([
            {
              id: 'c',
              ticket: 'T',
              type: 'ticket.created',
              at: iso(created),
              fields: { organization: 'acme' },
            },
            // A priority change after the boundary re-evaluates the target: same version.
            {
              id: 'u',
              ticket: 'T',
              type: 'ticket.updated',
              at: iso(created + bump * 60_000),
              fields: { priority: 'high' },
            },
            {
              id: 'r',
              ticket: 'T',
              type: 'message',
              at: iso(created + reply * 60_000),
              author: 'agent',
              public: true,
            },
          ]);
          const [cycle] = engine.evaluate(events, created + 400 * 60_000)[0]?.cycles ?? [];
          const version = created < boundary ? 1 : 2;
          const target = version === 1 ? 7200 : 3600;
          expect(cycle).toMatchObject({
            contract: 'k',
            contractVersion: version,
            targetSeconds: target,
          });
          expect(cycle?.status).toBe(reply * 60 > target ? 'breached' : 'achieved');
        },
      ),
    );
  });
});
