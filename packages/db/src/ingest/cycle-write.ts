import type { Evaluation } from '@breachless/core';
import { sql } from 'drizzle-orm';
import type { cycles } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { epochMs, executePrepared } from '../storage/index.js';
import type { CycleCells } from './cycle-rows.js';

type CycleRow = typeof cycles.$inferInsert;

/** A cycle row's key, as the cache and the delete of vanished cycles name it. */
export const cycleKey = (r: Pick<CycleRow, 'ticketId' | 'metric' | 'cycle'>) =>
  JSON.stringify([r.ticketId, r.metric, r.cycle]);

/** Everything a cycle row says but when it was evaluated, in one comparable string. */
export function cycleSignature(r: CycleRow): string {
  return JSON.stringify([
    r.status,
    r.policy ?? null,
    r.calendar ?? null,
    r.targetSeconds,
    r.elapsedSeconds,
    epochMs(r.startedAt),
    epochMs(r.stoppedAt),
    epochMs(r.dueAt),
    epochMs(r.breachedAt),
    epochMs(r.outcomeAt),
    r.warningsFired ?? [],
    // As pairs: jsonb hands objects back with their keys reordered.
    (r.fired ?? []).map((f) => [f.level, f.at]),
    epochMs(r.nextCheckAt),
    r.team ?? null,
    r.agent ?? null,
    r.priority ?? null,
    r.channel ?? null,
    r.organization ?? null,
    r.requester ?? null,
    r.contract ?? null,
  ]);
}

/**
 * Which stored cycles the write removes: those of `tickets` not among the rows written
 * (the rows are the tickets' complete new set), or exactly the `gone` keys (the rows are
 * only what changed, known from a cached copy of the stored set).
 */
export type CycleScope =
  | { readonly tickets: readonly string[] }
  | { readonly gone: readonly (readonly [string, string, number])[] };

/** A CycleRow's cells, in the order replaceCycles sends them. */
export function cellsOf(r: CycleRow): CycleCells {
  return [
    r.ticketId,
    r.metric,
    r.cycle,
    r.status,
    r.policy,
    r.calendar,
    r.targetSeconds,
    r.elapsedSeconds,
    epochMs(r.startedAt),
    epochMs(r.stoppedAt),
    epochMs(r.dueAt),
    epochMs(r.breachedAt),
    epochMs(r.outcomeAt),
    r.warningsFired ?? [],
    r.fired ?? [],
    epochMs(r.nextCheckAt),
    r.team,
    r.agent,
    r.priority,
    r.channel,
    epochMs(r.evaluatedAt),
    r.organization ?? null,
    r.requester ?? null,
    r.contract ?? null,
  ];
}

/** replaceCycleCells for rows as objects (cellsOf each). */
export function replaceCycles(
  db: Database,
  tenant: string,
  scope: CycleScope,
  rows: readonly CycleRow[],
): Promise<void> {
  return replaceCycleCells(db, tenant, scope, rows.map(cellsOf));
}

/**
 * Writes cycle rows and removes vanished ones in one statement:
 * rows come as one JSON document (one parameter instead of 25 per row), each an array with
 * instants as epoch milliseconds (JSON.stringify of objects holding Dates cost 6.5 times as
 * much; cycleCells builds them from the core's result). A row equal to the stored one is not
 * written at all, and `evaluated_at` then keeps
 * the instant it last changed: a recompute usually changes one cycle of a ticket, and
 * rewriting the others (with their index entries) was most of PostgreSQL's work per event.
 * Cycles no longer in the set are deleted.
 */
export async function replaceCycleCells(
  db: Database,
  tenant: string,
  scope: CycleScope,
  rows: readonly CycleCells[],
): Promise<void> {
  const removes = 'tickets' in scope ? scope.tickets.length : scope.gone.length;
  if (rows.length === 0 && removes === 0) return;
  const doc = JSON.stringify(rows);
  const at = (i: number) => sql.raw(`to_timestamp((r->>${i})::float8 / 1000)`);
  await executePrepared(
    db,
    sql`
    with fresh as (
      select r->>0 as ticket_id, r->>1 as metric, (r->>2)::int as cycle, r->>3 as status, r->>4 as policy,
        r->>5 as calendar, (r->>6)::int as target_seconds, (r->>7)::int as elapsed_seconds, ${at(8)} as started_at,
        ${at(9)} as stopped_at, ${at(10)} as due_at, ${at(11)} as breached_at, ${at(12)} as outcome_at,
        r->13 as warnings_fired, r->14 as fired, ${at(15)} as next_check_at, r->>16 as team, r->>17 as agent,
        r->>18 as priority, r->>19 as channel, ${at(20)} as evaluated_at,
        r->>21 as organization, r->>22 as requester, r->>23 as contract
      from jsonb_array_elements(${doc}::jsonb) as x(r)
    ),
    gone as (
      -- Each ticket's (or key's) rows found by its own probe of the primary key, whatever
      -- the statistics say: "offset 0" keeps the lateral subquery a nested loop, and an
      -- equality on tenant and ticket is an index condition. A plan made while the table
      -- or the tenant looked tiny otherwise scanned the tenant's whole range (a generic plan
      -- kept for the life of the connection). NOT IN over the CTE is a hashed subplan.
      delete from cycles c where c.ctid = any(array(${
        'tickets' in scope
          ? sql`select k.ctid from jsonb_array_elements_text(${JSON.stringify(scope.tickets)}::jsonb) as t(id)
              cross join lateral (select s.ctid, s.metric, s.cycle from cycles s
                where s.tenant_id = ${tenant} and s.ticket_id = t.id offset 0) k
              where (t.id, k.metric, k.cycle) not in (select ticket_id, metric, cycle from fresh)`
          : sql`select k.ctid from jsonb_array_elements(${JSON.stringify(scope.gone)}::jsonb) as g(gk)
              cross join lateral (select s.ctid from cycles s where s.tenant_id = ${tenant}
                and s.ticket_id = gk->>0 and s.metric = gk->>1 and s.cycle = (gk->>2)::int offset 0) k`
      }))
    )
    insert into cycles as c (tenant_id, ticket_id, metric, cycle, status, policy, calendar, target_seconds, elapsed_seconds,
      started_at, stopped_at, due_at, breached_at, outcome_at, warnings_fired, fired, next_check_at, team, agent, priority, channel, evaluated_at,
      organization, requester, contract)
    select ${tenant}, * from fresh
    on conflict (tenant_id, ticket_id, metric, cycle) do update set
      status = excluded.status, policy = excluded.policy, calendar = excluded.calendar,
      target_seconds = excluded.target_seconds, elapsed_seconds = excluded.elapsed_seconds,
      started_at = excluded.started_at, stopped_at = excluded.stopped_at, due_at = excluded.due_at,
      breached_at = excluded.breached_at, outcome_at = excluded.outcome_at, warnings_fired = excluded.warnings_fired,
      fired = excluded.fired, next_check_at = excluded.next_check_at, team = excluded.team, agent = excluded.agent,
      priority = excluded.priority, channel = excluded.channel, evaluated_at = excluded.evaluated_at,
      organization = excluded.organization, requester = excluded.requester, contract = excluded.contract
    where (c.status, c.policy, c.calendar, c.target_seconds, c.elapsed_seconds, c.started_at, c.stopped_at, c.due_at,
        c.breached_at, c.outcome_at, c.warnings_fired, c.fired, c.next_check_at, c.team, c.agent, c.priority, c.channel,
        c.organization, c.requester, c.contract)
      is distinct from (excluded.status, excluded.policy, excluded.calendar, excluded.target_seconds,
        excluded.elapsed_seconds, excluded.started_at, excluded.stopped_at, excluded.due_at, excluded.breached_at,
        excluded.outcome_at, excluded.warnings_fired, excluded.fired, excluded.next_check_at, excluded.team,
        excluded.agent, excluded.priority, excluded.channel, excluded.organization, excluded.requester,
        excluded.contract)`,
  );
}

/**
 * Writes the tickets' new cycle rows: for a ticket evaluated whole, its complete set (the
 * stored ones not in it are removed); for one continued from a checkpoint, the rows of the
 * cycles it evaluated again, and the removal of those of them no longer reported. Either
 * way PostgreSQL skips rows equal to the stored ones.
 */
export async function writeCycles(
  db: Database,
  tenant: string,
  evaluations: ReadonlyMap<string, Evaluation>,
  rows: readonly CycleCells[],
): Promise<void> {
  const whole = [...evaluations].filter(([, e]) => e.changed === null).map(([id]) => id);
  const complete = new Set(whole);
  const gone: [string, string, number][] = [];
  // Only a continued evaluation can leave a cycle it evaluated again unreported.
  if (complete.size < evaluations.size) {
    const written = new Set(
      rows.map(([ticket, metric, cycle]) => cycleKey({ ticketId: ticket, metric, cycle })),
    );
    for (const [id, { changed }] of evaluations)
      for (const c of changed ?? []) {
        const key: [string, string, number] = [id, c.metric, c.cycle];
        if (!written.has(JSON.stringify(key))) gone.push(key);
      }
  }
  // Sent together (one round trip): they touch different tickets' cycles.
  await Promise.all([
    replaceCycleCells(
      db,
      tenant,
      { tickets: whole },
      rows.filter((r) => complete.has(r[0])),
    ),
    replaceCycleCells(
      db,
      tenant,
      { gone },
      rows.filter((r) => !complete.has(r[0])),
    ),
  ]);
}
