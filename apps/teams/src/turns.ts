import { ActivityTypes, type TurnContext } from 'botbuilder';
import { type CardOutcome, readAction, silenceFromCard } from './actions.js';
import { attachment } from './cards/render.js';
import { answerCommand } from './commands.js';
import { botIn, forgetConversation, rememberConversation } from './conversations.js';
import type { TeamsDeps } from './deps.js';
import { tenantOf } from './tenants.js';

const CARD = 'application/vnd.microsoft.card.adaptive';

// A notice is a message Teams shows the user who clicked; the card itself stays as it was.
const invokeBody = (outcome: CardOutcome) =>
  'notice' in outcome
    ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.notice }
    : { statusCode: 200, type: CARD, value: outcome.card };

/**
 * Everything Teams sends the bot: installs and removals (conversation references kept or
 * forgotten), messages (commands, and `Action.Submit` from cards on older clients) and
 * `adaptiveCard/action` invokes (`Action.Execute`), which answer with the updated card.
 */
export async function onTurn(context: TurnContext, deps: TeamsDeps): Promise<void> {
  const activity = context.activity;
  const tenant = await tenantOf(deps, activity);
  switch (activity.type) {
    case ActivityTypes.InstallationUpdate:
      if (activity.action?.startsWith('remove')) await forgetConversation(deps, tenant, activity);
      else await rememberConversation(deps, tenant, activity);
      return;
    case ActivityTypes.ConversationUpdate:
      if (botIn(activity.membersRemoved, activity))
        await forgetConversation(deps, tenant, activity);
      else if (botIn(activity.membersAdded, activity))
        await rememberConversation(deps, tenant, activity);
      return;
    case ActivityTypes.Message: {
      await rememberConversation(deps, tenant, activity);
      const action = readAction(activity.value);
      if (!action) return answerCommand(context, deps, tenant);
      const outcome = await silenceFromCard(context, deps, tenant, action);
      if (outcome && 'notice' in outcome) await context.sendActivity(outcome.notice);
      else if (outcome && activity.replyToId)
        await context.updateActivity({
          type: 'message',
          id: activity.replyToId,
          attachments: [attachment(outcome.card)],
        });
      return;
    }
    case ActivityTypes.Invoke: {
      if (activity.name !== 'adaptiveCard/action') return;
      const action = readAction(
        (activity.value as { action?: { data?: unknown } } | undefined)?.action?.data,
      );
      const outcome = action ? await silenceFromCard(context, deps, tenant, action) : undefined;
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: outcome
          ? { status: 200, body: invokeBody(outcome) }
          : {
              status: 200,
              body: {
                statusCode: 400,
                type: 'application/vnd.microsoft.error',
                value: { code: 'BadRequest', message: 'unknown alert action' },
              },
            },
      });
      return;
    }
  }
}
