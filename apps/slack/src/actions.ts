import {
  alertView,
  formatLocal,
  SNOOZE_CHOICES,
  type SnoozeChoice,
  snoozeUntil,
  staleAlertNotice,
  stateOf,
} from '@breachless/chat';
import { cycleAlert, errorSummary, recordAck } from '@breachless/db';
import type { App, BlockAction, RespondFn } from '@slack/bolt';
import { ACTIONS, readCycleBlockId } from './blocks/alert.js';
import { type SlackDeps, workspaceOf } from './deps.js';
import { slackPort } from './slack-port.js';

/**
 * The alert's buttons. Acknowledge silences the cycle's further warnings; Snooze silences them
 * until a chosen instant; both update the alert in place to say who did it. A breach still
 * alerts whatever was clicked. Open ticket is a link: Slack reports the click, we only ack it.
 */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action(ACTIONS.open, async ({ ack }) => {
    await ack();
  });
  app.action<BlockAction>(ACTIONS.ack, async ({ ack, body, client, context, respond }) => {
    await ack();
    await silence(deps, { body, client, respond, tenant: context.tenant as string }, 'ack');
  });
  app.action<BlockAction>(
    ACTIONS.snooze,
    async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const choice = action.type === 'static_select' ? action.selected_option?.value : undefined;
      if (!SNOOZE_CHOICES.includes(choice as SnoozeChoice)) return;
      const click = { body, client, respond, tenant: context.tenant as string };
      await silence(deps, click, 'snooze', choice as SnoozeChoice);
    },
  );
}

/** One click on an alert: who, where, and how to answer the one who clicked. */
interface Click {
  readonly body: BlockAction;
  readonly client: Parameters<typeof slackPort>[0];
  readonly respond: RespondFn;
  readonly tenant: string;
}

async function silence(
  deps: SlackDeps,
  { body, client, respond, tenant }: Click,
  kind: 'ack' | 'snooze',
  choice?: SnoozeChoice,
): Promise<void> {
  const key = readCycleBlockId(body.actions[0]?.block_id);
  const channel = body.channel?.id ?? body.container?.channel_id;
  const ts = body.message?.ts ?? body.container?.message_ts;
  if (!key || !channel || !ts) return;
  try {
    const alert = await cycleAlert(deps.db, tenant, key);
    if (!alert) return;
    const now = deps.clock();
    const { zone } = await deps.readers.of(
      client,
      workspaceOf(body.team ? { teamId: body.team.id } : {}),
      body.user.id,
    );
    // Only the one who clicked sees why nothing happened; the alert stays as it was.
    const stale = staleAlertNotice(alert.payload, now, zone);
    if (stale)
      return void (await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: stale,
      }));
    const calendar = alert.calendar
      ? (await deps.engines.engineFor(deps.db, tenant)).calendars.get(alert.calendar)
      : undefined;
    const until = kind === 'snooze' && choice ? snoozeUntil(choice, now, calendar) : null;
    await recordAck(deps.db, tenant, {
      ...key,
      user: body.user.id,
      kind,
      until,
    });
    const name = body.user.name ?? body.user.id;
    const note =
      until === null
        ? `Acknowledged by ${name}: no more warnings for this cycle (a breach still alerts).`
        : `Snoozed by ${name} until ${formatLocal(until, zone)}.`;
    const user = await deps.mentions.userFor(tenant, alert.payload.assignee, client);
    const view = {
      ...alertView(
        { ...key, late: alert.late, payload: alert.payload },
        stateOf(alert.level),
        now,
        user,
      ),
      note,
    };
    await slackPort(client).update({ conversation: channel, id: ts }, view);
  } catch (error) {
    deps.logger.error({ error: errorSummary(error), tenant, key }, 'alert action failed');
  }
}
