import type { Problem, TicketEvent } from '@breachless/core';

/** One page read from a helpdesk's REST API, before mapping. */
export interface RawPage<R> {
  readonly kind: 'page';
  readonly records: readonly R[];
  /** The tickets the records touch: their stored events are loaded to map and dedupe. */
  readonly tickets: readonly string[];
  /** Where the next read starts (stored as the connection's cursor). */
  readonly next: string;
  /** Nothing newer to read now. */
  readonly done: boolean;
  /** The instant the new cursor stands at: how far behind the helpdesk we are (lag). */
  readonly cursorAt: number;
}

/** A read the helpdesk refused for its rate limit: try again after `retryAfterMs`. */
export interface Limited {
  readonly kind: 'limited';
  readonly retryAfterMs: number;
  readonly message: string;
}

/** A read that failed (helpdesk down, credentials refused, a page not as documented). */
export interface Failed {
  readonly kind: 'failed';
  readonly message: string;
}

export type ReadResult<R> = RawPage<R> | Limited | Failed;

/** Records mapped to validated events, and the records that could not be. */
export interface Mapped {
  readonly events: TicketEvent[];
  readonly rejected: { readonly record: string; readonly problems: readonly Problem[] }[];
}

/**
 * One helpdesk as sync reads it: pages of changes from a cursor, and their mapping to our
 * events given what is stored of their tickets.
 */
export interface Platform<R> {
  readonly name: 'zendesk' | 'github' | 'jira';
  /**
   * Reads the changes after `cursor` (`null`: from the start), leaving out those after
   * `until` (their webhooks may still be on the way); `done` once nothing is left.
   */
  read(cursor: string | null, until: number): Promise<ReadResult<R>>;
  map(records: readonly R[], stored: readonly TicketEvent[]): Mapped;
}
