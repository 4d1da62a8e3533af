import type { Engine, TicketEvent } from '@breachless/core';
import type { Database } from '@breachless/db';
import { DEMO_TENANT } from './demo-config.js';
import { loadPosition, savePosition, simulatedClock } from './position.js';
import { readLog } from './read-log.js';
import { Replay, SAMPLE_LOG } from './replay.js';

/**
 * Where a new demo's clock starts: 10:00 UTC on the log's first day, two hours into the
 * service desk's day (`DEMO_CONFIG`), when its first tickets near their first-response target.
 * From the log's first event (01:16, a night with no urgent or high ticket) the first alert
 * took ten simulated hours; the night's events are fed at once in the first round, as a desk
 * finds its queue in the morning.
 */
function morningOf(at: number): number {
  const day = new Date(at);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10);
}

/**
 * One run of the demo: the sample log read from the moment it is made (as the build parsed
 * it, or parsed on a worker thread; read-log.ts),
 * the replay resumed from the position saved in the database it feeds (or started afresh),
 * and the simulated clock, standing still until `start`.
 */
export class DemoRun {
  readonly #speed: number;
  readonly #real: () => number;
  readonly #events: Promise<TicketEvent[]>;
  #replay: Replay | undefined;
  #shiftMs = 0;
  #now: () => number = () => Number.NaN;

  /**
   * @param speed simulated milliseconds per real one
   * @param real the real clock: where a new demo is placed, and what simulated time follows
   */
  constructor(
    speed: number,
    real: () => number = Date.now,
    read: () => Promise<TicketEvent[]> = () => readLog(SAMPLE_LOG),
  ) {
    this.#speed = speed;
    this.#real = real;
    this.#events = read();
    // Awaited in `begin`; a failure before then must not crash the process unheard.
    this.#events.catch(() => {});
  }

  /** The demo's simulated time; the worker, the API and the deliveries all read it. */
  readonly clock = (): number => this.#now();

  /**
   * Waits for the log, and places the replay where this database's last run left it, or at
   * the log's first event moved by whole weeks to the present.
   * @returns what the console says about it
   */
  async begin(db: Database): Promise<string> {
    const events = await this.#events;
    const saved = await loadPosition(db, DEMO_TENANT);
    this.#shiftMs = saved?.shiftMs ?? Replay.shiftFor(events, this.#real());
    const replay = Replay.from(events, this.#shiftMs, saved?.simAt ?? Number.NEGATIVE_INFINITY);
    this.#replay = replay;
    const simAt = saved?.simAt ?? Math.max(replay.start, morningOf(replay.start));
    this.#now = () => simAt;
    const first = new Date(replay.start - this.#shiftMs).toISOString().slice(0, 10);
    return (
      `${saved ? 'Resuming' : 'Starting'} the demo at ${new Date(simAt).toISOString()} (simulated), ` +
      `${this.#speed}x real time: ${events.length} events of ${first} onwards, shifted by ${this.#shiftMs / 86_400_000} days.`
    );
  }

  /** Sets simulated time going from where `begin` placed it. */
  start(): void {
    this.#now = simulatedClock(this.#now(), this.#speed, this.#real);
  }

  /** Ingests the events simulated time has passed (see `Replay.feed`). */
  feed(db: Database, engine: Engine, now: number): Promise<number> {
    return this.#replay ? this.#replay.feed(db, DEMO_TENANT, engine, now) : Promise.resolve(0);
  }

  /** Saves where the demo stands after a round in which everything up to `now` was fed. */
  save(db: Database, now: number): Promise<void> {
    return savePosition(db, DEMO_TENANT, { shiftMs: this.#shiftMs, simAt: now }, this.#real());
  }
}
