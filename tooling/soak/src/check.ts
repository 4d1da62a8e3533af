import { type Config, Engine, type TicketEvent, uniformEvent } from '@breachless/core';
import { checkCycles } from './check-cycles.js';
import { checkNotifications } from './check-notifications.js';
import { checkPosts } from './check-posts.js';
import type { Kill, Post } from './fake-slack.js';
import type { SoakChannel } from './setup.js';
import { type StoredCycle, type StoredEvent, TicketTruth } from './truth.js';

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
  /** Each ticket's last evaluation instant, as its row in `tickets` says. */
  readonly evaluatedAt: ReadonlyMap<string, number>;
  readonly notifications: readonly StoredNotification[];
  readonly posts: readonly Post[];
  /** The soak's own alert channels, from which the checker routes every notification. */
  readonly channels: readonly SoakChannel[];
  /** When the Slack app was killed mid-send. */
  readonly kills: readonly Kill[];
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
 * Compares what the system did with what the core and the soak's own setup say it should
 * have: every acknowledged event stored unchanged; every ticket's cycle rows what the core
 * computes from the stored events at the ticket's last evaluation, after its last event;
 * every level the core fires notified once (or explained by what was known when it fired)
 * and routed where the soak's channels say; every message sent in Slack exactly once, or
 * twice only where a kill of the Slack app mid-send explains it.
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

/** JSON with keys sorted, so that two equal events compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
