import { sql } from 'drizzle-orm';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';

/** A claimed ticket, with its tenant's config version and its earliest due check. */
export interface Claimed {
  tenant_id: string;
  id: string;
  due: string | Date;
  version: number;
  /** Due cycles the scan found (at most four a ticket of the batch), and their tickets. */
  scanned: number;
  tickets: number;
}

/**
 * Claims up to `batchSize` tickets with a cycle whose next check instant is before `now`,
 * oldest check first, skipping tickets another transaction holds (`FOR UPDATE SKIP LOCKED`
 * on the ticket row, the lock ingest takes too) and quarantined ones; the locks last until
 * the caller's transaction ends. Each comes with its tenant's config version, so a cached
 * engine costs no round trip. `drained` says whether the claim took every due ticket it found
 * unlocked: a tick now would find nothing but what others hold or what came due since.
 */
export async function claimDue(
  tx: Database,
  now: number,
  batchSize: number,
): Promise<{ claimed: Claimed[]; drained: boolean }> {
  const at = new Date(now).toISOString();
  // The partial index on next_check_at finds the due cycles without touching the others.
  // Strictly before now: a level reached exactly at now fires only once time is past it
  // (semantics.md section 6), so claiming it at now would claim it again and again.
  // Each row also says how many due cycles the scan found and of how many tickets: when
  // the scan was not cut short and the batch could hold them all, nothing is left to claim.
  const claimed = rowsOf<Claimed>(
    await tx.execute(sql`
      with c as (
        select tenant_id, ticket_id, next_check_at from cycles c
        where next_check_at is not null and next_check_at < ${at}::timestamptz
          and not exists (select 1 from quarantined_tickets q
            where q.tenant_id = c.tenant_id and q.ticket_id = c.ticket_id)
        order by next_check_at limit ${batchSize * 4}
      ), d as (
        select tenant_id, ticket_id, min(next_check_at) as due from c group by tenant_id, ticket_id
      )
      select t.tenant_id, t.id, d.due, (select coalesce(max(version), 0) from configs v
          where v.tenant_id = t.tenant_id)::int as version,
        (select count(*) from c)::int as scanned, (select count(*) from d)::int as tickets
      from tickets t join d on d.tenant_id = t.tenant_id and d.ticket_id = t.id
      order by d.due limit ${batchSize}
      for update of t skip locked`),
  );
  const [first] = claimed;
  const drained =
    first === undefined || (first.scanned < batchSize * 4 && first.tickets <= batchSize);
  return { claimed, drained };
}
