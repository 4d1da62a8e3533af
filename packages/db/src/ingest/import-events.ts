import type { Engine, Problem, TicketEvent } from '@breachless/core';
import type { Database } from '../storage/index.js';
import { ingestEvents } from './ingest.js';
import type { IngestPhases } from './phases.js';
import { TicketCache } from './ticket-cache.js';

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
  /** Where the batches' time goes (reading the source overlaps them). */
  readonly phases?: IngestPhases;
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
  const batchSize = options.batchSize ?? 10_000;
  const keep = options.keepRejections ?? 20;
  const rejections: { line: number; problems: readonly Problem[] }[] = [];
  // A ticket whose events span two batches continues from its checkpoint in the second.
  // Small: a source mostly holds a ticket's events together, and memory is to stay flat.
  const cache = new TicketCache({ maxEntries: 2000, maxBytes: 16 * 2 ** 20 });
  let totals = { read: 0, accepted: 0, duplicates: 0, rejected: 0, tickets: 0 };
  let batch: TicketEvent[] = [];
  // The batch PostgreSQL is storing while the next one is read: reading and mapping the
  // file is about as much work as storing it, and they run on different processes.
  let pending: Promise<void> = Promise.resolve();
  // Kept until the next flush: a rejection nobody awaits yet would end the process.
  let failed: { error: unknown } | undefined;
  const flush = async () => {
    await pending;
    if (failed) throw failed.error;
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    // Its own transaction, the events stored by COPY (copyEvents).
    pending = ingestEvents(db, tenant, events, engine, now, {
      copy: true,
      notify: false,
      cache,
      ...(options.phases ? { phases: options.phases } : {}),
    }).then(
      (result) => {
        totals = {
          ...totals,
          accepted: totals.accepted + result.accepted,
          duplicates: totals.duplicates + result.duplicates,
          tickets: totals.tickets + result.tickets,
        };
        options.onProgress?.(totals);
      },
      (error: unknown) => {
        failed = { error };
      },
    );
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
  await flush();
  options.onProgress?.(totals);
  return { ...totals, rejections };
}
