import { type Config, Engine, type TicketEvent, uniformEvent } from '@breachless/core';
import { cycleSignature } from '@breachless/db';
import { checkPosts } from './check-posts.js';
import type { Post } from './fake-slack.js';
import { levelKey, type StoredCycle, type StoredEvent, TicketTruth } from './truth.js';

/** A notification the database holds, with where it went. */
export interface StoredNotification {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly level: string;
  readonly at: number;
  readonly createdAt: number;
  readonly deliveries: readonly { destination: string; state: string }[];
}

/** Everything the run left, as the checker reads it. */
export interface CheckInput {
  readonly config: Config;
  /** Every event the load sent, and those the API acknowledged. */
  readonly sent: readonly TicketEvent[];
  readonly acked: ReadonlyMap<string, number>;
  readonly events: readonly StoredEvent[];
  readonly cycles: readonly StoredCycle[];
  readonly notifications: readonly StoredNotification[];
  readonly posts: readonly Post[];
  /** Levels reached by this instant must have fired (the workers ran well past it). */
  readonly mustFireBy: number;
  /** When the last worker stopped: no level after it may have fired. */
  readonly stoppedAt: number;
}

/** What the checker found: counts, and up to 20 examples of each kind of problem. */
export interface CheckResult {
  readonly ok: boolean;
  readonly counts: Record<string, number>;
  readonly problems: Record<string, string[]>;
  /** Milliseconds from a level's instant to its message in Slack. */
  readonly delays: { warning: number[]; breach: number[] };
}

/**
 * Compares what the system did with what the core says it should have: every acknowledged
 * event stored unchanged, every cycle row what the core computes from the stored events at
 * the row's evaluation instant, every level the core fires notified once (or explained by
 * what was known when it fired), and every routed delivery in Slack exactly once.
 */
export function check(input: CheckInput): CheckResult {
  const counts: Record<string, number> = {};
  const problems: Record<string, string[]> = {};
  const count = (what: string, n = 1) => {
    counts[what] = (counts[what] ?? 0) + n;
  };
  const problem = (kind: string, text: string) => {
    count(`problem: ${kind}`);
    const list = problems[kind] ?? [];
    if (list.length < 20) list.push(text);
    problems[kind] = list;
  };

  // Events: acknowledged means stored, unchanged; nothing stored that was not sent.
  const stored = new Map(input.events.map((e) => [e.event.id, e.event]));
  const sent = new Map(input.sent.map((e) => [e.id, e]));
  count('events sent', input.sent.length);
  count('events acknowledged', input.acked.size);
  count('events stored', stored.size);
  for (const id of input.acked.keys()) {
    const a = sent.get(id);
    const b = stored.get(id);
    if (!b) problem('event lost', id);
    else if (!a || canonical(uniformEvent(a)) !== canonical(b)) problem('event changed', id);
  }
  for (const id of sent.keys())
    if (!input.acked.has(id) && !stored.has(id)) problem('event never accepted', id);
  for (const id of stored.keys()) if (!sent.has(id)) problem('event not sent', id);

  const engine = new Engine(input.config);
  const byTicket = new Map<string, StoredEvent[]>();
  for (const e of input.events) {
    const list = byTicket.get(e.event.ticket);
    if (list) list.push(e);
    else byTicket.set(e.event.ticket, [e]);
  }
  const truths = new Map(
    [...byTicket].map(([ticket, list]) => [ticket, new TicketTruth(engine, ticket, list)]),
  );

  checkCycles(input, truths, count, problem);
  const expected = checkNotifications(input, truths, count, problem);
  const delays = checkPosts(input, expected, count, problem);
  return { ok: Object.keys(problems).length === 0, counts, problems, delays };
}

/** Adds to a count of the result. */
export type Count = (what: string, n?: number) => void;
/** Records a problem of a kind, with an example. */
export type Problem = (kind: string, text: string) => void;

/** Each stored cycle row against the core at that row's evaluation instant. */
function checkCycles(
  input: CheckInput,
  truths: Map<string, TicketTruth>,
  count: Count,
  problem: Problem,
): void {
  const rowsByTicket = new Map<string, StoredCycle[]>();
  for (const row of input.cycles) {
    const ticket = row.ticketId;
    rowsByTicket.set(ticket, [...(rowsByTicket.get(ticket) ?? []), row]);
  }
  for (const [ticket, truth] of truths) {
    const rows = rowsByTicket.get(ticket) ?? [];
    const evaluations = new Map<number, Map<string, string>>();
    const coreAt = (at: number) => {
      const found = evaluations.get(at) ?? truth.rowsAt(at);
      evaluations.set(at, found);
      return found;
    };
    const latest = Math.max(input.stoppedAt, ...rows.map((r) => r.evaluatedAt.getTime()));
    for (const row of rows) {
      count('cycles checked');
      const key = `${row.metric}|${row.cycle}`;
      const mine = cycleSignature(row);
      const core = coreAt(row.evaluatedAt.getTime()).get(key);
      if (mine !== core) problem('cycle wrong', `${ticket} ${key}: stored ${mine} core ${core}`);
    }
    const storedKeys = new Set(rows.map((r) => `${r.metric}|${r.cycle}`));
    for (const key of coreAt(latest).keys())
      if (!storedKeys.has(key)) problem('cycle missing', `${ticket} ${key}`);
    rowsByTicket.delete(ticket);
  }
  for (const ticket of rowsByTicket.keys()) problem('cycle of no ticket', ticket);
}

/** Notifications against the levels the core fires; returns the notifications by key. */
function checkNotifications(
  input: CheckInput,
  truths: Map<string, TicketTruth>,
  count: Count,
  problem: Problem,
): Map<string, StoredNotification> {
  const notified = new Map<string, StoredNotification>();
  for (const n of input.notifications) {
    const key = levelKey(n.ticket, n.metric, n.cycle, n.level);
    if (notified.has(key)) problem('notified twice', key);
    notified.set(key, n);
  }
  const fired = new Map<string, number>();
  for (const truth of truths.values())
    for (const c of truth.at(input.stoppedAt)?.cycles ?? [])
      for (const f of c.fired) fired.set(levelKey(truth.ticket, c.metric, c.cycle, f.level), f.at);
  for (const [key, at] of fired) {
    if (at > input.mustFireBy) continue;
    count(`levels the core fires by the check instant`);
    if (!notified.has(key))
      problem('level not notified', `${key} at ${new Date(at).toISOString()}`);
  }
  for (const [key, n] of notified) {
    count('notifications');
    if (fired.get(key) === n.at) continue;
    const truth = truths.get(n.ticket);
    if (truth?.firedOnKnowledge(n, n.createdAt)) count('notifications withdrawn by a later event');
    else
      problem('notification the core does not fire', `${key} at ${new Date(n.at).toISOString()}`);
  }
  return notified;
}

/** JSON with keys sorted, so that two equal events compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
