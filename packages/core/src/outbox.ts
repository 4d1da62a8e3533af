/**
 * What a notification carries and where it goes: the shapes the outbox stores (db), the worker
 * queues (jobs) and the chat apps deliver (chat). Declared once here, the one package below
 * all of them, so none re-declares them or reads them through casts.
 */

/** An alert is one level of one cycle; a digest is one channel's summary of a period. */
export type NotificationKind = 'alert' | 'digest';

/**
 * What an alert keeps of its cycle for the message it becomes, as db writes it from the
 * engine's `CycleResult`: instants as ISO strings, because the payload is stored as JSON.
 * Every field may be missing from a message built by hand (a test, a sample alert).
 */
export interface AlertPayload {
  readonly subject?: string | null;
  readonly url?: string | null;
  readonly priority?: string | null;
  readonly team?: string | null;
  readonly assignee?: string | null;
  readonly policy?: string | null;
  readonly targetSeconds?: number | null;
  readonly dueAt?: string | null;
  readonly breachedAt?: string | null;
  /** Set when the level was noticed after its cycle stopped: routing holds back its warnings. */
  readonly stoppedAt?: string | null;
}

/** Where a delivery goes: a channel, or a user (an alert's assignee) by direct message. */
export interface Destination {
  /** The chat platform: `slack`, `teams`, `console`. */
  readonly platform: string;
  readonly kind: 'channel' | 'user';
  /** The platform's id of the channel or user; a Teams id holds colons of its own. */
  readonly id: string;
}

/** The destination of a notification routed nowhere (suppressed or unrouted). */
export const NO_DESTINATION = 'none';

/** `slack:channel:C123`: how a destination is stored and compared. */
export function formatDestination(d: Destination): string {
  return `${d.platform}:${d.kind}:${d.id}`;
}

/**
 * The destination a stored text names: platform and kind up to the first two colons, the id
 * all the rest (`teams:channel:19:abc@thread.tacv2`).
 * @throws RangeError for a text that is not `platform:channel|user:id` (such as `none`)
 */
export function parseDestination(text: string): Destination {
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  const platform = text.slice(0, first);
  const kind = text.slice(first + 1, second);
  const id = text.slice(second + 1);
  if (first <= 0 || second < 0 || id === '' || (kind !== 'channel' && kind !== 'user'))
    throw new RangeError(
      `"${text}" is not a destination (platform:channel:id or platform:user:id)`,
    );
  return { platform, kind, id };
}
