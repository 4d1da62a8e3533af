import {
  alertView,
  formatLocal,
  SNOOZE_CHOICES,
  type SnoozeChoice,
  snoozeUntil,
  staleAlertNotice,
  stateOf,
} from '@breachless/chat';
import { cycleAlert, recordAck, userOfAgent } from '@breachless/db';
import type { TurnContext } from 'botbuilder';
import type { CycleAction } from './cards/alert.js';
import { alertCard } from './cards/alert.js';
import type { Card } from './cards/card.js';
import type { TeamsDeps } from './deps.js';

/** Reads an alert action's data, from an `Action.Execute` invoke or an `Action.Submit`. */
export function readAction(value: unknown): CycleAction | undefined {
  const v = value as Partial<CycleAction> | undefined;
  if (!v || (v.verb !== 'ack' && v.verb !== 'snooze')) return undefined;
  if (typeof v.ticket !== 'string' || typeof v.metric !== 'string' || !Number.isInteger(v.cycle))
    return undefined;
  if (v.verb === 'snooze' && !SNOOZE_CHOICES.includes(v.choice as SnoozeChoice)) return undefined;
  return v as CycleAction;
}

/** What a click on an alert card comes to: the card updated, or a notice instead of acting. */
export type CardOutcome = { readonly card: Card } | { readonly notice: string };

/**
 * Acknowledges or snoozes a cycle from its alert card and returns the card updated to say
 * who did it (buttons gone once the cycle has stopped); a notice, recording nothing, when
 * the alert is too old to act on; undefined when the alert is unknown.
 */
export async function silenceFromCard(
  context: TurnContext,
  deps: TeamsDeps,
  tenant: string,
  action: CycleAction,
): Promise<CardOutcome | undefined> {
  const key = { ticket: action.ticket, metric: action.metric, cycle: action.cycle };
  const alert = await cycleAlert(deps.db, tenant, key);
  if (!alert) return undefined;
  const now = deps.clock();
  const zone = context.activity.localTimezone || 'UTC';
  const notice = staleAlertNotice(alert.payload, now, zone);
  if (notice) return { notice };
  const calendar = alert.calendar
    ? (await deps.engines.engineFor(deps.db, tenant)).calendars.get(alert.calendar)
    : undefined;
  const until =
    action.verb === 'snooze' ? snoozeUntil(action.choice as SnoozeChoice, now, calendar) : null;
  const from = context.activity.from;
  await recordAck(deps.db, tenant, {
    ...key,
    user: from.aadObjectId ?? from.id,
    kind: action.verb,
    until,
  });
  const note =
    until === null
      ? `Acknowledged by ${from.name ?? from.id}: no more warnings for this cycle (a breach still alerts).`
      : `Snoozed by ${from.name ?? from.id} until ${formatLocal(until, zone)}.`;
  const user = alert.payload.assignee
    ? await userOfAgent(deps.db, tenant, 'teams', alert.payload.assignee)
    : null;
  const view = alertView(
    { ...key, late: alert.late, payload: alert.payload },
    stateOf(alert.level),
    now,
    user ?? undefined,
  );
  return { card: alertCard({ ...view, note }) };
}
