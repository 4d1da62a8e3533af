import type { TicketCheckpoint } from '@breachless/core';

/** What a process knows of one ticket as of one revision. */
export interface CachedTicket {
  /** The ticket's `revision` when this was true. */
  readonly revision: number;
  /** The `seq` of the last stored event the checkpoint covers; `null` when none. */
  readonly lastSeq: number | null;
  /** The ticket evaluated up to its last stored event, to continue with the next ones. */
  readonly checkpoint: TicketCheckpoint;
  /**
   * Whether the recompute that made it offered the outbox every fired level (imports do
   * not): continuing offers only the levels of the cycles it evaluates again.
   */
  readonly notified: boolean;
}

export interface TicketCacheOptions {
  /** The most bytes (as estimated) the entries may hold together: 64 MiB by default. */
  readonly maxBytes?: number;
  /** The most tickets kept: 20,000 by default. */
  readonly maxEntries?: number;
}

/** What an entry costs besides its checkpoint: the key, the map slot, the entry object. */
const ENTRY_BYTES = 200;

/**
 * Tickets this process recomputed lately, so that the next event of a ticket continues
 * from its checkpoint instead of reading back and evaluating its whole history. An entry is
 * used only while the ticket row, read under its lock, still carries the entry's revision
 * (every recompute anywhere sets a new one), or while the ticket's stored events are still
 * the ones the checkpoint was made from (a worker's recompute adds none). Bounded in bytes
 * and in entries; least recently used entries go first, and a ticket too large for the whole
 * bound is not kept at all.
 */
export class TicketCache {
  readonly #entries = new Map<string, { entry: CachedTicket; bytes: number }>();
  readonly #maxBytes: number;
  readonly #maxEntries: number;
  #bytes = 0;
  /** How many tickets were continued from an entry (counted by the recompute). */
  hits = 0;

  constructor(options: TicketCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? 64 * 2 ** 20;
    this.#maxEntries = options.maxEntries ?? 20_000;
  }

  /** The bytes the entries hold together, as estimated. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Takes a ticket's entry out, whatever its revision (the caller checks it). Continuing its
   * checkpoint changes it, so it is not left in the cache meanwhile: if the transaction rolls
   * back, no changed checkpoint stays behind (the recompute caches its new one under a new
   * revision, which the rolled-back ticket row never carries).
   */
  take(tenant: string, ticket: string): CachedTicket | undefined {
    const key = `${tenant}\n${ticket}`;
    const held = this.#entries.get(key);
    if (held === undefined) return undefined;
    this.#remove(key);
    return held.entry;
  }

  /** Records what a recompute wrote. */
  set(tenant: string, ticket: string, entry: CachedTicket): void {
    const key = `${tenant}\n${ticket}`;
    this.#remove(key);
    const bytes = ENTRY_BYTES + 2 * key.length + entry.checkpoint.bytes;
    if (bytes > this.#maxBytes) return;
    this.#entries.set(key, { entry, bytes });
    this.#bytes += bytes;
    // A Map iterates in insertion order: the first key is the least recently used.
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.#maxBytes && this.#entries.size <= this.#maxEntries) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string): void {
    const held = this.#entries.get(key);
    if (held === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= held.bytes;
  }
}
