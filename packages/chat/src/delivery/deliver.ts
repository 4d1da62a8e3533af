import { parseDestination } from '@breachless/core';
import type { ChatPort, MessageRef } from '../port/chat-port.js';
import { alertView, deliverAlert, stateOf } from './alert-view.js';
import type { ClaimedDelivery } from './types.js';

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
  if (d.kind === 'alert')
    return deliverAlert(port, d, alertView(d, stateOf(d.level), now, assigneeUser));
  const channel = parseDestination(d.destination).id;
  return { ref: await port.send(channel, d.payload.view), settled: 'digest' };
}
