import { describe, expect, it } from 'vitest';
import { PermanentChatError, RateLimitedError, TransientChatError } from '../port/errors.js';
import { ManualTimer } from '../testing/manual-timer.js';
import { DeliveryLanes, type Send } from './lanes.js';
import type { AlertDelivery, Outbox } from './types.js';

const T0 = Date.parse('2026-11-25T10:00:00Z');

function delivery(n: number, destination: string, extra: Partial<AlertDelivery> = {}) {
  return {
    tenant: 't',
    notificationId: n,
    destination,
    attempts: 0,
    ticket: `T-${n}`,
    kind: 'alert',
    metric: 'first_response',
    cycle: 1,
    level: '75%',
    late: false,
    payload: {},
    root: null,
    ...extra,
  } satisfies AlertDelivery;
}

/** Records what the lanes tell the outbox; claims are not used here. */
function recordingOutbox() {
  const log: string[] = [];
  const outbox: Outbox = {
    claim: async () => [],
    delivered: async (d, ref, settled, now) => {
      log.push(`delivered ${d.notificationId} ${ref.id} ${settled ?? '-'} @${(now - T0) / 1000}`);
    },
    retry: async (d, error, next) => {
      log.push(`retry ${d.notificationId} "${error}" @${(next - T0) / 1000}`);
    },
    failed: async (d, error) => {
      log.push(`failed ${d.notificationId} "${error}"`);
    },
    unsettled: async () => [],
    settle: async () => {},
  };
  return { outbox, log };
}

function lanesWith(send: Send, timer: ManualTimer, tenantIntervalMs?: number) {
  const { outbox, log } = recordingOutbox();
  const lanes = new DeliveryLanes({
    outbox,
    send,
    timer,
    ...(tenantIntervalMs ? { tenantIntervalMs } : {}),
    backoff: (attempts) => attempts * 10_000,
    intervalMs: 1_000,
    maxAttempts: 3,
  });
  return { lanes, log };
}

describe('DeliveryLanes', () => {
  it('paces each destination on its own: one message a second per channel', async () => {
    const timer = new ManualTimer(T0);
    const sent: string[] = [];
    const { lanes } = lanesWith(async (d) => {
      sent.push(`${d.destination} ${d.notificationId} @${(timer.now() - T0) / 1000}`);
      return { ref: { conversation: 'C', id: String(d.notificationId) }, settled: null };
    }, timer);
    for (const n of [1, 2, 3]) lanes.push(delivery(n, 'slack:channel:A'));
    lanes.push(delivery(4, 'slack:channel:B'));
    expect(lanes.busy(3)).toEqual(['t slack:channel:A']);
    await timer.runUntil(() => lanes.idle);
    expect(sent.sort()).toEqual([
      'slack:channel:A 1 @0',
      'slack:channel:A 2 @1',
      'slack:channel:A 3 @2',
      'slack:channel:B 4 @0',
    ]);
    expect(lanes.pending).toBe(0);
  });

  it('holds a rate-limited channel for its Retry-After while others keep their pace', async () => {
    const timer = new ManualTimer(T0);
    const sent: string[] = [];
    let limited = false;
    const { lanes, log } = lanesWith(async (d) => {
      if (d.destination.endsWith('A') && !limited) {
        limited = true;
        throw new RateLimitedError(30_000);
      }
      sent.push(`${d.notificationId} @${(timer.now() - T0) / 1000}`);
      return { ref: { conversation: 'C', id: String(d.notificationId) }, settled: null };
    }, timer);
    lanes.push(delivery(1, 'slack:channel:A'));
    for (const n of [2, 3, 4]) lanes.push(delivery(n, 'slack:channel:B'));
    await timer.runUntil(() => lanes.idle);
    expect(sent).toEqual(['2 @0', '3 @1', '4 @2', '1 @30']);
    // A 429 is not a failure: no retry is counted for it.
    expect(log.filter((l) => !l.startsWith('delivered'))).toEqual([]);
  });

  it('puts transient failures back with backoff, gives up after the last attempt, fails permanent ones at once', async () => {
    const timer = new ManualTimer(T0);
    const { lanes, log } = lanesWith(async (d) => {
      if (d.notificationId === 1) throw new TransientChatError('HTTP 502');
      throw new PermanentChatError('channel_not_found');
    }, timer);
    lanes.push(delivery(1, 'slack:channel:A'));
    lanes.push(delivery(2, 'slack:channel:A', { attempts: 2, notificationId: 1 }));
    lanes.push(delivery(3, 'slack:channel:B'));
    await timer.runUntil(() => lanes.idle);
    expect(log).toEqual([
      'retry 1 "transient: HTTP 502" @10',
      'failed 3 "permanent: channel_not_found"',
      'failed 1 "transient: HTTP 502"',
    ]);
  });

  it('keeps trying to record a sent message while the outbox cannot be written, so it is not sent again', async () => {
    const timer = new ManualTimer(T0);
    const { outbox, log } = recordingOutbox();
    let down = 3;
    const sent: number[] = [];
    const lanes = new DeliveryLanes({
      outbox: {
        ...outbox,
        delivered: async (...args) => {
          if (down-- > 0) throw new Error('connection refused');
          await outbox.delivered(...args);
        },
      },
      send: async (d) => {
        sent.push(d.notificationId);
        return { ref: { conversation: 'A', id: `m${d.notificationId}` }, settled: null };
      },
      timer,
      backoff: () => 10_000,
      intervalMs: 1_000,
      maxAttempts: 3,
    });
    lanes.push(delivery(1, 'slack:channel:A'));
    await timer.runUntil(() => lanes.idle);
    // Three refused writes, then the fourth after 0.5 + 1 + 2 s: one message, recorded once.
    expect(sent).toEqual([1]);
    expect(log).toEqual(['delivered 1 m1 - @0']);
    expect(timer.now() - T0).toBe(3_500);
  });

  it('sends a later level of the same cycle into the message the first one left', async () => {
    const timer = new ManualTimer(T0);
    const roots: (string | null)[] = [];
    const { lanes } = lanesWith(async (d) => {
      roots.push(d.root?.id ?? null);
      return { ref: d.root ?? { conversation: 'C', id: `m${d.notificationId}` }, settled: null };
    }, timer);
    lanes.push(delivery(1, 'slack:channel:A', { ticket: 'T-9', level: '50%' }));
    lanes.push(delivery(2, 'slack:channel:A', { ticket: 'T-9', level: 'breach' }));
    lanes.push(delivery(3, 'slack:channel:A', { ticket: 'T-8' }));
    await timer.runUntil(() => lanes.idle);
    expect(roots).toEqual([null, 'm1', null]);
  });

  it("spaces a tenant's messages across all its lanes when asked to", async () => {
    const timer = new ManualTimer(T0);
    const sent: number[] = [];
    const { lanes } = lanesWith(
      async (d) => {
        sent.push(timer.now() - T0);
        return { ref: { conversation: 'C', id: String(d.notificationId) }, settled: null };
      },
      timer,
      100,
    );
    for (let n = 0; n < 5; n++) lanes.push(delivery(n, `teams:channel:${n}`));
    lanes.push(delivery(9, 'teams:channel:0'));
    await timer.runUntil(() => lanes.idle);
    expect(sent.sort((a, b) => a - b)).toEqual([0, 100, 200, 300, 400, 1000]);
  });
});
