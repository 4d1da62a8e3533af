import { fileURLToPath } from 'node:url';
import { readEvents } from '@breachless/connectors';
import type { Engine, TicketEvent } from '@breachless/core';
import { type Database, ingestEvents } from '@breachless/db';

const WEEK_MS = 7 * 86_400_000;
const BATCH = 500;

/** The sample log shipped in the repo (data/README.md has its credit). */
export const SAMPLE_LOG = fileURLToPath(
  new URL('../../../../data/incident_event_log.csv.gz', import.meta.url),
);

/**
 * The sample log's events in time order, moved by whole weeks so that weekdays and business
 * hours stay what they were, and fed to the database as simulated time passes them.
 */
export class Replay {
  readonly #events: readonly TicketEvent[];
  #next = 0;

  private constructor(events: readonly TicketEvent[]) {
    this.#events = events;
  }

  /** Reads the whole log (about 100k events; a few seconds), sorted by instant. */
  static read(path: string = SAMPLE_LOG): Promise<TicketEvent[]> {
    return readEvents(path, 'servicenow-csv');
  }

  /** The shift that brings the log's first event to the first week boundary at or after `now`. */
  static shiftFor(events: readonly TicketEvent[], now: number): number {
    const first = events[0]?.at ?? now;
    return Math.max(0, Math.ceil((now - first) / WEEK_MS)) * WEEK_MS;
  }

  /** The events shifted by `shiftMs`, starting after `simAt` (what an earlier run fed already). */
  static from(events: readonly TicketEvent[], shiftMs: number, simAt: number): Replay {
    const shifted = events.map((e) => ({ ...e, at: e.at + shiftMs }));
    const replay = new Replay(shifted);
    replay.#next = shifted.findIndex((e) => e.at > simAt);
    if (replay.#next < 0) replay.#next = shifted.length;
    return replay;
  }

  /** The first event's instant, where a new demo's clock starts. */
  get start(): number {
    return this.#events[0]?.at ?? 0;
  }

  /** Whether every event has been fed. */
  get done(): boolean {
    return this.#next >= this.#events.length;
  }

  /**
   * Ingests the events whose instant `now` has passed, as a helpdesk would have sent them.
   * @returns how many were fed
   */
  async feed(db: Database, tenant: string, engine: Engine, now: number): Promise<number> {
    let fed = 0;
    while (!this.done && (this.#events[this.#next]?.at ?? Infinity) <= now) {
      let end = this.#next;
      while (
        end < this.#events.length &&
        end - this.#next < BATCH &&
        (this.#events[end]?.at ?? Infinity) <= now
      )
        end += 1;
      await ingestEvents(db, tenant, this.#events.slice(this.#next, end), engine, now);
      fed += end - this.#next;
      this.#next = end;
    }
    return fed;
  }
}
