import type { Status } from '../config/statuses.js';
import type { Instant } from '../time/instant.js';

/** The ticket fields policies and reports read. `null` unsets a field. */
export interface TicketFields {
  status?: Status;
  priority?: string | null;
  team?: string | null;
  channel?: string | null;
  assignee?: string | null;
  requester?: string | null;
  organization?: string | null;
  brand?: string | null;
  subject?: string | null;
  url?: string | null;
  tags?: readonly string[];
  custom?: Readonly<Record<string, unknown>>;
}

interface EventBase {
  /** Unique per tenant: a second event with the same id is ignored. */
  readonly id: string;
  readonly ticket: string;
  readonly tenant?: string | undefined;
  /** When it happened, UTC milliseconds truncated to whole seconds. */
  readonly at: Instant;
}

/** A normalized ticket event (semantics.md section 3, formats.md). */
export type TicketEvent =
  | (EventBase & {
      readonly type: 'ticket.created';
      readonly by: 'customer' | 'agent';
      readonly fields: TicketFields;
    })
  | (EventBase & { readonly type: 'ticket.updated'; readonly fields: TicketFields })
  | (EventBase & {
      readonly type: 'message';
      readonly author: 'customer' | 'agent' | 'system';
      readonly public: boolean;
    })
  | (EventBase & { readonly type: 'ticket.deleted' });

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'message',
  'ticket.deleted',
] as const;
