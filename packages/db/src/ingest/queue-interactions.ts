import type { QueueInteraction } from '@breachless/core';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { queueInteractions } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { rowsOf } from '../storage/index.js';

/**
 * Stores interactions, one statement for the batch; an id seen before is replaced (a system
 * may send an interaction when offered and again when answered), so retries are harmless.
 * @returns how many were new
 */
export async function storeInteractions(
  db: Database,
  tenant: string,
  interactions: readonly QueueInteraction[],
): Promise<number> {
  if (interactions.length === 0) return 0;
  const doc = JSON.stringify(
    interactions.map((i) => [
      i.id,
      i.queue,
      i.channel ?? null,
      i.offeredAt,
      i.answeredAt ?? null,
      i.abandonedAt ?? null,
    ]),
  );
  const ms = (n: number) => sql.raw(`to_timestamp((r->>${n})::float8 / 1000)`);
  const stored = rowsOf<{ inserted: boolean }>(
    await db.execute(sql`
      insert into queue_interactions (tenant_id, id, queue, channel, offered_at, answered_at, abandoned_at)
      select ${tenant}, r->>0, r->>1, r->>2, ${ms(3)}, ${ms(4)}, ${ms(5)}
      from jsonb_array_elements(${doc}::jsonb) as x(r)
      on conflict (tenant_id, id) do update set queue = excluded.queue, channel = excluded.channel,
        offered_at = excluded.offered_at, answered_at = excluded.answered_at,
        abandoned_at = excluded.abandoned_at, updated_at = now()
      returning (xmax = 0) as inserted`),
  );
  return stored.filter((r) => r.inserted).length;
}

/** The tenant's interactions offered in `[from, to)`, oldest first. */
export async function interactionsOffered(
  db: Database,
  tenant: string,
  from: number,
  to: number,
): Promise<QueueInteraction[]> {
  const rows = await db
    .select()
    .from(queueInteractions)
    .where(
      and(
        eq(queueInteractions.tenantId, tenant),
        gte(queueInteractions.offeredAt, new Date(from)),
        lt(queueInteractions.offeredAt, new Date(to)),
      ),
    )
    .orderBy(asc(queueInteractions.offeredAt), asc(queueInteractions.id));
  return rows.map((r) => ({
    id: r.id,
    queue: r.queue,
    ...(r.channel !== null ? { channel: r.channel } : {}),
    offeredAt: r.offeredAt.getTime(),
    ...(r.answeredAt ? { answeredAt: r.answeredAt.getTime() } : {}),
    ...(r.abandonedAt ? { abandonedAt: r.abandonedAt.getTime() } : {}),
  }));
}
