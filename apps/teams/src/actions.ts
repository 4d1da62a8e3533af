import {
  alertView,
  formatLocal,
  SNOOZE_CHOICES,
  type SnoozeChoice,
  snoozeUntil,
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

/**
 * Acknowledges or snoozes a cycle from its alert card and returns the card updated to say
 * who did it (buttons gone once the cycle has stopped); undefined when the alert is unknown.
 */
export async function silenceFromCard(
  context: TurnContext,
  deps: TeamsDeps,
  tenant: string,
  action: CycleAction,
): Promise<Card | undefined> {
  const key = { ticket: action.ticket, metric: action.metric, cycle: action.cycle };
  const alert = await cycleAlert(deps.db, tenant, key);
  if (!alert) return undefined;
  const now = deps.clock();
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
    until: until === null ? null : new Date(until),
  });
  const note =
    until === null
      ? `Acknowledged by ${from.name ?? from.id}: no more warnings for this cycle (a breach still alerts).`
      : `Snoozed by ${from.name ?? from.id} until ${formatLocal(until, context.activity.localTimezone || 'UTC')}.`;
  const user = alert.payload.assignee
    ? await userOfAgent(deps.db, tenant, 'teams', alert.payload.assignee)
    : null;
  return alertCard({
    ...alertView(
      { ...key, late: alert.late, payload: alert.payload },
      stateOf(alert.level),
      now,
      user ?? undefined,
    ),
    note,
  });
}
