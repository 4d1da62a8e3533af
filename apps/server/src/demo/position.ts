import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a demo stands: how far the log is shifted, and the simulated instant reached. */
export interface DemoPosition {
  readonly shiftMs: number;
  readonly simAt: number;
}

const FILE = 'demo-position.json';

/** The position a previous run left in the data directory, if any. */
export function loadPosition(dataDir: string): DemoPosition | undefined {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<DemoPosition>;
    return Number.isFinite(value.shiftMs) && Number.isFinite(value.simAt)
      ? { shiftMs: value.shiftMs as number, simAt: value.simAt as number }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the position so that the next start resumes from it, not from the log's start. */
export function savePosition(dataDir: string, position: DemoPosition): void {
  writeFileSync(join(dataDir, FILE), `${JSON.stringify(position)}\n`);
}

/**
 * Simulated time: `speed` simulated milliseconds pass per real one, from `simAt` at the real
 * instant `realAt`. The demo's only clock; the worker, the API and the deliveries all read it.
 */
export function simulatedClock(simAt: number, speed: number, real: () => number): () => number {
  const realAt = real();
  return () => simAt + Math.round((real() - realAt) * speed);
}
