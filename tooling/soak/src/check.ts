import { Engine, uniformEvent } from '@breachless/core';
import { checkCycles } from './check-cycles.js';
import { checkNotifications } from './check-notifications.js';
import { checkPosts } from './check-posts.js';
import type { CheckInput, CheckResult } from './check-types.js';
import { type StoredEvent, TicketTruth } from './truth.js';

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

/** JSON with keys sorted, so that two equal events compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
