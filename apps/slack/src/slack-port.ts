import {
  type ChatPort,
  type ChatView,
  type MessageRef,
  PermanentChatError,
  RateLimitedError,
  TransientChatError,
} from '@breachless/chat';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebClient,
} from '@slack/web-api';
import { render } from './blocks/render.js';

/** Platform errors worth another try: Slack's side, not our request. */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/**
 * Slack's failure in the product's words: a 429 keeps its Retry-After; 5xx, network errors and
 * Slack's own internal errors are transient; the rest (channel_not_found, not_in_channel,
 * invalid_auth, token_revoked, ...) will fail the same way every time.
 */
export function toChatError(error: unknown): Error {
  if (error instanceof WebAPIRateLimitedError)
    return new RateLimitedError(Math.max(1, error.retryAfter) * 1000, { cause: error });
  if (error instanceof WebAPIHTTPError)
    return error.statusCode >= 500 || error.statusCode === 408
      ? new TransientChatError(`HTTP ${error.statusCode}`, { cause: error })
      : new PermanentChatError(`HTTP ${error.statusCode}`, { cause: error });
  if (error instanceof WebAPIRequestError)
    return new TransientChatError(`request failed: ${error.original.message}`, { cause: error });
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    return TRANSIENT.has(code)
      ? new TransientChatError(code, { cause: error })
      : new PermanentChatError(code, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toChatError(error);
  }
}

/**
 * The chat port over one workspace's Web API client. The client must not retry or wait on
 * its own (`retries: 0`, `rejectRateLimitedCalls`): pacing and retries are the delivery
 * lanes' job, and a client sleeping on a Retry-After would stall a lane without telling it.
 */
export function slackPort(client: WebClient) {
  return {
    platform: 'slack',
    async send(conversation: string, view: ChatView): Promise<MessageRef> {
      // A digest's chart goes first, as an image in the channel the digest then follows.
      if (view.kind === 'digest' && view.chart) {
        const chart = view.chart;
        await call(() =>
          client.filesUploadV2({
            channel_id: conversation,
            file: Buffer.from(chart.png, 'base64'),
            filename: 'sla-compliance.png',
            title: `${view.title} · ${view.period}`,
            alt_text: chart.alt.slice(0, 1000),
          }),
        );
      }
      const res = await call(() =>
        client.chat.postMessage({
          channel: conversation,
          ...render(view),
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      return { conversation: res.channel ?? conversation, id: res.ts ?? '' };
    },
    async update(ref: MessageRef, view: ChatView): Promise<void> {
      await call(() =>
        client.chat.update({ channel: ref.conversation, ts: ref.id, ...render(view) }),
      );
    },
    async replyInThread(ref: MessageRef, view: ChatView): Promise<MessageRef> {
      const res = await call(() =>
        client.chat.postMessage({
          channel: ref.conversation,
          thread_ts: ref.id,
          ...render(view),
          unfurl_links: false,
        }),
      );
      return { conversation: ref.conversation, id: res.ts ?? '' };
    },
    async openDm(user: string): Promise<string> {
      const res = await call(() => client.conversations.open({ users: user }));
      const id = res.channel?.id;
      if (!id) throw new PermanentChatError(`no direct conversation with ${user}`);
      return id;
    },
  } satisfies ChatPort;
}
