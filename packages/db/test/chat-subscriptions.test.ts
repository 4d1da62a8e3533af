import { expect, it } from 'vitest';
import {
  addSubscription,
  channelSubscriptions,
  removeSubscription,
} from '../src/chat-subscriptions.js';
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
});
