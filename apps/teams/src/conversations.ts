import { forgetConversations, saveConversation } from '@breachless/db';
import { type Activity, TurnContext } from 'botbuilder';
import { channelKey, type TeamsDeps } from './deps.js';

type TeamsData = { team?: { id?: string }; channel?: { id?: string } };

/**
 * Remembers where the bot may post later: the channel (not the thread) or personal chat an
 * activity came from, with the reference a proactive message needs. A personal chat is kept
 * under its user, for direct alerts.
 */
export async function rememberConversation(
  deps: TeamsDeps,
  tenant: string,
  activity: Activity,
): Promise<void> {
  const data = (activity.channelData ?? {}) as TeamsData;
  const kind = activity.conversation.conversationType ?? 'personal';
  const id = channelKey(data.channel?.id ?? activity.conversation.id);
  // Without the activity id: a proactive message must start its own thread, not reply to
  // whatever activity (an install, a command) the reference was taken from.
  const { activityId: _, ...reference } = TurnContext.getConversationReference(activity);
  await saveConversation(deps.db, tenant, 'teams', {
    conversationId: id,
    kind,
    teamId: data.team?.id ?? null,
    userId: kind === 'personal' ? (activity.from.aadObjectId ?? activity.from.id) : null,
    reference: { ...reference, conversation: { ...reference.conversation, id } },
  });
}

/** Forgets a team's channels (the bot was removed or uninstalled), or one chat. */
export async function forgetConversation(
  deps: TeamsDeps,
  tenant: string,
  activity: Activity,
): Promise<number> {
  const team = ((activity.channelData ?? {}) as TeamsData).team?.id;
  return forgetConversations(
    deps.db,
    tenant,
    'teams',
    team ? { teamId: team } : { conversationId: channelKey(activity.conversation.id) },
  );
}

/** Whether a conversation update adds (or removes) the bot itself. */
export function botIn(members: { id: string }[] | undefined, activity: Activity): boolean {
  return (members ?? []).some((m) => m.id === activity.recipient.id);
}
