import type { CheckInput, CheckResult, Count, Problem, StoredNotification } from './check.js';
import type { Post } from './fake-slack.js';
import { levelKey } from './truth.js';

/** Deliveries against the messages Slack received: each routed one exactly once. */
export function checkPosts(
  input: CheckInput,
  notified: Map<string, StoredNotification>,
  count: Count,
  problem: Problem,
): CheckResult['delays'] {
  const posts = new Map<string, Post[]>();
  for (const p of input.posts) {
    if (!p.alert) {
      count('messages without an alert');
      continue;
    }
    const key = `${levelKey(p.alert.ticket, p.alert.metric, p.alert.cycle, p.alert.level)}|${p.channel}`;
    posts.set(key, [...(posts.get(key) ?? []), p]);
  }
  const delays: CheckResult['delays'] = { warning: [], breach: [] };
  for (const [key, n] of notified)
    for (const d of n.deliveries) {
      count(`deliveries ${d.state}`);
      // Only a warning may be kept from people (stale, acknowledged); a breach never is.
      if (d.state === 'suppressed' && n.level === 'breach')
        problem('breach suppressed', `${key} to ${d.destination}`);
      if (d.state === 'unrouted' || d.state === 'suppressed') continue;
      if (d.state !== 'delivered') {
        problem(`delivery ${d.state}`, `${key} to ${d.destination}`);
        continue;
      }
      const channel = d.destination.split(':').slice(2).join(':');
      const got = posts.get(`${key}|${channel}`) ?? [];
      posts.delete(`${key}|${channel}`);
      if (got.length === 0) problem('delivered but not in Slack', `${key} to ${channel}`);
      if (got.length > 1) problem('message repeated', `${key} to ${channel}: ${got.length} times`);
      const first = got[0];
      if (first) (n.level === 'breach' ? delays.breach : delays.warning).push(first.at - n.at);
    }
  for (const [key, list] of posts) problem('message for no delivery', `${key} (${list.length})`);
  count('messages in Slack', input.posts.length);
  return delays;
}
