import { expect, it } from 'vitest';
import {
  addSubscription,
  channelSubscriptions,
  removeSubscription,
} from '../src/chat/subscriptions.js';
import { describeEachDriver } from '../src/testing.js';

describeEachDriver('channel subscriptions', (handle) => {
  it('cannot be removed from another channel, platform or tenant by guessing an id', async () => {
    const { db } = handle();
    const id = await addSubscription(db, 'acme', {
      platform: 'slack',
      channel: 'C-ALERTS',
      kind: 'alerts',
      filters: { team: 'billing' },
      createdBy: 'U1',
    });
    expect(id).toMatch(/^s[0-9a-z]{6}$/);
    for (const [tenant, platform, channel] of [
      ['acme', 'slack', 'C-OTHER'],
      ['acme', 'teams', 'C-ALERTS'],
      ['globex', 'slack', 'C-ALERTS'],
    ] as const)
      expect(await removeSubscription(db, tenant, { platform, channel, id })).toBe(false);
    expect((await channelSubscriptions(db, 'acme', 'slack', 'C-ALERTS')).map((s) => s.id)).toEqual([
      id,
    ]);
    expect(
      await removeSubscription(db, 'acme', { platform: 'slack', channel: 'C-ALERTS', id }),
    ).toBe(true);
    expect(await channelSubscriptions(db, 'acme', 'slack', 'C-ALERTS')).toEqual([]);
  });

  it('adds the same subscription once, however often it is asked for (typed twice, or replayed)', async () => {
    const { db } = handle();
    const digest = {
      platform: 'slack',
      channel: 'C-DIGEST',
      kind: 'digest' as const,
      filters: { team: 'billing' },
      schedule: { every: 'daily' as const, time: '09:00', zone: 'UTC' },
      createdBy: 'U1',
    };
    const ids = await Promise.all([1, 2, 3].map(() => addSubscription(db, 'acme', digest)));
    expect(new Set(ids).size).toBe(1);
    const other = await addSubscription(db, 'acme', {
      ...digest,
      schedule: { ...digest.schedule, time: '10:00' },
    });
    const alerts = await addSubscription(db, 'acme', {
      ...digest,
      kind: 'alerts',
      schedule: undefined,
    });
    expect(other).not.toBe(ids[0]);
    expect(alerts).not.toBe(other);
    expect(
      await addSubscription(db, 'acme', { ...digest, kind: 'alerts', schedule: undefined }),
    ).toBe(alerts);
    expect(
      (await channelSubscriptions(db, 'acme', 'slack', 'C-DIGEST')).map((s) => s.id).sort(),
    ).toEqual([ids[0], other, alerts].sort());
  });
});
