// Zendesk changes read through the Incremental Ticket Event Export map to the events their
// webhooks map to (webhooks: @breachless/connectors, as the API receives them): same
// cycles, and each change recognised as seen. Shapes: Zendesk Support API reference,
// "Incremental Ticket Event Export" and "Ticket events" (webhooks); see src/zendesk/fake.ts.
import type { TicketEvent } from '@breachless/core';
import { checkEvent } from '@breachless/core';
import { describe, expect, it } from 'vitest';
import { unseen } from '../src/seen.js';
import { fakeHistory } from '../src/zendesk/fake-history.js';
import { mapTicketEvent } from '../src/zendesk/map.js';
import { zendeskTicketEventSchema } from '../src/zendesk/schema.js';
import { engine, webhookEvents } from './webhooks.js';

const START = Date.UTC(2026, 10, 2, 8) / 1000;
const NOW = (START + 86_400) * 1000;
const history = fakeHistory({ tickets: 12, start: START, spacing: 900 });

function synced(changes = history): TicketEvent[] {
  const requesters = new Map<string, string | null>();
  return changes.flatMap((c) => {
    // A change read alone knows its ticket's requester from what is stored (fakeHistory's).
    const requester = (t: string) => String(500_000 + Number(t) - 1000);
    const mapped = mapTicketEvent(
      zendeskTicketEventSchema.parse(c.audit),
      {},
      requesters,
      requester,
    );
    if ('problems' in mapped) throw new Error(JSON.stringify(mapped.problems));
    return mapped.events.map((e) => {
      const checked = checkEvent(e);
      if (!('event' in checked)) throw new Error(JSON.stringify(checked.problems));
      return checked.event;
    });
  });
}
const hooked = (changes = history) =>
  changes.flatMap((c) => c.webhooks.flatMap((w) => webhookEvents(w, NOW)));

const cyclesOf = (events: TicketEvent[]) =>
  engine.evaluate(events, NOW).map((t) => ({
    ticket: t.ticket,
    state: t.state,
    cycles: t.cycles.map((c) => [
      c.metric,
      c.cycle,
      c.status,
      c.dueAt,
      c.breachedAt,
      c.elapsedSeconds,
    ]),
  }));

describe('Zendesk export mapping', () => {
  it('gives every ticket the cycles its webhooks give, breaches included', () => {
    const fromHooks = cyclesOf(hooked());
    expect(fromHooks).toHaveLength(12);
    expect(fromHooks.flatMap((t) => t.cycles).some((c) => c[4] !== null)).toBe(true);
    expect(cyclesOf(synced())).toEqual(fromHooks);
  });

  it('recognises every change its webhook delivered, and only those', () => {
    expect(unseen(hooked(), synced())).toEqual([]);
    const lost = history[5];
    if (lost === undefined) throw new Error('history too short');
    const delivered = hooked(history.filter((c) => c !== lost));
    const missing = unseen(delivered, synced());
    expect(missing.map((e) => e.id).sort()).toEqual(
      synced([lost])
        .map((e) => e.id)
        .sort(),
    );
    expect(unseen([], synced())).toEqual(synced());
  });

  it('keeps the fields of an update no webhook carried, under the audit id', () => {
    const [update] = synced(
      history.filter((c) => c.audit.child_events.some((e) => 'assignee_id' in e)),
    );
    if (update === undefined || update.type !== 'ticket.updated') throw new Error('no update');
    const other = { ...update, id: 'zendesk:01HOOK', fields: { status: 'open' as const } };
    expect(unseen([other], [{ ...update, fields: { ...update.fields, status: 'open' } }])).toEqual([
      update,
    ]);
  });

  it('refuses a comment on a ticket whose creation it never read, saying what to do', () => {
    const reply = history.find(
      (c) =>
        c.audit.child_events.some((e) => e.event_type === 'Comment') &&
        c.audit.child_events.every((e) => e.event_type !== 'Create'),
    );
    if (reply === undefined) throw new Error('no reply');
    const mapped = mapTicketEvent(
      zendeskTicketEventSchema.parse(reply.audit),
      {},
      new Map(),
      () => undefined,
    );
    expect(mapped).toMatchObject({
      problems: [{ message: expect.stringContaining('backfill from an earlier date') }],
    });
    const known = mapTicketEvent(
      zendeskTicketEventSchema.parse(reply.audit),
      {},
      new Map(),
      () => '500000',
    );
    expect('events' in known && known.events.some((e) => e.type === 'message')).toBe(true);
  });
});
