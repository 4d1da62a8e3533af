/**
 * What the worker bench measures over: idle open cycles, rounds of 1,000 fresh due tickets,
 * and PostgreSQL's floor for a tick's statements.
 */
import { readFileSync } from 'node:fs';
import { parseEvents } from '@breachless/core';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { ingestEvents } from '../src/ingest/ingest.js';
import { claimDue } from '../src/scan/claim.js';
import type { Database } from '../src/storage/database.js';
import { rowsOf } from '../src/storage/rows.js';
import { saveConfig } from '../src/tenants/config-store.js';
import type { EngineCache } from '../src/tenants/engine-cache.js';

export const T0 = Date.parse('2026-11-23T09:00:00Z');
export const DUE = 1000;
const MIN = 60_000;

/** The q-quantile of samples, nearest rank: with 100 samples the 0.99 one is the 99th. */
export function percentile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Milliseconds of CPU the database's server processes have used so far (Linux
 * `/proc/<pid>/schedstat`, PostgreSQL on this machine), by process id: the difference of two
 * readings is PostgreSQL's own work between them, which unlike wall time does not grow with
 * what else the machine runs.
 */
export async function serverCpu(db: Database): Promise<Map<number, number>> {
  const pids = rowsOf<{ pid: number }>(
    await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`),
  );
  const cpu = new Map<number, number>();
  for (const { pid } of pids) {
    const ms = cpuOf(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** A process's CPU milliseconds so far; null for one that ended since (or runs elsewhere). */
function cpuOf(pid: number): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

/**
 * PostgreSQL's CPU milliseconds for the tick's claim statement alone (claimDue, on the
 * connection's own server process, rolled back): the claim's database time apart from
 * its round trip and from the rest of the tick.
 */
export async function claimCpu(db: Database, now: number, batchSize: number): Promise<number> {
  let ms = Number.NaN;
  try {
    await db.transaction(async (tx) => {
      const [row] = rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`));
      const before = row ? cpuOf(row.pid) : null;
      const { claimed } = await claimDue(tx, now, batchSize);
      const after = row ? cpuOf(row.pid) : null;
      if (claimed.length === 0) throw new Error('the claim found nothing due');
      if (before !== null && after !== null) ms = after - before;
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return ms;
}

/** PostgreSQL's CPU milliseconds between two serverCpu readings (new processes from zero). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, at] of after) ms += at - (before.get(pid) ?? 0);
  return ms;
}

/** The bench tenant's policy: a 1 h first response warned at 75% and 90%, an 8 h resolution. */
export async function saveBenchConfig(db: Database): Promise<void> {
  const policy = {
    id: 'p',
    calendar: '24x7',
    targets: { first_response: { '*': '1h' }, resolution: { '*': '8h' } },
    warnings: ['75%', '90%'],
  };
  await saveConfig(db, 'bench', { policies: [policy] }, 'bench');
}

/**
 * Idle open cycles `idle-(from+1)` to `idle-to`, not due: their next check is spread over
 * the 30 days after the first hour, past every round's tick.
 */
export async function seedIdle(db: Database, from: number, to: number): Promise<void> {
  if (from === 0) await saveBenchConfig(db);
  await db.execute(sql`
    insert into cycles (tenant_id, ticket_id, metric, cycle, status, target_seconds, elapsed_seconds, started_at, next_check_at, evaluated_at)
    select 'bench', 'idle-' || g, 'resolution', 1, 'running', 28800, 0, ${new Date(T0).toISOString()}::timestamptz,
           ${new Date(T0).toISOString()}::timestamptz + interval '1 hour' + (g % 43200) * interval '1 minute', now()
    from generate_series(${from + 1}::int, ${to}::int) g`);
  await db.execute(sql`vacuum analyze cycles`);
}

/**
 * Ingests round `n`'s `count` tickets (`rN-0`...), created a second after round n-1's: their
 * first-response 75% warning (45 min) has come at the instant returned, no other round's
 * level has, and none of theirs was notified before. Returns that instant.
 */
export async function seedRound(
  db: Database,
  engines: EngineCache,
  n: number,
  count = DUE,
): Promise<number> {
  const created = T0 + n * 1000;
  const events = parseEvents(
    Array.from({ length: count }, (_, k) => ({
      id: `r${n}-${k}:created`,
      ticket: `r${n}-${k}`,
      type: 'ticket.created',
      at: new Date(created).toISOString(),
      fields: { status: 'new' },
    })),
  );
  const engine = await engines.engineFor(db, 'bench');
  for (let i = 0; i < count; i += 250)
    await ingestEvents(db, 'bench', events.slice(i, i + 250), engine, created);
  return created + 45 * MIN + 500;
}

/**
 * Milliseconds PostgreSQL takes for a tick's statements with nothing computed between them
 * (rolled back after): claim the due tickets, read their events, bump the tickets, move the
 * due cycles' next check and insert one notification per cycle and its delivery row, each as
 * one statement. With `running`, also what a tick must write beyond that: the due tickets'
 * other open cycles, whose elapsed time moved (the SLA log shows it), one more row each.
 */
export async function floorOfTick(db: Database, now: number, running = false): Promise<number> {
  const at = new Date(now).toISOString();
  const began = performance.now();
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table due on commit drop as
        select distinct tenant_id, ticket_id from (select tenant_id, ticket_id from cycles
          where next_check_at is not null and next_check_at < ${at}::timestamptz
          order by next_check_at limit ${DUE * 4}) c`);
      await tx.execute(sql`select t.id from tickets t join due d on d.tenant_id = t.tenant_id
        and d.ticket_id = t.id for update of t`);
      await tx.execute(sql`select e.body from ticket_events e join due d on d.tenant_id = e.tenant_id
        and d.ticket_id = e.ticket_id order by e.ticket_id, e.at`);
      await tx.execute(sql`update tickets t set revision = nextval('ticket_revisions'),
        evaluated_at = ${at}::timestamptz from due d where d.tenant_id = t.tenant_id and d.ticket_id = t.id`);
      if (running) {
        const moved =
          await tx.execute(sql`update cycles c set elapsed_seconds = c.elapsed_seconds + 900,
          evaluated_at = ${at}::timestamptz from due d where c.tenant_id = d.tenant_id
          and c.ticket_id = d.ticket_id and c.next_check_at >= ${at}::timestamptz`);
        // postgres.js says how many rows a statement touched: one running cycle a due ticket.
        const count = (moved as unknown as { count: number }).count;
        if (count !== DUE) throw new Error(`the floor rewrote ${count} running cycles, not ${DUE}`);
      }
      await tx.execute(sql`with moved as (update cycles c set next_check_at = c.next_check_at + interval '9 minutes',
          evaluated_at = ${at}::timestamptz, fired = c.fired || jsonb_build_array(jsonb_build_object('level', '75%', 'at', ${at}::text))
        from due d where c.tenant_id = d.tenant_id and c.ticket_id = d.ticket_id
          and c.next_check_at < ${at}::timestamptz
        returning c.tenant_id, c.ticket_id, c.metric, c.cycle),
        created as (insert into notifications (tenant_id, ticket_id, metric, cycle, level, at, late, payload)
          select tenant_id, ticket_id, metric, cycle, '75%', ${at}::timestamptz, false, '{}'::jsonb from moved
          returning tenant_id, id)
        insert into deliveries (tenant_id, notification_id, destination, state, last_error)
        select tenant_id, id, 'none', 'unrouted', 'no route' from created`);
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return performance.now() - began;
}
