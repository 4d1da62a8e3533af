import { asc, count, eq } from 'drizzle-orm';
import type { Database } from './database.js';
import { quarantinedTickets } from './schema/index.js';

/** A quarantined ticket as operators and the tenant see it. */
export interface QuarantinedTicket {
  readonly tenant: string;
  readonly ticket: string;
  /** What failed, without the ticket's data (errorSummary). */
  readonly error: string;
  readonly code: string | null;
  readonly firstFailedAt: Date;
  readonly lastFailedAt: Date;
  readonly attempts: number;
}

/**
 * Quarantined tickets, the earliest failure first: of one tenant (the API's
 * `GET /v1/quarantine`), or of every tenant when `tenant` is undefined (`breachless doctor`).
 */
export async function listQuarantined(
  db: Database,
  tenant: string | undefined,
  limit = 1000,
): Promise<QuarantinedTicket[]> {
  const q = quarantinedTickets;
  const rows = await db
    .select()
    .from(q)
    .where(tenant === undefined ? undefined : eq(q.tenantId, tenant))
    .orderBy(asc(q.firstFailedAt), asc(q.tenantId), asc(q.ticketId))
    .limit(limit);
  return rows.map((r) => ({
    tenant: r.tenantId,
    ticket: r.ticketId,
    error: r.error,
    code: r.code,
    firstFailedAt: r.firstFailedAt,
    lastFailedAt: r.lastFailedAt,
    attempts: r.attempts,
  }));
}

/** How many tickets each tenant has in quarantine (tenants with none are absent): for /metrics. */
export async function quarantineCounts(db: Database): Promise<Map<string, number>> {
  const rows = await db
    .select({ tenant: quarantinedTickets.tenantId, n: count() })
    .from(quarantinedTickets)
    .groupBy(quarantinedTickets.tenantId);
  return new Map(rows.map((r) => [r.tenant, Number(r.n)]));
}
