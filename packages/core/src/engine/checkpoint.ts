import type { Metric } from '../config/types.js';
import type { TicketEvent } from '../events/types.js';
import { EVENT_BYTES, textBytes } from './heap-bytes.js';
import { compareEvents } from './order.js';
import { ticketResult } from './result.js';
import type { EngineContext, TicketMachine } from './ticket.js';
import type { TicketResult } from './types.js';

/** A cycle by metric and number, as stored rows are keyed. */
interface CycleId {
  readonly metric: Metric;
  readonly cycle: number;
}

/** A ticket evaluated at `now`, with a checkpoint to continue from when more events come. */
export interface Evaluation {
  readonly result: TicketResult;
  /**
   * `null` when `result` holds every reported cycle. Otherwise the cycles that may have
   * changed since the checkpoint this continued: `result` holds only those (the ones among
   * them missing from it are no longer reported), and every other cycle is as it was.
   */
  readonly changed: readonly CycleId[] | null;
  readonly checkpoint: TicketCheckpoint;
}

/** Applies events sorted by `compareEvents`, one instant at a time. */
export function applySorted(machine: TicketMachine, events: readonly TicketEvent[]): void {
  let i = 0;
  while (i < events.length) {
    const at = (events[i] as TicketEvent).at;
    let j = i + 1;
    while (j < events.length && (events[j] as TicketEvent).at === at) j++;
    machine.applyInstant(at, events, i, j);
    i = j;
  }
}

/**
 * A ticket's machine as it stood after its last applied event (not run on to the instant it
 * was evaluated at: a later event dated before that instant must still see the clocks as they
 * were), with the stored events dated after that instant, still to take effect.
 * It can be continued once: continuing moves the machine on.
 */
export class TicketCheckpoint {
  readonly #machine: TicketMachine;
  readonly #pending: readonly TicketEvent[];
  readonly #pendingBytes: number;
  #used = false;

  constructor(machine: TicketMachine, pending: readonly TicketEvent[]) {
    this.#machine = machine;
    this.#pending = pending;
    let bytes = 0;
    for (const event of pending) bytes += EVENT_BYTES + textBytes(event);
    this.#pendingBytes = bytes;
  }

  /** The instant of the last events applied; `null` when none has taken effect yet. */
  get lastAt(): number | null {
    return this.#machine.lastAt;
  }

  /**
   * How many distinct events it was made from: applied, and still to come. A store that
   * holds as many events of the ticket, plus the fresh ones, holds no event it has not seen.
   */
  get events(): number {
    return this.#machine.applied + this.#pending.length;
  }

  /** Roughly how many bytes of memory keeping this checkpoint holds. */
  get bytes(): number {
    return this.#machine.bytes + this.#pendingBytes;
  }

  /**
   * Evaluates the whole ticket from its stored events in `compareEvents` order, those after
   * `now` included (they wait in the checkpoint); the result is `evaluateSorted`'s.
   */
  static evaluate(machine: TicketMachine, events: readonly TicketEvent[], now: number): Evaluation {
    let due = events.length;
    while (due > 0 && (events[due - 1] as TicketEvent).at > now) due--;
    applySorted(machine, due === events.length ? events : events.slice(0, due));
    const all = machine.cycles.map((_, n) => n);
    return {
      result: ticketResult(machine, now, machine.cyclesAt(now, all)),
      changed: null,
      checkpoint: new TicketCheckpoint(machine, events.slice(due)),
    };
  }

  /**
   * Applies the events stored since, when every one of them (and every pending one that is
   * due) comes strictly after the last applied instant and `now` is not before it; otherwise
   * `undefined`, and the checkpoint is untouched: the caller evaluates the whole ticket.
   * Only the cycles open at the checkpoint, started since or reopened are evaluated again.
   */
  continueWith(
    context: EngineContext,
    fresh: readonly TicketEvent[],
    now: number,
  ): Evaluation | undefined {
    const machine = this.#machine;
    const last = machine.lastAt;
    if (this.#used || machine.context !== context || (last !== null && now < last)) return;
    // The first event delivered with an id wins, as with the unique key in the database.
    const seen = new Set<string>();
    const incoming = [...this.#pending, ...fresh]
      .filter((e) => !seen.has(e.id) && seen.add(e.id))
      .sort(compareEvents);
    const due = incoming.filter((e) => e.at <= now);
    if (last !== null && due.some((e) => e.at <= last)) return;
    this.#used = true;
    machine.watch();
    applySorted(machine, due);
    const changed = machine.changed();
    return {
      result: ticketResult(machine, now, machine.cyclesAt(now, changed)),
      changed: changed.map((n) => {
        const cycle = machine.cycles[n] as { metric: Metric; number: number };
        return { metric: cycle.metric, cycle: cycle.number };
      }),
      checkpoint: new TicketCheckpoint(
        machine,
        incoming.filter((e) => e.at > now),
      ),
    };
  }
}
