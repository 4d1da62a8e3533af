import { describe, expect, it } from 'vitest';
import type { CheckInput, StoredNotification } from './check-types.js';
import { goodRun, kinds, post, S, T0 } from './testing.js';

type Deliveries = StoredNotification['deliveries'];

/** The good run with one notification's deliveries replaced, and its messages gone. */
function rerouted(ticket: string, level: string, deliveries: Deliveries): CheckInput {
  const run = goodRun();
  return {
    ...run,
    notifications: run.notifications.map((n) =>
      n.ticket === ticket && n.level === level ? { ...n, deliveries } : n,
    ),
    posts: run.posts.filter((p) => p.alert?.ticket !== ticket || p.alert.level !== level),
  };
}

const none = (state: string) => [{ destination: 'none', state }];
const to = (...channels: string[]) =>
  channels.map((c) => ({ destination: `slack:channel:${c}`, state: 'delivered' }));

describe('the soak checker on notifications and their routes', () => {
  it('finds a level notified twice', () => {
    const run = goodRun();
    const [first] = run.notifications;
    if (!first) throw new Error('no notifications');
    const notifications = [...run.notifications, first];
    expect(kinds({ ...run, notifications })).toEqual(['notified twice']);
  });

  it('finds a level the core fires that nobody notified', () => {
    const run = goodRun();
    const notifications = run.notifications.filter((n) => n.ticket !== 'D' || n.level !== 'breach');
    expect(kinds({ ...run, notifications })).toEqual(['level not notified']);
  });

  it('finds a notification the core never fires, on any knowledge', () => {
    const run = goodRun();
    const [, , c] = run.notifications;
    if (!c) throw new Error('no notifications');
    // B's reply came at 5 s and was stored by then: its warning never fired.
    const bogus = { ...c, ticket: 'B', deliveries: none('unrouted') };
    expect(kinds({ ...run, notifications: [...run.notifications, bogus] })).toEqual([
      'notification the core does not fire',
    ]);
  });

  it('finds a billing breach with no delivery at all', () => {
    expect(kinds(rerouted('A', 'breach', []))).toEqual(['notification with no delivery']);
  });

  it('finds a billing breach marked unrouted', () => {
    expect(kinds(rerouted('A', 'breach', none('unrouted')))).toEqual([
      'unrouted though a channel listens',
    ]);
  });

  it('finds a breach suppressed', () => {
    expect(kinds(rerouted('A', 'breach', none('suppressed')))).toEqual(['breach suppressed']);
  });

  it('finds a warning suppressed while its cycle ran', () => {
    expect(kinds(rerouted('A', '50%', none('suppressed')))).toEqual([
      'warning suppressed while its cycle ran',
    ]);
    expect(kinds(rerouted('D', '50%', none('suppressed')))).toEqual([
      'warning suppressed while its cycle ran',
    ]);
  });

  it('finds a warning of a stopped cycle sent to a channel', () => {
    const run = rerouted('E', '50%', to('C1'));
    const posts = [...run.posts, post('E', '50%', T0 + 20 * S)];
    expect(kinds({ ...run, posts })).toEqual(['warning of a stopped cycle not suppressed']);
  });

  it('finds an alert of a ticket without a team sent to a channel', () => {
    const run = rerouted('D', 'breach', to('C1'));
    const posts = [...run.posts, post('D', 'breach', T0 + 20 * S)];
    expect(kinds({ ...run, posts })).toEqual(['routed where no channel listens']);
  });

  it('finds a breach sent to another team, or to its own and another', () => {
    const breach = (channel: string) => post('A', 'breach', T0 + 20 * S, channel);
    const other = rerouted('A', 'breach', to('C2'));
    const both = rerouted('A', 'breach', to('C1', 'C2'));
    expect(kinds({ ...other, posts: [...other.posts, breach('C2')] })).toEqual([
      'sent to the wrong channels',
    ]);
    expect(kinds({ ...both, posts: [...both.posts, breach('C1'), breach('C2')] })).toEqual([
      'sent to the wrong channels',
    ]);
  });
});
