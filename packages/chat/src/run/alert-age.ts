import type { AlertPayload } from '../delivery/types.js';
import { formatLocal } from '../views/format.js';

/**
 * How long after its cycle was due an alert's Acknowledge and Snooze still act. Both only
 * silence warnings, and a cycle a week past due has long had its breach alert: a click
 * later than that comes from a forgotten message (or a replayed one) and would record an
 * acknowledgement nobody can mean.
 */
export const ALERT_ACTIONS_DAYS = 7;

/**
 * The notice a click on an alert answers when the alert is too old to act on: its cycle
 * was due (or breached) more than `ALERT_ACTIONS_DAYS` days before `now`, the injected
 * clock. Undefined when the click may act, including alerts that carry no due instant.
 * @param zone the reader's time zone, for the due instant named in the notice
 */
export function staleAlertNotice(
  payload: AlertPayload,
  now: number,
  zone: string,
): string | undefined {
  const due = Date.parse(payload.breachedAt ?? payload.dueAt ?? '');
  if (Number.isNaN(due) || now - due <= ALERT_ACTIONS_DAYS * 86_400_000) return undefined;
  return `This alert is too old to act on: its cycle was due ${formatLocal(due, zone)}, more than ${ALERT_ACTIONS_DAYS} days ago. Nothing was recorded; a new warning or breach brings new buttons.`;
}
