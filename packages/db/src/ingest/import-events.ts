import type { Engine, Problem, TicketEvent } from '@breachless/core';
import type { Database } from '../storage/index.js';
import { importFresh } from './import-fresh.js';
import { ingestEvents } from './ingest.js';
import { IngestPhases } from './phases.js';
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
  /**
   * Where the batches' time goes, added up over the batches (reading the source and the
   * next batch overlap them, so the phases add up to more than the import's wall time).
   */
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
  // Two batches in flight, and the next being read: 5,000 kept the sample log's import about as
  // fast as 10,000 at about 230 MiB of peak RSS instead of 260 (2,500: 212 MiB, slower).
  const batchSize = options.batchSize ?? 5_000;
  const keep = options.keepRejections ?? 20;
  const rejections: { line: number; problems: readonly Problem[] }[] = [];
  // A ticket whose events span two batches continues from its checkpoint in the second.
  // Small: a source mostly holds a ticket's events together (a batch ends where a ticket
  // does), and memory is to stay flat. 500 entries against 2,000 took the sample log's peak
  // RSS from 228-247 to 204-209 MiB at the same speed, and its events ordered by instant
  // instead (tickets in many batches) imported as fast.
  const cache = new TicketCache({ maxEntries: 500, maxBytes: 4 * 2 ** 20 });
  let totals = { read: 0, accepted: 0, duplicates: 0, rejected: 0, tickets: 0 };
  let batch: TicketEvent[] = [];
  // Two batches in flight, on two connections: the next one is sent once the previous one's
  // events are stored, so that PostgreSQL stores it while the previous one's cycles are
  // evaluated and written, and this process evaluates while PostgreSQL writes. The order of
  // the file is kept where it matters: a ticket in both waits on the previous one's lock
  // (its events, cycles and cached checkpoint are committed first), and an id in both is
  // stored by the previous one first, the next one's copy skipped as a duplicate.
  let stored: Promise<void> = Promise.resolve();
  let previous: Promise<void> = Promise.resolve();
  let pending: Promise<void> = Promise.resolve();
  // Kept until the next flush: a rejection nobody awaits yet would end the process.
  let failed: { error: unknown } | undefined;
  const flush = async () => {
    await Promise.all([stored, previous]);
    // The batch still in flight ends first: the caller may close the database on the error.
    if (failed) await pending;
    if (failed) throw failed.error;
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    const phases = options.phases && new IngestPhases();
    let signal = () => {};
    stored = new Promise((resolve) => {
      signal = resolve;
    });
    previous = pending;
    // Its own transaction: a batch of new tickets with each row COPYed once (importFresh),
    // any other as an ingest with the events stored by COPY (copyEvents).
    const done = importFresh(db, tenant, events, engine, now, {
      cache,
      onStored: signal,
      ...(phases ? { phases } : {}),
    })
      .then(
        (result) =>
          result ??
          ingestEvents(db, tenant, events, engine, now, {
            copy: true,
            notify: false,
            cache,
            onStored: signal,
            ...(phases ? { phases } : {}),
          }),
      )
      .then(
        (result) => {
          if (phases) options.phases?.add(phases);
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
    // A batch that fails before storing lets the next flush see the failure.
    void done.then(signal);
    pending = Promise.all([previous, done]).then(() => {});
  };
  for await (const item of source) {
    totals.read++;
    if ('event' in item) {
      // A full batch ends where a ticket does (up to twice the size): a ticket in two
      // batches in flight makes the second wait for the first's commit to lock it.
      const last = batch[batch.length - 1];
      const full = batch.length >= batchSize;
      if (full && (last?.ticket !== item.event.ticket || batch.length >= 2 * batchSize))
        await flush();
      batch.push(item.event);
    } else {
      totals.rejected++;
      if (rejections.length < keep) rejections.push({ line: item.line, problems: item.problems });
    }
  }
  await flush();
  await pending;
  if (failed) throw failed.error;
  options.onProgress?.(totals);
  return { ...totals, rejections };
}
