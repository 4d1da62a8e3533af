import type { Engine } from '@breachless/core';
import { type Database, type ErrorSummary, ingestEvents, loadEvents } from '@breachless/db';
import type { Platform } from './platform.js';
import { unseen } from './seen.js';

/** An account of every record a run read. */
export interface RunTotals {
  pages: number;
  /** Records read (Zendesk: ticket events, i.e. audits). */
  records: number;
  /** Events stored now: what no webhook (and no earlier run) had delivered. */
  stored: number;
  /** Events (or an update's fields) a webhook had already delivered: left out. */
  seen: number;
  /** Events stored by an earlier run, read again (same id): left out by the ingest. */
  duplicates: number;
  /** Records that could not be mapped; the last one's reason is `lastProblem`. */
  rejected: number;
  lastProblem?: string;
}

export interface RunOptions<R> {
  readonly db: Database;
  readonly tenant: string;
  readonly platform: Platform<R>;
  /** The tenant's engine (or why it cannot be built: events are stored and quarantined). */
  readonly engine: Engine | ErrorSummary;
  readonly clock: () => number;
  /** Notifications for levels fired: a reconcile announces; a backfill of history does not. */
  readonly notify: boolean;
  /** Changes newer than this are left to their webhooks for now (default two minutes). */
  readonly settleMs?: number;
  /** Pages read in one run at most, so one connection never holds a worker for long. */
  readonly maxPages?: number;
  /** After each page is stored: keep its cursor (resume point) and the totals. */
  readonly progress?: (cursor: string, cursorAt: number, totals: RunTotals) => Promise<void>;
}

export type RunOutcome =
  | {
      kind: 'caught-up' | 'more';
      cursor: string | null;
      cursorAt: number | null;
      totals: RunTotals;
    }
  | {
      kind: 'limited';
      retryAfterMs: number;
      message: string;
      cursor: string | null;
      totals: RunTotals;
    }
  | { kind: 'failed'; message: string; cursor: string | null; totals: RunTotals };

/** Two minutes: a webhook still on its way is left to arrive before its change is read. */
export const DEFAULT_SETTLE_MS = 120_000;

/**
 * Reads a helpdesk's changes from `cursor` page by page and stores what the tenant does
 * not have through the same ingest as the API (cycles, quarantine and notifications alike),
 * keeping the cursor after each page so a crash resumes there. A change its webhook
 * delivered is left out (seen.ts); a page read twice stores nothing twice (event ids).
 */
export async function runSync<R>(
  options: RunOptions<R>,
  cursor: string | null,
): Promise<RunOutcome> {
  const { db, tenant, platform } = options;
  const totals: RunTotals = {
    pages: 0,
    records: 0,
    stored: 0,
    seen: 0,
    duplicates: 0,
    rejected: 0,
  };
  let cursorAt: number | null = null;
  const maxPages = options.maxPages ?? 50;
  while (totals.pages < maxPages) {
    const now = options.clock();
    const read = await platform.read(cursor, now - (options.settleMs ?? DEFAULT_SETTLE_MS));
    if (read.kind !== 'page') return { ...read, cursor, totals };
    totals.pages++;
    totals.records += read.records.length;
    const stored = await loadEvents(db, tenant, read.tickets);
    const mapped = platform.map(read.records, stored);
    for (const r of mapped.rejected) {
      totals.rejected++;
      totals.lastProblem = `${r.record}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
    }
    // Read again (a page's last second, a run after a crash): the ingest's duplicates.
    const ids = new Set(stored.map((e) => e.id));
    const again = mapped.events.filter((e) => ids.has(e.id));
    const firstRead = mapped.events.filter((e) => !ids.has(e.id));
    const fresh = unseen(stored, firstRead);
    totals.seen += firstRead.length - fresh.length;
    totals.duplicates += again.length;
    const result = await ingestEvents(db, tenant, fresh, options.engine, now, {
      notify: options.notify,
    });
    totals.stored += result.accepted;
    totals.duplicates += result.duplicates;
    cursor = read.next;
    cursorAt = read.cursorAt;
    await options.progress?.(cursor, cursorAt, totals);
    if (read.done) return { kind: 'caught-up', cursor, cursorAt, totals };
  }
  return { kind: 'more', cursor, cursorAt, totals };
}
