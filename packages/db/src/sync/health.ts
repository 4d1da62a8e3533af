import type { syncConnections } from '../schema/index.js';

type Row = Omit<typeof syncConnections.$inferSelect, 'credentials'>;

/** The account of the records a backfill or reconciliation read. */
export interface SyncAccount {
  readonly records: number;
  readonly stored: number;
  readonly seen: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly lastProblem?: string;
}

/**
 * What a user sees of a connection: `ok`; `backfilling` until the first catch-up;
 * `failing` after a failed read (the helpdesk down, credentials refused, rate limited),
 * with the error; `lagging` when the cursor is more than three intervals behind.
 */
export interface ConnectionHealth {
  readonly tenant: string;
  readonly platform: string;
  readonly baseUrl: string;
  readonly state: 'ok' | 'backfilling' | 'failing' | 'lagging';
  readonly lastSuccessAt: string | null;
  readonly lastAttemptAt: string | null;
  /** Seconds between now and the last change read; `null` before the first page. */
  readonly lagSeconds: number | null;
  /** Events reconciliation stored that no webhook delivered: webhooks are leaking. */
  readonly repaired: number;
  readonly backfill: SyncAccount;
  readonly reconcile: SyncAccount;
  readonly failures: number;
  readonly lastError: string | null;
  readonly lastErrorAt: string | null;
  readonly nextRunAt: string;
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** An account read from its stored JSON, zero where nothing was counted yet. */
export function accountOf(value: unknown): SyncAccount {
  const v = (value ?? {}) as Partial<SyncAccount>;
  const n = (x: unknown) => (typeof x === 'number' ? x : 0);
  return {
    records: n(v.records),
    stored: n(v.stored),
    seen: n(v.seen),
    duplicates: n(v.duplicates),
    rejected: n(v.rejected),
    ...(typeof v.lastProblem === 'string' ? { lastProblem: v.lastProblem } : {}),
  };
}

/** A stored connection as its health at `now`. */
export function healthOf(row: Row, now: number): ConnectionHealth {
  const lagSeconds =
    row.cursorAt === null ? null : Math.max(0, Math.round((now - row.cursorAt.getTime()) / 1000));
  const reconcile = accountOf(row.reconciled);
  const state =
    row.failures > 0
      ? 'failing'
      : row.phase === 'backfill'
        ? 'backfilling'
        : lagSeconds !== null && lagSeconds > 3 * row.intervalSeconds + 600
          ? 'lagging'
          : 'ok';
  return {
    tenant: row.tenantId,
    platform: row.platform,
    baseUrl: row.baseUrl,
    state,
    lastSuccessAt: iso(row.lastSuccessAt),
    lastAttemptAt: iso(row.lastAttemptAt),
    lagSeconds,
    repaired: reconcile.stored,
    backfill: accountOf(row.backfilled),
    reconcile,
    failures: row.failures,
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    nextRunAt: row.nextRunAt.toISOString(),
  };
}
