import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';
import { accountOf, type SyncAccount } from './health.js';

/** A connection claimed for one run: what reading it needs, secrets included. */
export interface ClaimedConnection {
  readonly tenant: string;
  readonly platform: string;
  readonly baseUrl: string;
  readonly credentials: Readonly<Record<string, string>>;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly phase: 'backfill' | 'reconcile';
  readonly cursor: string | null;
  readonly intervalSeconds: number;
  readonly failures: number;
  /** The account so far of the phase being run (a run adds its own to it). */
  readonly account: SyncAccount;
  readonly owner: string;
}

type ClaimRow = {
  tenant_id: string;
  platform: string;
  base_url: string;
  credentials: Record<string, string>;
  settings: Record<string, unknown>;
  phase: 'backfill' | 'reconcile';
  cursor: string | null;
  interval_seconds: number;
  failures: number;
  backfilled: unknown;
  reconciled: unknown;
};

/**
 * Claims the connection due longest ago that nobody holds, until `now + leaseMs`: any
 * number of workers call this at once and each gets another one or none (`FOR UPDATE SKIP
 * LOCKED`). A holder that dies frees it when the lease ends. `only` claims that one
 * connection, due or not (`breachless connect` running its backfill in the foreground).
 */
export async function claimConnection(
  db: Database,
  now: number,
  owner: string,
  leaseMs: number,
  only?: { tenant: string; platform: string },
): Promise<ClaimedConnection | null> {
  const at = new Date(now).toISOString();
  const which =
    only === undefined
      ? sql`next_run_at <= ${at}::timestamptz`
      : sql`tenant_id = ${only.tenant} and platform = ${only.platform}`;
  const rows = rowsOf<ClaimRow>(
    await db.execute(sql`
      update sync_connections
      set lease_until = ${new Date(now + leaseMs).toISOString()}::timestamptz,
          lease_owner = ${owner}, last_attempt_at = ${at}::timestamptz
      where (tenant_id, platform) = (
        select tenant_id, platform from sync_connections
        where ${which} and (lease_until is null or lease_until < ${at}::timestamptz)
        order by next_run_at limit 1
        for update skip locked)
      returning tenant_id, platform, base_url, credentials, settings, phase, cursor,
                interval_seconds, failures, backfilled, reconciled`),
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    tenant: row.tenant_id,
    platform: row.platform,
    baseUrl: row.base_url,
    credentials: row.credentials,
    settings: row.settings,
    phase: row.phase,
    cursor: row.cursor,
    intervalSeconds: row.interval_seconds,
    failures: row.failures,
    account: accountOf(row.phase === 'backfill' ? row.backfilled : row.reconciled),
    owner,
  };
}

/** Thrown when a run's lease was lost (it outlived it and another took over): stop. */
export class LeaseLostError extends Error {}

/**
 * Keeps a page's cursor and the phase's account, and extends the lease: a crash after
 * this resumes from here. Only the lease's holder may write.
 * @throws LeaseLostError when the lease is no longer this run's
 */
export async function saveProgress(
  db: Database,
  c: ClaimedConnection,
  progress: { cursor: string; cursorAt: number; account: SyncAccount },
  now: number,
  leaseMs: number,
): Promise<void> {
  const column = c.phase === 'backfill' ? sql`backfilled` : sql`reconciled`;
  const rows = rowsOf<{ platform: string }>(
    await db.execute(sql`
      update sync_connections
      set cursor = ${progress.cursor}, cursor_at = ${new Date(progress.cursorAt).toISOString()}::timestamptz,
          ${column} = ${JSON.stringify(progress.account)}::jsonb,
          lease_until = ${new Date(now + leaseMs).toISOString()}::timestamptz
      where tenant_id = ${c.tenant} and platform = ${c.platform} and lease_owner = ${c.owner}
      returning platform`),
  );
  if (rows.length === 0) throw new LeaseLostError(`${c.tenant}/${c.platform}: lease lost`);
}

/** How a run ended, for the connection's next run and its health. */
export type RunEnd =
  | { readonly kind: 'caught-up'; readonly nextRunAt: number }
  | { readonly kind: 'more' }
  | { readonly kind: 'limited'; readonly message: string; readonly nextRunAt: number }
  | { readonly kind: 'failed'; readonly message: string; readonly nextRunAt: number };

/**
 * Ends a run and frees the lease: caught up is a success (a backfill becomes
 * reconciliation), `more` is due again at once, `limited` waits out the platform's
 * `Retry-After`, a failure counts (the backoff grows with the count) and says why.
 */
export async function finishRun(
  db: Database,
  c: ClaimedConnection,
  end: RunEnd,
  now: number,
): Promise<void> {
  const at = new Date(now).toISOString();
  const set =
    end.kind === 'caught-up'
      ? sql`phase = 'reconcile', next_run_at = ${new Date(end.nextRunAt).toISOString()}::timestamptz,
            last_success_at = ${at}::timestamptz, failures = 0`
      : end.kind === 'more'
        ? sql`next_run_at = ${at}::timestamptz, last_success_at = ${at}::timestamptz, failures = 0`
        : end.kind === 'limited'
          ? // The platform's limit is how it paces us, not a fault: said, not counted.
            sql`next_run_at = ${new Date(end.nextRunAt).toISOString()}::timestamptz,
                last_error = ${end.message}, last_error_at = ${at}::timestamptz`
          : sql`next_run_at = ${new Date(end.nextRunAt).toISOString()}::timestamptz,
              failures = failures + 1, last_error = ${end.message}, last_error_at = ${at}::timestamptz`;
  await db.execute(sql`
    update sync_connections set ${set}, lease_until = null, lease_owner = null
    where tenant_id = ${c.tenant} and platform = ${c.platform} and lease_owner = ${c.owner}`);
}
