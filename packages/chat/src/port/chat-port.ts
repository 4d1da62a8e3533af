import type { ChatView } from '../views/types.js';

/** A message the platform holds: where it is and its id there (Slack: channel and `ts`). */
export interface MessageRef {
  readonly conversation: string;
  readonly id: string;
}

/**
 * What a chat platform does for the product. The Slack and Teams apps each implement it over
 * their own SDK and render the platform-neutral views in their own format, so nothing else
 * imports a chat SDK. Failures are `ChatError`s (rate limited, transient, permanent).
 */
export interface ChatPort {
  /** `slack`, `teams`: the prefix of this platform's delivery destinations. */
  readonly platform: string;
  /** Posts a new message to a channel or direct conversation. */
  send(conversation: string, view: ChatView): Promise<MessageRef>;
  /** Replaces a message the bot posted earlier (an alert that was achieved or breached since). */
  update(ref: MessageRef, view: ChatView): Promise<void>;
  /** Answers in the thread of a message (a breach under its warning). */
  replyInThread(ref: MessageRef, view: ChatView): Promise<MessageRef>;
  /** The direct conversation with a user, opened if need be. */
  openDm(user: string): Promise<string>;
}
