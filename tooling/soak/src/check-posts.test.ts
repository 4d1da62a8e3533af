import type { Post } from '@breachless/chat/testing';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { goodRun, kinds, S, T0 } from './testing.js';

/** The good run's messages: A's warning, A's breach, C's warning, all in channel C1. */
function messages(): [Post, Post, Post] {
  const [a50, aBreach, c50] = goodRun().posts;
  if (!a50 || !aBreach || !c50) throw new Error('no posts');
  return [a50, aBreach, c50];
}

describe('the soak checker on messages in Slack', () => {
  it('finds a message that announces no alert', () => {
    const run = goodRun();
    const stray = { ...messages()[0], alert: null };
    expect(kinds({ ...run, posts: [...run.posts, stray] })).toEqual(['message without an alert']);
  });

  it('finds a delivery that gave up or never finished, and its message missing', () => {
    for (const state of ['failed', 'pending', 'sending']) {
      const run = goodRun();
      const notifications = run.notifications.map((n, i) =>
        i === 0 ? { ...n, deliveries: [{ destination: 'slack:channel:C1', state }] } : n,
      );
      const [, aBreach, c50] = messages();
      expect(kinds({ ...run, notifications, posts: [aBreach, c50] })).toEqual([
        'delivery not delivered',
      ]);
    }
  });

  it('finds a delivery recorded as delivered that Slack never got', () => {
    const [a50, , c50] = messages();
    expect(kinds({ ...goodRun(), posts: [a50, c50] })).toEqual(['delivered but not in Slack']);
  });

  it('finds a message with no delivery behind it', () => {
    const run = goodRun();
    const posts = [...run.posts, { ...messages()[0], channel: 'C2' }];
    expect(kinds({ ...run, posts })).toEqual(['message for no delivery']);
  });

  it('finds a message repeated with no kill of the Slack app to explain it', () => {
    const [a50, aBreach, c50] = messages();
    const again = { ...a50, at: a50.at + 5 * S };
    expect(kinds({ ...goodRun(), posts: [a50, again, aBreach, c50] })).toEqual([
      'message repeated',
    ]);
  });

  it('counts a message sent again after a kill of the Slack app mid-send as at-least-once', () => {
    const [a50, aBreach, c50] = messages();
    // A's warning was the last message C1 got before the kill at 13 s; sent again at 60 s.
    const again = { ...a50, at: T0 + 60 * S };
    const kills = [{ at: T0 + 13 * S, posts: 1 }];
    const result = check({ ...goodRun(), posts: [a50, aBreach, c50, again], kills });
    expect(result.problems).toEqual({});
    expect(result.counts['messages sent again after a kill of the Slack app']).toBe(1);
    // Another lane's request in flight at the kill (11 s) is accepted just after it.
    const inFlight = check({
      ...goodRun(),
      posts: [a50, aBreach, c50, again],
      kills: [{ at: T0 + 11 * S, posts: 1 }],
    });
    expect(inFlight.problems).toEqual({});
  });

  it('finds a repeat a kill cannot explain: not the last message before it, or long before', () => {
    const [a50, aBreach, c50] = messages();
    const again = { ...a50, at: T0 + 60 * S };
    // C1 got A's breach after A's warning and before the kill: the warning had been recorded.
    const afterBreach = [{ at: T0 + 23 * S, posts: 2 }];
    expect(kinds({ ...goodRun(), posts: [a50, aBreach, c50, again], kills: afterBreach })).toEqual([
      'message repeated',
    ]);
    // The warning was C1's last message but went out 40 s before the kill.
    const late = [{ at: a50.at + 40 * S, posts: 1 }];
    expect(kinds({ ...goodRun(), posts: [a50, aBreach, c50, again], kills: late })).toEqual([
      'message repeated',
    ]);
    // A third copy needs a second kill.
    const kills = [{ at: T0 + 13 * S, posts: 1 }];
    const third = { ...a50, at: T0 + 70 * S };
    expect(kinds({ ...goodRun(), posts: [a50, aBreach, c50, again, third], kills })).toEqual([
      'message repeated',
    ]);
  });

  it('measures each level to its first message', () => {
    const result = check(goodRun());
    expect(result.delays.warning).toEqual([2 * S, 2 * S]);
    expect(result.delays.breach).toEqual([2 * S]);
  });
});
