import type { Post } from '@breachless/chat/testing';
import { NO_DESTINATION, parseDestination } from '@breachless/core';
import type { CheckInput, CheckResult, Count, Problem, StoredNotification } from './check-types.js';
import { levelKey } from './truth.js';

/**
 * How long before a kill of the Slack app a message it sent may still have been unrecorded:
 * recording follows Slack's answer within milliseconds (retried for minutes only while
 * PostgreSQL is away, which no kill overlaps).
 */
const RECORD_WINDOW_MS = 30_000;

/** Far longer than Slack's pace holds an alert created in a run's first minute. */
const HELD_MS = 300_000;

/**
 * Deliveries against the messages Slack received: each one sent is delivered, with exactly
 * one message in its channel, and no message is for anything else. A message sent again is
 * the at-least-once window, not a problem, only when a kill of the Slack app explains it:
 * the earlier copy was the last message its channel got from the app that was killed (a
 * lane sends one at a time and records it before the next), accepted at most
 * `RECORD_WINDOW_MS` before the kill or in flight at it.
 */
export function checkPosts(
  input: CheckInput,
  notified: ReadonlyMap<string, StoredNotification>,
  count: Count,
  problem: Problem,
): CheckResult['delays'] {
  const order = new Map(input.posts.map((p, i) => [p, i]));
  const posts = new Map<string, Post[]>();
  for (const p of input.posts) {
    if (!p.alert) {
      problem('message without an alert', `${p.channel} at ${new Date(p.at).toISOString()}`);
      continue;
    }
    const key = `${levelKey(p.alert.ticket, p.alert.metric, p.alert.cycle, p.alert.level)}|${p.channel}`;
    posts.set(key, [...(posts.get(key) ?? []), p]);
  }
  // Each kill, with the last message each channel got from the app it killed.
  const kills = input.kills.map((k) => {
    const last = new Map<string, Post>();
    for (const p of input.posts.slice(0, k.posts)) last.set(p.channel, p);
    return { ...k, last };
  });
  const explained = (earlier: Post, later: Post) =>
    kills.some(
      (k) =>
        k.last.get(earlier.channel) === earlier &&
        earlier.at >= k.at - RECORD_WINDOW_MS &&
        (order.get(later) ?? 0) >= k.posts,
    );
  const delays: CheckResult['delays'] = { warning: [], breach: [] };
  for (const [key, n] of notified)
    for (const d of n.deliveries) {
      count(`deliveries ${d.state}`);
      if (d.destination === NO_DESTINATION) continue;
      if (d.state !== 'delivered') {
        problem('delivery not delivered', `${key} to ${d.destination}: ${d.state}`);
        continue;
      }
      const channel = parseDestination(d.destination).id;
      const got = posts.get(`${key}|${channel}`) ?? [];
      posts.delete(`${key}|${channel}`);
      const [first, ...again] = got;
      if (!first) problem('delivered but not in Slack', `${key} to ${channel}`);
      else {
        (n.level === 'breach' ? delays.breach : delays.warning).push(first.at - n.at);
        // What a kill costs besides repeats: what the dead app had claimed waits for its lease.
        if (input.kills.some((k) => n.createdAt < k.at && first.at > k.at + HELD_MS))
          count('messages held more than 5 min by a kill of the Slack app');
      }
      again.forEach((copy, i) => {
        if (explained(got[i] as Post, copy))
          count('messages sent again after a kill of the Slack app');
        else problem('message repeated', `${key} to ${channel}: ${got.length} times`);
      });
    }
  for (const [key, list] of posts) problem('message for no delivery', `${key} (${list.length})`);
  count('messages in Slack', input.posts.length);
  return delays;
}
