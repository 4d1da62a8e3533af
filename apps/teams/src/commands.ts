import { type ChatView, SLA_APOLOGY, slaRequest } from '@breachless/chat';
import { chatQueries, errorSummary } from '@breachless/db';
import { type Activity, TurnContext } from 'botbuilder';
import { attachment, render } from './cards/render.js';
import { channelKey, type TeamsDeps } from './deps.js';

const NOT_A_MANAGER =
  'Only the people on the Breachless managers list can change what this channel is subscribed to. Ask one of them; anyone can read with `sla subscriptions`.';

/** The command in a message: the bot's @mention removed, and a leading `sla` optional. */
export function commandText(activity: Activity): string {
  const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '')
    .replace(/<[^>]+>/g, ' ')
    .trim();
  return text.replace(/^\/?sla\b/i, '').trim();
}

/**
 * Answers `sla ...` typed to the bot (an @mention in a channel, a personal chat) with a card,
 * in the thread it came from. Periods and times are read in the sender's own zone, which
 * Teams sends with every message.
 */
export async function answerCommand(
  context: TurnContext,
  deps: TeamsDeps,
  tenant: string,
): Promise<void> {
  const activity = context.activity;
  const request = slaRequest(commandText(activity), 'sla');
  const user = activity.from.aadObjectId ?? activity.from.id;
  const channel = channelKey(
    (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ??
      activity.conversation.id,
  );
  let view: ChatView;
  try {
    view = await request.answer(
      {
        zone: activity.localTimezone || 'UTC',
        now: deps.clock(),
        canManage: async () =>
          deps.managers.size === 0 || deps.managers.has(user)
            ? { ok: true }
            : { ok: false, why: NOT_A_MANAGER },
      },
      chatQueries(deps.db, deps.engines, { tenant, platform: 'teams', channel, user }),
    );
  } catch (error) {
    deps.logger.error(
      { error: errorSummary(error), tenant, text: activity.text },
      'sla command failed',
    );
    await context.sendActivity(SLA_APOLOGY);
    return;
  }
  await context.sendActivity({ type: 'message', attachments: [attachment(render(view))] });
}
