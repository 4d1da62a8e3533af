import type { Database } from '@breachless/db';
import { type EngineCache, engineOrFailure } from '@breachless/db';
import {
  type ClaimedConnection,
  claimConnection,
  finishRun,
  LeaseLostError,
  type RunEnd,
  saveProgress,
} from '@breachless/db/sync';
import { backoffMs, retryAfterMs } from './backoff.js';
import type { Fetch } from './http-read.js';
import { platformFor } from './platforms.js';
import { type RunOutcome, type RunTotals, runSync } from './run.js';

export interface SyncJobOptions {
  readonly db: Database;
  readonly engines: EngineCache;
  readonly clock: () => number;
  /** Who holds a claim (the worker's host and pid): written on the row while it reads. */
  readonly owner: string;
  /** How long a claim holds without progress; a page renews it. Default two minutes. */
  readonly leaseMs?: number;
  readonly fetch?: Fetch;
  readonly random?: () => number;
  readonly settleMs?: number;
  readonly maxPages?: number;
  /** Called after each page (`connect` prints progress with it). */
  readonly onPage?: (c: ClaimedConnection, totals: RunTotals) => void;
}

/** One connection's run, as the job reports it. */
export interface SyncRun {
  readonly tenant: string;
  readonly platform: string;
  readonly phase: 'backfill' | 'reconcile';
  readonly outcome: RunOutcome['kind'] | 'lease-lost';
  readonly totals: RunTotals | null;
  readonly message?: string;
  /** When a limited or failed connection is tried again. */
  readonly nextRunAt?: number;
}

/**
 * Runs one connection that is due (or `only` that one): claims it, reads its changes from
 * its cursor, stores what is missing and schedules its next run. `null` when none is due.
 * A backfill stores history without notifications; reconciliation notifies, so a breach a
 * lost webhook hid is announced (once: the outbox's keys).
 */
export async function syncOnce(
  options: SyncJobOptions,
  only?: { tenant: string; platform: string },
): Promise<SyncRun | null> {
  const { db, clock } = options;
  const leaseMs = options.leaseMs ?? 120_000;
  const random = options.random ?? Math.random;
  const claimed = await claimConnection(db, clock(), options.owner, leaseMs, only);
  if (claimed === null) return null;
  const base = { tenant: claimed.tenant, platform: claimed.platform, phase: claimed.phase };
  const engine = await engineOrFailure(db, options.engines, claimed.tenant);
  const settings = 'config' in engine ? engine.config.connectors : {};
  const platform = platformFor(claimed, settings, options.fetch, clock);
  if (typeof platform === 'string') {
    const nextRunAt = clock() + backoffMs(claimed.failures, random);
    await finishRun(db, claimed, { kind: 'failed', message: platform, nextRunAt }, clock());
    return { ...base, outcome: 'failed', totals: null, message: platform, nextRunAt };
  }
  let outcome: RunOutcome;
  try {
    outcome = await runSync(
      {
        db,
        tenant: claimed.tenant,
        platform,
        engine,
        clock,
        notify: claimed.phase === 'reconcile',
        ...(options.settleMs !== undefined ? { settleMs: options.settleMs } : {}),
        ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
        progress: async (cursor, cursorAt, totals) => {
          const account = added(claimed, totals);
          await saveProgress(db, claimed, { cursor, cursorAt, account }, clock(), leaseMs);
          options.onPage?.(claimed, totals);
        },
      },
      claimed.cursor,
    );
  } catch (error) {
    if (error instanceof LeaseLostError) return { ...base, outcome: 'lease-lost', totals: null };
    throw error;
  }
  const now = clock();
  let end: RunEnd;
  if (outcome.kind === 'limited') {
    const nextRunAt = now + retryAfterMs(outcome.retryAfterMs, random);
    end = { kind: 'limited', message: outcome.message, nextRunAt };
  } else if (outcome.kind === 'failed') {
    const nextRunAt = now + backoffMs(claimed.failures, random);
    end = { kind: 'failed', message: outcome.message, nextRunAt };
  } else if (outcome.kind === 'caught-up')
    end = { kind: 'caught-up', nextRunAt: now + claimed.intervalSeconds * 1000 };
  else end = { kind: 'more' };
  await finishRun(db, claimed, end, now);
  const said = 'message' in end ? { message: end.message, nextRunAt: end.nextRunAt } : {};
  return { ...base, outcome: outcome.kind, totals: outcome.totals, ...said };
}

/** Runs due connections one after another until none is due or `max` have run. */
export async function syncDue(options: SyncJobOptions, max = 100): Promise<SyncRun[]> {
  const runs: SyncRun[] = [];
  while (runs.length < max) {
    const run = await syncOnce(options);
    if (run === null) break;
    runs.push(run);
  }
  return runs;
}

function added(c: ClaimedConnection, t: RunTotals) {
  const a = c.account;
  const lastProblem = t.lastProblem ?? a.lastProblem;
  return {
    records: a.records + t.records,
    stored: a.stored + t.stored,
    seen: a.seen + t.seen,
    duplicates: a.duplicates + t.duplicates,
    rejected: a.rejected + t.rejected,
    ...(lastProblem !== undefined ? { lastProblem } : {}),
  };
}
