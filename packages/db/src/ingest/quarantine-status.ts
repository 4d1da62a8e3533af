import { asc, count, eq } from 'drizzle-orm';
import { quarantinedTickets } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** A quarantined ticket as operators and the tenant see it. */
export interface QuarantinedTicket {
  readonly tenant: string;
  readonly ticket: string;
  /** What failed, without the ticket's data (errorSummary). */
  readonly error: string;
  readonly code: string | null;
  /** Epoch milliseconds. */
  readonly firstFailedAt: number;
  readonly lastFailedAt: number;
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
    firstFailedAt: r.firstFailedAt.getTime(),
    lastFailedAt: r.lastFailedAt.getTime(),
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

/**
 * The quarantine counts as Prometheus text (`breachless_quarantined_tickets{tenant}`), read at
 * scrape time, for a /metrics whose registry does not hold them (the API's).
 */
export async function quarantineMetrics(db: Database): Promise<string> {
  const lines = [
    '# HELP breachless_quarantined_tickets Tickets set aside because their recompute failed',
    '# TYPE breachless_quarantined_tickets gauge',
  ];
  for (const [tenant, n] of await quarantineCounts(db))
    lines.push(`breachless_quarantined_tickets{tenant="${labelValue(tenant)}"} ${n}`);
  return `${lines.join('\n')}\n`;
}

/** A Prometheus label value: backslash, double quote and newline escaped. */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
