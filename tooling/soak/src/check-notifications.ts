import type { TicketResult } from '@breachless/core';
import type { CheckInput, Count, Problem, StoredNotification } from './check-types.js';
import { expectedRoute, routeProblem, storedRoute } from './routes.js';
import { firing, levelKey, type TicketTruth } from './truth.js';

/**
 * Notifications against the levels the core fires, and each one's deliveries against where
 * the soak's channels say it goes. Every level the core fires by `mustFireBy` is notified;
 * a notification is either one the core fires, or one that follows from what the system
 * knew when it created it (a warning a late reply withdrew). Its route is judged on that same
 * knowledge: a warning of a stopped cycle is suppressed, a breach never is, one nobody
 * listens to is unrouted, and anything else goes to exactly the channels listening to its
 * team, metric and priority.
 * @returns the notifications by level key
 */
export function checkNotifications(
  input: CheckInput,
  truths: ReadonlyMap<string, TicketTruth>,
  count: Count,
  problem: Problem,
): Map<string, StoredNotification> {
  const notified = new Map<string, StoredNotification>();
  for (const n of input.notifications) {
    const key = levelKey(n.ticket, n.metric, n.cycle, n.level);
    if (notified.has(key)) problem('notified twice', key);
    notified.set(key, n);
  }
  const finals = new Map<string, TicketResult | undefined>();
  for (const truth of truths.values()) {
    const final = truth.at(input.stoppedAt);
    finals.set(truth.ticket, final);
    for (const c of final?.cycles ?? [])
      for (const f of c.fired) {
        if (f.at > input.mustFireBy) continue;
        count('levels the core fires by the check instant');
        const key = levelKey(truth.ticket, c.metric, c.cycle, f.level);
        if (!notified.has(key))
          problem('level not notified', `${key} at ${new Date(f.at).toISOString()}`);
      }
  }
  for (const [key, n] of notified) {
    count('notifications');
    const truth = truths.get(n.ticket);
    const known = truth?.knownAt(n.createdAt) ?? [];
    const firedOnKnowledge = known.filter((answer) => firing(answer, n));
    if (!firing(finals.get(n.ticket), n)) {
      if (firedOnKnowledge.length === 0) {
        problem('notification the core does not fire', `${key} at ${new Date(n.at).toISOString()}`);
        continue;
      }
      count('notifications withdrawn by a later event');
    }
    // Judged on what the system knew; failing that (no prefix of the events fires the level
    // as it was notified), on every event evaluated at the creation instant.
    const answers = firedOnKnowledge.length > 0 ? firedOnKnowledge : [truth?.at(n.createdAt)];
    const actual = storedRoute(n.deliveries);
    const expected = answers.flatMap((answer) => {
      const cycle = firing(answer, n);
      return cycle ? [expectedRoute(n.level, n.metric, cycle, input.channels)] : [];
    });
    const first = expected[0];
    if (!first) {
      problem('notification the core does not fire', `${key} at ${new Date(n.at).toISOString()}`);
      continue;
    }
    if (expected.some((e) => e.key === actual.key)) count(`notifications ${actual.kind}`);
    else
      problem(routeProblem(n.level, first, actual), `${key}: ${actual.key}, expected ${first.key}`);
  }
  return notified;
}
