import { type Database, schema } from '@breachless/db';

/** Where a demo stands: how far the log is shifted, and the simulated instant reached. */
export interface DemoPosition {
  readonly shiftMs: number;
  readonly simAt: number;
}

/**
 * The position a previous run left in this database, if any. It lives with the events it
 * fed: a fresh database (another data directory, another DATABASE_URL) starts a fresh demo.
 */
export async function loadPosition(
  db: Database,
  tenant: string,
): Promise<DemoPosition | undefined> {
  // One row per tenant on simulated time: a handful at most, no need for a where clause.
  const rows = await db.select().from(schema.simulatedClocks);
  const row = rows.find((r) => r.tenantId === tenant);
  return row ? { shiftMs: row.shiftMs, simAt: row.simAt.getTime() } : undefined;
}

/**
 * Saves the position after a round: a restart resumes from it, and every reader of the
 * database (the CLI beside a running demo) answers at the demo's simulated time.
 */
export async function savePosition(
  db: Database,
  tenant: string,
  position: DemoPosition,
  realNow: number,
): Promise<void> {
  const row = {
    simAt: new Date(position.simAt),
    shiftMs: position.shiftMs,
    updatedAt: new Date(realNow),
  };
  await db
    .insert(schema.simulatedClocks)
    .values({ tenantId: tenant, ...row })
    .onConflictDoUpdate({ target: schema.simulatedClocks.tenantId, set: row });
}

/**
 * Simulated time: `speed` simulated milliseconds pass per real one, from `simAt` at the real
 * instant `realAt`. The demo's only clock; the worker, the API and the deliveries all read it.
 */
export function simulatedClock(simAt: number, speed: number, real: () => number): () => number {
  const realAt = real();
  return () => simAt + Math.round((real() - realAt) * speed);
}
