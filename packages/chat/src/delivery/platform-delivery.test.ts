import { describe, expect, it } from 'vitest';
import type { ChatPort } from '../port/chat-port.js';
import { PermanentChatError } from '../port/errors.js';
import { ManualTimer } from '../testing/manual-timer.js';
import type { AlertView } from '../views/types.js';
import { platformDelivery } from './platform-delivery.js';
import type { AlertDelivery, Outbox, UnsettledMessage } from './types.js';

const T0 = Date.parse('2026-11-25T10:00:00Z');

const alert = (n: number, destination: string): AlertDelivery => ({
  kind: 'alert',
  tenant: 'acme',
  notificationId: n,
  destination,
  attempts: 0,
  ticket: `T-${n}`,
  metric: 'first_response',
  cycle: 1,
  level: '75%',
  late: false,
  payload: { assignee: 'ana@example.com' },
  root: null,
});

const achieved: UnsettledMessage = {
  tenant: 'acme',
  destination: 'chat:channel:C1',
  root: { conversation: 'C1', id: 'm0' },
  outcome: 'achieved',
  ticket: 'T-0',
  metric: 'first_response',
  cycle: 1,
  level: '75%',
  late: false,
  payload: { assignee: 'bo@example.com' },
};

/** An outbox stand-in offering `claims` once and one stopped cycle, recording what it is told. */
function outboxOf(claims: AlertDelivery[]) {
  const log: string[] = [];
  let offered = false;
  const outbox = {
    claim: async (o) => {
      log.push(`claim ${o.platform} perLane ${o.perLane}`);
      if (offered) return [];
      offered = true;
      return claims;
    },
    delivered: async (d, ref) => void log.push(`delivered ${d.notificationId} as ${ref.id}`),
    retry: async (d, error) => void log.push(`retry ${d.notificationId} ${error}`),
    failed: async (d, error) => void log.push(`failed ${d.notificationId} ${error}`),
    unsettled: async () => (log.includes('settled T-0') ? [] : [achieved]),
    settle: async (m) => void log.push(`settled ${m.ticket}`),
  } satisfies Outbox;
  return { outbox, log };
}

/** A port recording what it shows, failing sends to one channel for good. */
function portOf(sent: string[]): ChatPort {
  const who = (view: unknown) => (view as AlertView).assignee?.user ?? 'nobody';
  return {
    platform: 'chat',
    send: async (conversation, view) => {
      if (conversation === 'CGONE') throw new PermanentChatError('channel_not_found');
      sent.push(`send ${conversation} ${view.kind} mentioning ${who(view)}`);
      return { conversation, id: `m${sent.length}` };
    },
    update: async (ref, view) => void sent.push(`update ${ref.id} ${who(view)}`),
    replyInThread: async (ref) => ref,
    openDm: async (user) => `D-${user}`,
  };
}

describe('platformDelivery', () => {
  it('sends each claimed alert through the tenant’s port, mentioning the assignee the platform knows, and settles stopped cycles', async () => {
    const timer = new ManualTimer(T0);
    const { outbox, log } = outboxOf([alert(1, 'chat:channel:C1'), alert(2, 'chat:user:ana')]);
    const sent: string[] = [];
    const asked: string[] = [];
    const warnings: string[] = [];
    const { lanes, pump } = platformDelivery({
      platform: 'chat',
      outbox,
      timer,
      intervalMs: 1_000,
      perLane: 3,
      logger: { warn: (_, message) => warnings.push(message) },
      target: async (tenant, assignee) => {
        asked.push(`${tenant} ${assignee}`);
        return { port: portOf(sent), user: assignee === 'ana@example.com' ? 'U-ANA' : undefined };
      },
    });
    expect(await pump.poll()).toEqual({ claimed: 2, settled: 1 });
    await timer.runUntil(() => lanes.idle, { busy: () => lanes.sending });
    expect(sent.sort()).toEqual([
      'send C1 alert mentioning U-ANA',
      'send D-ana alert mentioning U-ANA',
      'update m0 nobody',
    ]);
    expect(asked.sort()).toEqual([
      'acme ana@example.com',
      'acme ana@example.com',
      'acme bo@example.com',
    ]);
    expect(log).toContain('claim chat perLane 3');
    expect(log.filter((l) => l.startsWith('delivered'))).toHaveLength(2);
    expect(warnings).toEqual([]);
  });

  it('logs a failed send under the platform’s name with the summary it is given, and records the failure', async () => {
    const timer = new ManualTimer(T0);
    const { outbox, log } = outboxOf([alert(3, 'chat:channel:CGONE')]);
    const warnings: Record<string, unknown>[] = [];
    const { lanes, pump } = platformDelivery({
      platform: 'chat',
      outbox,
      timer,
      intervalMs: 0,
      logger: { warn: (fields, message) => warnings.push({ ...fields, message }) },
      summarise: (error) => ({ said: (error as Error).message }),
      target: async () => ({ port: portOf([]), user: undefined }),
    });
    await pump.poll();
    await timer.runUntil(() => lanes.idle, { busy: () => lanes.sending });
    expect(log.filter((l) => l.startsWith('failed 3'))).toEqual([
      expect.stringContaining('channel_not_found'),
    ]);
    expect(warnings).toContainEqual({
      error: { said: 'channel_not_found' },
      tenant: 'acme',
      destination: 'chat:channel:CGONE',
      notification: 3,
      message: 'chat delivery failed',
    });
  });
});
