import type { Outbox } from '@breachless/chat';
import type { Database } from '../storage/index.js';
import {
  claimDeliveries,
  type DeliveryKey,
  markDelivered,
  markFailed,
  markRetry,
  type StoredRef,
  settleMessage,
} from './deliveries.js';
import { type UnsettledRow, unsettledMessages } from './unsettled.js';

/**
 * The outbox as the chat apps' delivery lanes use it (the `Outbox` of @breachless/chat): one
 * object over PostgreSQL that any number of Slack or Teams replicas share.
 */
export function deliveryOutbox(db: Database) {
  return {
    claim: (o: Parameters<typeof claimDeliveries>[1]) => claimDeliveries(db, o),
    delivered: (d: DeliveryKey, ref: StoredRef, settled: string | null, now: number) =>
      markDelivered(db, d, ref, settled, now),
    retry: (d: DeliveryKey, error: string, next: number) => markRetry(db, d, error, next),
    failed: (d: DeliveryKey, error: string) => markFailed(db, d, error),
    unsettled: (platform: string, limit: number) => unsettledMessages(db, platform, limit),
    settle: (m: UnsettledRow) => settleMessage(db, m.tenant, m.destination, m.root, m.outcome),
  } satisfies Outbox;
}
