import { Engine, parseConfig, type TicketEvent } from '@breachless/core';
import { cycleRow } from '@breachless/db';
import { describe, expect, it } from 'vitest';
import { type CheckInput, check, type StoredNotification } from './check.js';
import type { Post } from './fake-slack.js';

const T0 = Date.parse('2026-12-06T10:00:00Z');
const S = 1_000;
const config = parseConfig({
  calendars: [],
  policies: [
    { id: 'p', calendar: '24x7', targets: { first_response: { '*': '20s' } }, warnings: ['50%'] },
  ],
});

const created = (ticket: string, at: number): TicketEvent =>
  ({
    id: `${ticket}-c`,
    ticket,
    at,
    type: 'ticket.created',
    by: 'customer',
    fields: { status: 'new', team: 'billing' },
  }) as TicketEvent;
const reply = (ticket: string, at: number): TicketEvent =>
  ({
    id: `${ticket}-r`,
    ticket,
    at,
    type: 'message',
    author: 'agent',
    public: true,
  }) as TicketEvent;

/**
 * A run done right: A never answered (50% at 10 s, breach at 20 s), B answered in 5 s, C
 * answered in 5 s but the reply arrived at 15 s, after its 50% warning had gone out.
 */
function goodRun(): CheckInput {
  const sent = [
    created('A', T0),
    created('B', T0),
    created('C', T0),
    reply('B', T0 + 5 * S),
    reply('C', T0 + 5 * S),
  ];
  const received = (e: TicketEvent) => (e.id === 'C-r' ? T0 + 15 * S : e.at);
  const events = sent.map((event, seq) => ({ event, seq, receivedAt: received(event) }));
  const end = T0 + 60 * S;
  const engine = new Engine(config);
  const cycles = engine
    .evaluate(sent, end)
    .flatMap((t) => t.cycles.map((c) => cycleRow('default', t, c, new Date(end))));
  const notice = (ticket: string, level: string, at: number): StoredNotification => ({
    ticket,
    metric: 'first_response',
    cycle: 1,
    level,
    at,
    createdAt: at + S,
    deliveries: [{ destination: 'slack:channel:C1', state: 'delivered' }],
  });
  const post = (ticket: string, level: string, at: number): Post => ({
    channel: 'C1',
    thread: null,
    alert: { ticket, metric: 'first_response', cycle: 1, level },
    at: at + 2 * S,
  });
  return {
    config,
    sent,
    acked: new Map(sent.map((e) => [e.id, received(e)])),
    events,
    cycles,
    notifications: [
      notice('A', '50%', T0 + 10 * S),
      notice('A', 'breach', T0 + 20 * S),
      notice('C', '50%', T0 + 10 * S),
    ],
    posts: [
      post('A', '50%', T0 + 10 * S),
      post('A', 'breach', T0 + 20 * S),
      post('C', '50%', T0 + 10 * S),
    ],
    mustFireBy: end - 10 * S,
    stoppedAt: end,
  };
}

const kinds = (input: CheckInput) => Object.keys(check(input).problems);

describe('the soak checker', () => {
  it('passes a run where everything fired once, explaining a warning a late reply withdrew', () => {
    const result = check(goodRun());
    expect(result.problems).toEqual({});
    expect(result.ok).toBe(true);
    expect(result.counts['notifications withdrawn by a later event']).toBe(1);
    expect(result.counts['cycles checked']).toBe(3);
    expect(result.delays.breach).toEqual([2 * S]);
  });

  it('finds a lost event, a changed one and one nobody sent', () => {
    const run = goodRun();
    const [a, b, ...rest] = run.events;
    if (!a || !b) throw new Error('no events');
    const changed = { ...b, event: { ...b.event, at: b.event.at + S } };
    const stranger = { ...a, event: { ...a.event, id: 'X-c', ticket: 'X' } };
    const kindsFound = kinds({ ...run, events: [changed, ...rest, stranger] });
    expect(kindsFound).toEqual(
      expect.arrayContaining(['event lost', 'event changed', 'event not sent']),
    );
  });

  it('finds a cycle row that is not what the core computes', () => {
    const run = goodRun();
    const cycles = run.cycles.map((c) => (c.ticketId === 'A' ? { ...c, status: 'running' } : c));
    expect(kinds({ ...run, cycles })).toEqual(['cycle wrong']);
  });

  it('finds a level never notified, and a notification the core never fires', () => {
    const run = goodRun();
    const [, breach, c] = run.notifications;
    if (!breach || !c) throw new Error('no notifications');
    const bogus = { ...c, ticket: 'B', createdAt: T0 + 11 * S };
    expect(kinds({ ...run, notifications: [breach, c, bogus] })).toEqual([
      'level not notified',
      'notification the core does not fire',
      'delivered but not in Slack',
      'message for no delivery',
    ]);
  });

  it('finds a message repeated, one missing, one for nothing, and a delivery that gave up', () => {
    const run = goodRun();
    const [p1, p2, p3] = run.posts;
    if (!p1 || !p2 || !p3) throw new Error('no posts');
    expect(kinds({ ...run, posts: [p1, p1, p2, p3] })).toEqual(['message repeated']);
    expect(kinds({ ...run, posts: [p1, p3] })).toEqual(['delivered but not in Slack']);
    expect(kinds({ ...run, posts: [...run.posts, { ...p1, channel: 'C2' }] })).toEqual([
      'message for no delivery',
    ]);
    const failed = run.notifications.map((n, i) =>
      i === 0 ? { ...n, deliveries: [{ destination: 'slack:channel:C1', state: 'failed' }] } : n,
    );
    expect(kinds({ ...run, notifications: failed })).toEqual([
      'delivery failed',
      'message for no delivery',
    ]);
  });
});
