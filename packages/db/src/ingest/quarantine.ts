import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { type ErrorSummary, errorSummary } from '../storage/index.js';

/** A ticket whose recompute failed, with what failed (never the ticket's data). */
export interface TicketFailure extends ErrorSummary {
  readonly ticket: string;
}

/**
 * Runs `work` on all the tickets in one savepoint; if that fails, on each half in a savepoint
 * of its own, and so on down to single tickets, so one ticket that cannot be evaluated or
 * stored costs only itself. Halving finds one bad ticket among 500 in about 18 attempts
 * where retrying one by one would take 500. The caller holds the tickets' locks and decides
 * what to do with the failures (quarantineTickets, usually).
 * @throws the error itself when it is not the tickets' fault (the connection, a deadlock, a
 *   lock timeout...): the caller's whole transaction is to be retried, nothing set aside
 */
export async function isolateTickets(
  db: Database,
  ticketIds: readonly string[],
  work: (tx: Database, ids: readonly string[]) => Promise<number>,
): Promise<{ done: number; failed: TicketFailure[] }> {
  const failed: TicketFailure[] = [];
  const done = ticketIds.length === 0 ? 0 : await halve(db, ticketIds, work, failed);
  return { done, failed };
}

async function halve(
  db: Database,
  ids: readonly string[],
  work: (tx: Database, ids: readonly string[]) => Promise<number>,
  failed: TicketFailure[],
): Promise<number> {
  try {
    return await db.transaction((tx) => work(tx, ids));
  } catch (error) {
    if (isTransient(error)) throw error;
    const [only] = ids;
    if (ids.length === 1 && only !== undefined) {
      failed.push({ ticket: only, ...errorSummary(error) });
      return 0;
    }
  }
  // Depth is log2 of the batch (at most ~14 for the largest batch a worker takes).
  const half = Math.ceil(ids.length / 2);
  const first = await halve(db, ids.slice(0, half), work, failed);
  return first + (await halve(db, ids.slice(half), work, failed));
}

/**
 * Whether an error is the circumstances' fault rather than the ticket's: a system error
 * (`ECONNRESET`...) or postgres.js's `CONNECTION_CLOSED` and kin, or a SQLSTATE of class 08
 * (connection), 40 (deadlock, serialization), 53 (out of memory or disk), 55 (lock not
 * available), 57 (shutdown) but 57014 (a statement timeout: a ticket too big to recompute is
 * its own fault), 58 (I/O). Anything else (the core's errors, a value out of range) is the
 * ticket's or its config's.
 */
export function isTransient(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^E[A-Z]+$/.test(code) || code.startsWith('CONNECT')) return true;
      if (/^[0-9A-Z]{5}$/.test(code))
        return code !== '57014' && ['08', '40', '53', '55', '57', '58'].includes(code.slice(0, 2));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Sets tickets aside: the worker's claim skips them until they are recomputed successfully
 * again (releaseTickets). A ticket already set aside counts one more attempt. Each gets a
 * new revision: what a process cached of it no longer matches, since events may have been
 * stored that its cycles do not reflect.
 */
export async function quarantineTickets(
  db: Database,
  tenant: string,
  failures: readonly TicketFailure[],
  now: number,
): Promise<void> {
  if (failures.length === 0) return;
  const rows = JSON.stringify(
    failures.map((f) => ({ ticket_id: f.ticket, error: f.message, code: f.code ?? null })),
  );
  const at = new Date(now).toISOString();
  await db.execute(sql`
    insert into quarantined_tickets (tenant_id, ticket_id, error, code, first_failed_at, last_failed_at)
    select ${tenant}, ticket_id, error, code, ${at}::timestamptz, ${at}::timestamptz
    from jsonb_to_recordset(${rows}::jsonb) as x(ticket_id text, error text, code text)
    on conflict (tenant_id, ticket_id) do update set
      error = excluded.error, code = excluded.code, last_failed_at = excluded.last_failed_at,
      attempts = quarantined_tickets.attempts + 1`);
  const ids = JSON.stringify(failures.map((f) => f.ticket));
  // Each row where its own probe of the primary key found it (opaqueTenant says why).
  await db.execute(sql`
    update tickets t set revision = nextval('ticket_revisions')
    from jsonb_array_elements_text(${ids}::jsonb) as k(id)
    cross join lateral (select x.ctid as target from tickets x
      where x.tenant_id = ${tenant} and x.id = k.id offset 0) p
    where t.ctid = p.target`);
}

/** Takes tickets that were just recomputed successfully out of quarantine. */
export async function releaseTickets(
  db: Database,
  tenant: string,
  ticketIds: readonly string[],
): Promise<void> {
  if (ticketIds.length === 0) return;
  await db.execute(sql`
    delete from quarantined_tickets
    where tenant_id = ${tenant}
      and ticket_id = any(array(select jsonb_array_elements_text(${JSON.stringify(ticketIds)}::jsonb)))`);
}
