/**
 * Where the milliseconds of an ingest go, phase by phase: each mark charges the time since
 * the previous mark to the phase named. Given to ingestEvents (the API reports it as a
 * `Server-Timing` header, the benchmarks add it up); costs two clock reads a phase.
 */
export class IngestPhases {
  readonly ms = new Map<string, number>();
  #last = performance.now();

  /** Charges the time since the last mark (or since creation) to `phase`. */
  mark(phase: string): void {
    const now = performance.now();
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + now - this.#last);
    this.#last = now;
  }

  /** Adds another's phases to these (the batches of an import, each timed on its own). */
  add(other: IngestPhases): void {
    for (const [phase, ms] of other.ms) this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms);
  }

  /** The phases as a `Server-Timing` header value: `lock;dur=0.41, ...`. */
  header(): string {
    return [...this.ms].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ');
  }
}
