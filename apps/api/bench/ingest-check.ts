/**
 * What the ingest bench checks and counts besides wall time: the stored cycles against the
 * core's, and the CPU the API process and PostgreSQL's backends spent (from /proc), which
 * holds on a shared machine where wall time does not.
 */
import { readFileSync } from 'node:fs';
import { type Database, EngineCache, eventFromBody, rowsOf } from '@breachless/db';
import { assertSameCycles, storedCycles } from '@breachless/db/testing';
import { sql } from 'drizzle-orm';

/**
 * Fails unless the stored cycles are the core's for the events sent, each ticket evaluated
 * at the instant the API last recomputed it (its row's `evaluated_at`): every cycle of
 * every ticket, with its status, start, stop and due instants.
 */
export async function sameCyclesAsCore(db: Database, queue: readonly string[]): Promise<void> {
  // The core's engine for the stored config; the events as the API reads them (instants
  // truncated to whole seconds).
  const engine = await new EngineCache().engineFor(db, 'bench');
  const second = (at: string) => new Date(Math.floor(Date.parse(at) / 1000) * 1000).toISOString();
  const sent = new Map<string, ReturnType<typeof eventFromBody>[]>();
  for (const body of queue)
    for (const e of JSON.parse(body) as { at: string; ticket: string }[]) {
      const list = sent.get(e.ticket) ?? [];
      list.push(eventFromBody({ ...e, at: second(e.at) }));
      sent.set(e.ticket, list);
    }
  const key = (...parts: unknown[]) => parts.join('|');
  const evaluatedAt = rowsOf<{ id: string; ms: string }>(
    await db.execute(
      sql`select id, (extract(epoch from evaluated_at) * 1000)::bigint as ms from tickets
        where tenant_id = 'bench'`,
    ),
  );
  const expected = evaluatedAt
    .flatMap(({ id, ms }) =>
      engine
        .evaluate(sent.get(id) ?? [], Number(ms))
        .flatMap((t) =>
          t.cycles.map((c) =>
            key(t.ticket, c.metric, c.cycle, c.status, c.startedAt, c.stoppedAt, c.dueAt),
          ),
        ),
    )
    .sort();
  // The warm-up's tickets (another tenant, other ids) are not the round's.
  const stored = (await storedCycles(db))
    .filter((c) => sent.has(c.ticket))
    .map((c) => key(c.ticket, c.metric, c.cycle, c.status, c.startedAt, c.stoppedAt, c.dueAt))
    .sort();
  assertSameCycles('round failed:', expected, stored);
}

/**
 * CPU milliseconds of a process, user and system, from /proc (10 ms ticks); of one of its
 * threads if `thread` is given (the main thread's id is the process's: the rest of a node
 * process's time is V8's compiler and GC threads, and libuv's pool).
 */
export function processCpu(pid: number, thread?: number): number {
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    // The backend ended between the listing and the read: its time is lost to both readings.
    return 0;
  }
}

/** CPU milliseconds of each PostgreSQL backend connected to the database `db` is on. */
export async function backendCpu(db: Database): Promise<Map<number, number>> {
  const pids = rowsOf<{ pid: number }>(
    await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`),
  );
  return new Map(pids.map(({ pid }) => [pid, processCpu(pid)]));
}

/** The backends' CPU milliseconds since `before` (a backend started since counts from 0). */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}
