import { describe, expect, it } from 'vitest';
import type { AlertDelivery, Outbox, UnsettledMessage } from '../delivery/types.js';
import { consoleDelivery } from './console-delivery.js';
import { consolePort } from './console-port.js';

const NOW = Date.parse('2026-11-25T15:00:00Z');

const warning: AlertDelivery = {
  kind: 'alert',
  tenant: 'demo',
  notificationId: 1,
  destination: 'console:channel:#support',
  attempts: 0,
  ticket: 'INC42',
  metric: 'first_response',
  cycle: 1,
  level: '75%',
  late: false,
  payload: { subject: 'Printer on fire', dueAt: new Date(NOW + 15 * 60_000).toISOString() },
  root: null,
};

/** An outbox stand-in: one round's claims, then a stopped cycle once it was delivered. */
function outboxOf() {
  const log: string[] = [];
  let claims: AlertDelivery[] = [warning];
  const outbox = {
    claim: async (o) => {
      log.push(`claim ${o.platform} perLane ${o.perLane}`);
      const out = claims;
      claims = [];
      return out;
    },
    delivered: async (d, ref) => void log.push(`delivered ${d.ticket} as ${ref.id}`),
    retry: async () => {},
    failed: async () => {},
    unsettled: async (): Promise<UnsettledMessage[]> =>
      log.includes('delivered INC42 as 1') && !log.includes('settled INC42')
        ? [{ ...warning, root: { conversation: '#support', id: '1' }, outcome: 'achieved' }]
        : [],
    settle: async (m) => void log.push(`settled ${m.ticket}`),
  } satisfies Outbox;
  return { outbox, log };
}

describe('consoleDelivery', () => {
  it('prints what is due in one round and, the next round, the alert settled in place', async () => {
    let out = '';
    const { outbox, log } = outboxOf();
    const delivery = consoleDelivery({
      outbox,
      port: consolePort({ write: (t) => (out += t) }),
      clock: () => NOW,
      logger: { warn: () => {} },
    });
    await delivery.deliver();
    expect(out).toMatch(/^\[console chat #support #1\] ⚠ INC42: First response due in 15m/);
    expect(log).toEqual(['claim console perLane 500', 'delivered INC42 as 1']);
    out = '';
    await delivery.deliver();
    expect(out).toMatch(/^\[console chat #support #1 updated\] .*INC42/);
    expect(log.at(-1)).toBe('settled INC42');
  });
});
