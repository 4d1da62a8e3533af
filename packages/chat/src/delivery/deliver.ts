import type { ChatPort, MessageRef } from '../port/chat-port.js';
import type { DigestView } from '../views/types.js';
import { alertView, deliverAlert, stateOf } from './alert-view.js';
import type { ClaimedDelivery } from './types.js';

/** The metric of an outbox row that is a digest, not an alert (digest-runs.ts writes it). */
export const DIGEST_METRIC = 'digest';

/**
 * Sends one claimed delivery: a digest as one new message to its channel (settled at once:
 * nothing updates it later), an alert as `deliverAlert` does.
 */
export async function deliverNotification(
  port: ChatPort,
  d: ClaimedDelivery,
  now: number,
  assigneeUser: string | undefined,
): Promise<{ ref: MessageRef; settled: string | null }> {
  if (d.metric !== DIGEST_METRIC)
    return deliverAlert(port, d, alertView(d, stateOf(d.level), now, assigneeUser));
  const { view } = d.payload as unknown as { view: DigestView };
  const [, , ...channel] = d.destination.split(':');
  return { ref: await port.send(channel.join(':'), view), settled: DIGEST_METRIC };
}
