import { sleep } from './load.js';

/** A fault the chaos driver injects, at a fraction of the run. */
export interface Fault {
  /** When it starts, as a fraction of the load's duration. */
  readonly at: number;
  readonly name: string;
  /** Injects the fault and resolves once it is over (a restart done, a window closed). */
  readonly inject: () => Promise<void>;
}

/** A fault as it happened, for the report. */
export interface FaultRecord {
  readonly name: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/**
 * Runs the faults at their instants while the load runs, one at a time, and records when
 * each began and ended. The faults are fixed, not random, so two runs can be compared.
 */
export async function runChaos(
  faults: readonly Fault[],
  start: number,
  durationMs: number,
  log: (line: string) => void,
): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  for (const fault of [...faults].sort((a, b) => a.at - b.at)) {
    const at = start + fault.at * durationMs;
    if (at > Date.now()) await sleep(at - Date.now());
    const startedAt = Date.now();
    log(`fault: ${fault.name}`);
    await fault.inject();
    records.push({ name: fault.name, startedAt, endedAt: Date.now() });
    log(`fault over: ${fault.name} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  }
  return records;
}
