import type { TicketEvent } from '@breachless/core';

/** What a process knows of one ticket as of one revision. */
export interface CachedTicket {
  /** The ticket's `revision` when this was true. */
  readonly revision: number;
  /** Every stored event of the ticket, in order of arrival (as `loadEvents` returns them). */
  readonly events: readonly TicketEvent[];
  /** Each stored cycle row's signature, by `ticket\nmetric\ncycle`. */
  readonly cycles: ReadonlyMap<string, string>;
}

/**
 * Tickets this process recomputed lately, so that the next recompute of a ticket need not
 * read back all its events and can send PostgreSQL only the cycle rows that changed. An
 * entry is used only while the ticket row, read under its lock, still carries the entry's
 * revision: any writer anywhere (another replica, a worker) sets a new one, so a stale
 * entry is never trusted. Least recently used entries go first.
 */
export class TicketCache {
  readonly #entries = new Map<string, CachedTicket>();
  readonly #capacity: number;
  /** How many lookups found a ticket at its current revision. */
  hits = 0;

  constructor(capacity = 20_000) {
    this.#capacity = capacity;
  }

  /** The entry for a ticket if it is of `revision`, else nothing. */
  get(tenant: string, ticket: string, revision: number): CachedTicket | undefined {
    const key = `${tenant}\n${ticket}`;
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.revision !== revision) return undefined;
    this.hits++;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /** Records what a recompute wrote. */
  set(tenant: string, ticket: string, entry: CachedTicket): void {
    const key = `${tenant}\n${ticket}`;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
