import { describe, expect, it } from 'vitest';
import { firstContactFact, firstContactReport } from '../src/compliance/first-contact.js';
import { parseConfig } from '../src/config/parse.js';
import { Engine } from '../src/engine/engine.js';
import { parseEvents } from '../src/events/parse.js';

/** Ticket histories for first contact resolution, one shape each (docs/semantics.md). */
const H = (h: number) => `2026-11-02T${String(h).padStart(2, '0')}:00:00Z`;
let n = 0;
const ev = (ticket: string, at: string, rest: Record<string, unknown>) => ({
  id: `e${++n}`,
  ticket,
  at,
  ...rest,
});
const created = (t: string, h: number, team: string) =>
  ev(t, H(h), { type: 'ticket.created', fields: { status: 'new', team, priority: 'normal' } });
const reply = (t: string, h: number, isPublic = true) =>
  ev(t, H(h), { type: 'message', author: 'agent', public: isPublic });
const status = (t: string, h: number, s: string, fields: Record<string, unknown> = {}) =>
  ev(t, H(h), { type: 'ticket.updated', fields: { status: s, ...fields } });

const events = parseEvents([
  // One reply, solved: a first contact resolution (team a).
  created('T-1', 1, 'a'),
  reply('T-1', 2),
  status('T-1', 3, 'solved'),
  // Two replies.
  created('T-2', 1, 'a'),
  reply('T-2', 2),
  reply('T-2', 3),
  status('T-2', 4, 'solved'),
  // One reply, solved, reopened, solved again.
  created('T-3', 1, 'b'),
  reply('T-3', 2),
  status('T-3', 3, 'solved'),
  status('T-3', 4, 'open'),
  status('T-3', 5, 'solved'),
  // Solved with no reply at all: not counted.
  created('T-4', 1, 'b'),
  status('T-4', 2, 'solved'),
  // Answered but still open: not counted yet.
  created('T-5', 1, 'a'),
  reply('T-5', 2),
  // Deleted after solving: not counted.
  created('T-6', 1, 'a'),
  reply('T-6', 2),
  status('T-6', 3, 'solved'),
  ev('T-6', H(4), { type: 'ticket.deleted' }),
  // Solved, then closed: counts at the solve; moved to team b at the solve.
  created('T-7', 1, 'a'),
  reply('T-7', 2),
  status('T-7', 6, 'solved', { team: 'b' }),
  status('T-7', 8, 'closed'),
  // An internal note before, a courtesy reply after solving: still one reply.
  created('T-8', 1, 'b'),
  reply('T-8', 2, false),
  reply('T-8', 3),
  status('T-8', 4, 'solved'),
  reply('T-8', 5),
  // Reopened and still open.
  created('T-9', 1, 'a'),
  reply('T-9', 2),
  status('T-9', 3, 'solved'),
  status('T-9', 4, 'open'),
]);

const config = parseConfig({
  policies: [{ id: 'p', calendar: '24x7', targets: { first_response: { '*': '1h' } } }],
});
const tickets = new Engine(config).evaluate(events, Date.parse('2026-11-03T00:00:00Z'));
const facts = tickets.flatMap((t) => {
  const fact = firstContactFact(t);
  return fact ? [fact] : [];
});

describe('first contact resolution', () => {
  it('counts resolved tickets an agent answered, first contact when once and never reopened', () => {
    expect(
      facts.map((f) => [
        f.ticket,
        f.agentReplies,
        f.reopened,
        f.firstContact,
        new Date(f.resolvedAt).getUTCHours(),
      ]),
    ).toEqual([
      ['T-1', 1, false, true, 3],
      ['T-2', 2, false, false, 4],
      ['T-3', 1, true, false, 5],
      ['T-7', 1, false, true, 6],
      ['T-8', 1, false, true, 4],
    ]);
  });

  it('reports by the fields at the resolution, as compliance groups', () => {
    const rows = firstContactReport(facts, {
      from: Date.parse('2026-11-02T00:00:00Z'),
      to: Date.parse('2026-11-03T00:00:00Z'),
      by: ['team'],
    });
    expect(rows).toEqual([
      { group: { team: 'a' }, resolved: 2, firstContact: 1, fcrPct: 50 },
      { group: { team: 'b' }, resolved: 3, firstContact: 2, fcrPct: 66.67 },
    ]);
  });

  it('counts a ticket in the period of its resolution, and refuses metric as a grouping', () => {
    const early = firstContactReport(facts, {
      from: Date.parse('2026-11-02T00:00:00Z'),
      to: Date.parse('2026-11-02T05:00:00Z'),
      by: [],
    });
    expect(early).toEqual([{ group: {}, resolved: 3, firstContact: 2, fcrPct: 66.67 }]);
    expect(() => firstContactReport(facts, { from: 0, to: 1, by: ['metric' as never] })).toThrow(
      /cannot group first contacts by metric/,
    );
  });
});
