import type { Cycle } from './cycle.js';

/**
 * A ticket's cycles in the order they started, with the open ones kept apart: only open
 * cycles move with time and events, so an event costs the open cycles (a few), not the
 * ticket's whole history. Closed cycles change only when the last resolution cycle is
 * reopened or the ticket is deleted.
 */
export class CycleList {
  readonly all: Cycle[] = [];
  /** Positions in `all` of the open cycles, in start order (a restart appends in it). */
  #open: number[] = [];
  /** Position of the last resolution cycle, the one a reopened ticket continues. */
  #lastResolution = -1;
  /** Positions of the cycles changed since `watch()`, while watching. */
  #changed: Set<number> | null = null;

  /** The open cycles in start order (a copy: starting or stopping one does not disturb it). */
  open(): Cycle[] {
    return this.#open.map((n) => this.all[n] as Cycle);
  }

  add(cycle: Cycle): void {
    const n = this.all.push(cycle) - 1;
    this.#open.push(n);
    this.#changed?.add(n);
    if (cycle.metric === 'resolution') this.#lastResolution = n;
  }

  /** Forgets the cycles that stopped since the last call. */
  prune(): void {
    this.#open = this.#open.filter((n) => (this.all[n] as Cycle).isOpen);
  }

  get lastResolution(): Cycle | undefined {
    return this.all[this.#lastResolution];
  }

  /** Counts the last resolution cycle, just resumed, among the open ones again. */
  reopened(): void {
    const last = this.#lastResolution;
    this.#changed?.add(last);
    this.#open = [
      ...this.#open.filter((n) => n < last),
      last,
      ...this.#open.filter((n) => n > last),
    ];
  }

  /** Marks every cycle changed (a deletion cancels the closed ones too). */
  changedAll(): void {
    for (let n = 0; n < this.all.length; n++) this.#changed?.add(n);
  }

  /** Starts recording which cycles change: the open ones, and those started or reopened. */
  watch(): void {
    this.#changed = new Set(this.#open);
  }

  /** Positions of the cycles changed since `watch()`, in start order. */
  changed(): number[] {
    return [...(this.#changed ?? [])].sort((a, b) => a - b);
  }
}
