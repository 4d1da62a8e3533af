// A small run for the checker's tests: what the system would have left had it worked, built
// with the database's own row code (the thing the checker judges without using it).

import type { Post } from '@breachless/chat/testing';
import { Engine, parseConfig, type TicketEvent } from '@breachless/core';
import { cycleRow } from '@breachless/db';
import { check } from './check.js';
import type { CheckInput, StoredNotification } from './check-types.js';
import type { StoredCycle, StoredEvent } from './truth.js';

export const T0 = Date.parse('2026-12-06T10:00:00Z');
export const S = 1_000;
const END = T0 + 60 * S;

const config = parseConfig({
  calendars: [],
  policies: [
    { id: 'p', calendar: '24x7', targets: { first_response: { '*': '20s' } }, warnings: ['50%'] },
  ],
});

/** A ticket opened at `at` by a customer; without a team when `team` is null. */
export const created = (ticket: string, at: number, team: string | null = 'billing') =>
  ({
    id: `${ticket}-c`,
    ticket,
    at,
    type: 'ticket.created',
    by: 'customer',
    fields: { status: 'new', priority: 'normal', ...(team ? { team } : {}) },
  }) as TicketEvent;

/** An agent's public reply at `at`. */
export const reply = (ticket: string, at: number) =>
  ({
    id: `${ticket}-r`,
    ticket,
    at,
    type: 'message',
    author: 'agent',
    public: true,
  }) as TicketEvent;

/** The cycle rows the database writes for `events` evaluated at `at`. */
export function rowsAt(events: readonly TicketEvent[], at: number): StoredCycle[] {
  return new Engine(config).evaluate(events, at).flatMap((t) =>
    t.cycles.map((c) => {
      const r = cycleRow('default', t, c, at);
      return {
        ...r,
        policy: r.policy ?? null,
        calendar: r.calendar ?? null,
        stoppedAt: r.stoppedAt ?? null,
        dueAt: r.dueAt ?? null,
        breachedAt: r.breachedAt ?? null,
        outcomeAt: r.outcomeAt ?? null,
        warningsFired: r.warningsFired ?? [],
        fired: r.fired ?? [],
        nextCheckAt: r.nextCheckAt ?? null,
        team: r.team ?? null,
        agent: r.agent ?? null,
        priority: r.priority ?? null,
        channel: r.channel ?? null,
      };
    }),
  );
}

const C1 = 'slack:channel:C1';

/** A notification of a first response level, created a second after its instant. */
export const notice = (
  ticket: string,
  level: string,
  at: number,
  deliveries: StoredNotification['deliveries'] = [{ destination: C1, state: 'delivered' }],
): StoredNotification => ({
  ticket,
  metric: 'first_response',
  cycle: 1,
  level,
  at,
  createdAt: at + S,
  deliveries,
});

/** The message Slack got for a level, two seconds after its instant. */
export const post = (ticket: string, level: string, at: number, channel = 'C1'): Post => ({
  channel,
  thread: null,
  alert: { ticket, metric: 'first_response', cycle: 1, level },
  at: at + 2 * S,
});

/**
 * A run done right. Billing tickets: A never answered (50% at 10 s, breach at 20 s), B
 * answered in 5 s, C answered in 5 s with the reply arriving at 15 s, after its warning went
 * out, and E answered at 12 s, its 50% warning noticed only at 20 s (suppressed as stale). D
 * has no team: its levels are unrouted. Channel C1 hears billing, C2 support.
 */
export function goodRun(): CheckInput {
  const sent = [
    created('A', T0),
    created('B', T0),
    created('C', T0),
    created('D', T0, null),
    created('E', T0),
    reply('B', T0 + 5 * S),
    reply('C', T0 + 5 * S),
    reply('E', T0 + 12 * S),
  ];
  const received = (e: TicketEvent) => (e.id === 'C-r' ? T0 + 15 * S : e.at);
  const events: StoredEvent[] = sent.map((event, seq) => ({
    event,
    seq,
    receivedAt: received(event),
  }));
  const unrouted = [{ destination: 'none', state: 'unrouted' }];
  return {
    config,
    sent,
    acked: new Map(sent.map((e) => [e.id, received(e)])),
    events,
    cycles: rowsAt(sent, END),
    evaluatedAt: new Map(['A', 'B', 'C', 'D', 'E'].map((t) => [t, END])),
    notifications: [
      notice('A', '50%', T0 + 10 * S),
      notice('A', 'breach', T0 + 20 * S),
      notice('C', '50%', T0 + 10 * S),
      notice('D', '50%', T0 + 10 * S, unrouted),
      notice('D', 'breach', T0 + 20 * S, unrouted),
      {
        ...notice('E', '50%', T0 + 10 * S, [{ destination: 'none', state: 'suppressed' }]),
        createdAt: T0 + 20 * S,
      },
    ],
    posts: [
      post('A', '50%', T0 + 10 * S),
      post('A', 'breach', T0 + 20 * S),
      post('C', '50%', T0 + 10 * S),
    ],
    channels: [
      { channel: 'C1', team: 'billing', metric: 'first_response', priority: 'normal' },
      { channel: 'C2', team: 'support', metric: 'first_response', priority: 'normal' },
    ],
    kills: [],
    mustFireBy: END - 10 * S,
    stoppedAt: END,
  };
}

/** The kinds of problem the checker reports for a run. */
export const kinds = (input: CheckInput) => Object.keys(check(input).problems);
