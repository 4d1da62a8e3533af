import type { Engine, Problem, TicketEvent } from '@breachless/core';
import type { Database } from './database.js';
import { ingestEvents } from './ingest.js';

/** One item of an import source: an event, or a line that could not be mapped and why. */
export type ImportItem =
  | { readonly event: TicketEvent }
  | { readonly line: number; readonly problems: readonly Problem[] };

/** Running totals, reported after every batch. */
export interface ImportProgress {
  /** Items read from the source so far. */
  readonly read: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Tickets whose cycles were recomputed. */
  readonly tickets: number;
}

export interface ImportSummary extends ImportProgress {
  /** The first rejected lines with their reasons (the count is in `rejected`). */
  readonly rejections: readonly { line: number; problems: readonly Problem[] }[];
}

export interface ImportOptions {
  readonly batchSize?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** How many rejected lines to keep with their reasons. */
  readonly keepRejections?: number;
}

/**
 * Streams events into the database in batches, each stored and recomputed in its own
 * transaction, so memory stays flat however large the file. Idempotent: events whose id
 * the tenant has seen are counted as duplicates, so running an import twice changes nothing.
 * Rejected lines are counted and kept with their reasons; they never stop the import. An
 * import is history: it creates no notifications (nobody wants last year's breaches paged).
 */
export async function importEvents(
  db: Database,
  tenant: string,
  source: AsyncIterable<ImportItem> | Iterable<ImportItem>,
  engine: Engine,
  now: number,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 2000;
  const keep = options.keepRejections ?? 20;
  const rejections: { line: number; problems: readonly Problem[] }[] = [];
  let totals = { read: 0, accepted: 0, duplicates: 0, rejected: 0, tickets: 0 };
  let batch: TicketEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await ingestEvents(db, tenant, batch, engine, now, { notify: false });
    totals = {
      ...totals,
      accepted: totals.accepted + result.accepted,
      duplicates: totals.duplicates + result.duplicates,
      tickets: totals.tickets + result.tickets,
    };
    batch = [];
    options.onProgress?.(totals);
  };
  for await (const item of source) {
    totals.read++;
    if ('event' in item) {
      batch.push(item.event);
      if (batch.length >= batchSize) await flush();
    } else {
      totals.rejected++;
      if (rejections.length < keep) rejections.push({ line: item.line, problems: item.problems });
    }
  }
  await flush();
  options.onProgress?.(totals);
  return { ...totals, rejections };
}
