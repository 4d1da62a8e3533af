import {
  type ChatPort,
  type ChatView,
  type MessageRef,
  PermanentChatError,
  RateLimitedError,
  TransientChatError,
} from '@breachless/chat';
import { findConversation, saveConversation } from '@breachless/db';
import { type ConversationReference, TurnContext } from 'botbuilder';
import { attachment, render } from './cards/render.js';
import type { TeamsDeps } from './deps.js';
import { ConnectorStatusError } from './http-client.js';

/** Teams' failure in the product's words: throttling keeps its Retry-After. */
export function toChatError(error: unknown): Error {
  if (error instanceof ConnectorStatusError)
    return error.status === 429
      ? new RateLimitedError(error.retryAfterMs ?? 1_000, { cause: error })
      : new TransientChatError(`HTTP ${error.status}`, { cause: error });
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number') return new PermanentChatError(`HTTP ${status}`, { cause: error });
  if (error instanceof TypeError)
    return new TransientChatError(`request failed: ${error.message}`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

const message = (view: ChatView) => ({ type: 'message', attachments: [attachment(render(view))] });

/**
 * The chat port over the Bot Connector for one tenant: every message is proactive, sent into
 * a conversation whose reference the bot stored when it was installed there or addressed.
 */
export function teamsPort(deps: TeamsDeps, tenant: string) {
  async function referenceOf(conversationId: string): Promise<Partial<ConversationReference>> {
    const stored = await findConversation(deps.db, tenant, 'teams', { conversationId });
    if (!stored)
      throw new PermanentChatError(`the bot is not installed in conversation ${conversationId}`);
    return stored.reference as Partial<ConversationReference>;
  }
  async function within<T>(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    let result: T | undefined;
    try {
      await deps.adapter.continueConversationAsync(deps.appId, reference, async (context) => {
        result = await logic(context);
      });
    } catch (error) {
      throw toChatError(error);
    }
    return result as T;
  }
  return {
    platform: 'teams',
    async send(conversation, view): Promise<MessageRef> {
      const sent = await within(await referenceOf(conversation), (c) =>
        c.sendActivity(message(view)),
      );
      return { conversation, id: sent?.id ?? '' };
    },
    async update(ref, view): Promise<void> {
      await within(await referenceOf(ref.conversation), (c) =>
        c.updateActivity({ ...message(view), id: ref.id }),
      );
    },
    async replyInThread(ref, view): Promise<MessageRef> {
      const reference = await referenceOf(ref.conversation);
      // A channel thread is the channel's conversation with the root message's id appended.
      const threaded =
        reference.conversation?.conversationType === 'channel'
          ? {
              ...reference,
              conversation: {
                ...reference.conversation,
                id: `${ref.conversation};messageid=${ref.id}`,
              },
            }
          : reference;
      const sent = await within(threaded as Partial<ConversationReference>, (c) =>
        c.sendActivity(message(view)),
      );
      return { conversation: ref.conversation, id: sent?.id ?? '' };
    },
    async openDm(user): Promise<string> {
      const personal = await findConversation(deps.db, tenant, 'teams', { userId: user });
      if (personal) return personal.conversationId;
      const any = await findConversation(deps.db, tenant, 'teams', { any: true });
      const base = any?.reference as Partial<ConversationReference> | undefined;
      if (!base?.serviceUrl)
        throw new PermanentChatError(
          `no conversation with ${user}, and no installation to start one from`,
        );
      let created: Partial<ConversationReference> | undefined;
      try {
        await deps.adapter.createConversationAsync(
          deps.appId,
          'msteams',
          base.serviceUrl,
          '',
          {
            isGroup: false,
            bot: base.bot,
            members: [{ id: user, name: '' }],
            tenantId: base.conversation?.tenantId,
            channelData: { tenant: { id: base.conversation?.tenantId } },
          } as never,
          async (context) => {
            const { activityId: _, ...reference } = TurnContext.getConversationReference(
              context.activity,
            );
            created = reference;
          },
        );
      } catch (error) {
        throw toChatError(error);
      }
      const id = created?.conversation?.id;
      if (!id) throw new PermanentChatError(`Teams opened no conversation with ${user}`);
      await saveConversation(deps.db, tenant, 'teams', {
        conversationId: id,
        kind: 'personal',
        teamId: null,
        userId: user,
        reference: { ...base, ...created },
      });
      return id;
    },
  } satisfies ChatPort;
}
