import { Engine, explainJson, parseConfig, parseEvents } from '@breachless/core';
import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { MAX_TIMELINE } from '../src/ticket-view.js';
import { harness } from './harness.js';

const T0 = Date.parse('2026-11-23T00:00:00Z');
const NOW = T0 + 12 * 3_600_000;
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
const CONFIG = {
  policies: [
    {
      id: 'p',
      calendar: '24x7',
      targets: {
        first_response: { '*': '1h' },
        next_response: { '*': '1h' },
        resolution: { '*': '30d' },
      },
    },
  ],
};
// A long ticket: 12 exchanges (a next-response cycle each) and 150 pauses and resumes of its
// resolution cycle, which stays open with a timeline of 300+ entries.
const EVENTS: object[] = [
  {
    id: 'c',
    ticket: 'S',
    type: 'ticket.created',
    at: at(0),
    by: 'customer',
    fields: { status: 'new' },
  },
];
for (let i = 0; i < 12; i++) {
  EVENTS.push({
    id: `a${i}`,
    ticket: 'S',
    type: 'message',
    at: at(2 * i + 1),
    author: 'agent',
    public: true,
  });
  EVENTS.push({
    id: `u${i}`,
    ticket: 'S',
    type: 'message',
    at: at(2 * i + 2),
    author: 'customer',
    public: true,
  });
}
for (let i = 0; i < 300; i++)
  EVENTS.push({
    id: `s${i}`,
    ticket: 'S',
    type: 'ticket.updated',
    at: at(30 + i),
    fields: { status: i % 2 ? 'open' : 'pending' },
  });

describeEachDriver('GET /v1/tickets/{id}/sla, bounded', (handle) => {
  const h = harness(handle, NOW);

  it('returns the open cycles and the last closed ones, with counts of what it left out', async () => {
    const put = await h.request('long', '/v1/config', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(CONFIG),
    });
    expect(put.status).toBe(200);
    await h.postEvents('long', EVENTS);
    const engine = new Engine(parseConfig(CONFIG));
    const whole = explainJson(
      [engine.evaluateSorted('S', parseEvents(EVENTS), NOW, { trace: true })],
      NOW,
      true,
    ).tickets[0];
    const all = JSON.parse(JSON.stringify(whole?.cycles ?? [])) as {
      stoppedAt: string | null;
      timeline: unknown[];
    }[];
    const open = all.filter((c) => c.stoppedAt === null);
    const closed = all.filter((c) => c.stoppedAt !== null);
    // Not vacuous: an open cycle with a timeline past the bound, and more closed cycles than asked.
    expect(open.some((c) => c.timeline.length > MAX_TIMELINE)).toBe(true);
    expect(closed.length).toBeGreaterThan(3);

    const { status, body } = await h.getJson('long', '/v1/tickets/S/sla?cycles=3');
    expect(status).toBe(200);
    const view = body as { cycles: typeof all; cycleCount: number; cyclesOmitted: number };
    expect(view.cycleCount).toBe(all.length);
    expect(view.cyclesOmitted).toBe(closed.length - 3);
    const trimmed = (c: (typeof all)[number]) =>
      c.timeline.length <= MAX_TIMELINE
        ? c
        : {
            ...c,
            timeline: c.timeline.slice(-MAX_TIMELINE),
            timelineOmitted: c.timeline.length - MAX_TIMELINE,
          };
    const kept = all.filter((c) => c.stoppedAt === null || closed.slice(-3).includes(c));
    expect(view.cycles).toEqual(kept.map(trimmed));
    for (const bad of ['0', '501', 'all', '2.5'])
      expect((await h.getJson('long', `/v1/tickets/S/sla?cycles=${bad}`)).status).toBe(400);
  });
});
