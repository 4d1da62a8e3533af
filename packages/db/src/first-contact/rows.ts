import {
  type FirstContactFact,
  type FirstContactOptions,
  type FirstContactRow,
  firstContactReport,
} from '@breachless/core';
import { and, eq, gte, lt } from 'drizzle-orm';
import { tickets } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/**
 * First contact resolution over the tenant's stored tickets resolved in `[from, to)`: core's
 * `firstContactReport` over the facts each ticket's last evaluation stored (ingest writes
 * them with the ticket), so the figures are those of the core over the same events. Tickets
 * stored before the facts were (an older version) count once recomputed
 * (`breachless recompute`).
 * @throws RangeError for options the core refuses (`metric`, an unknown key or zone)
 */
export async function firstContactRows(
  db: Database,
  tenant: string,
  options: FirstContactOptions,
): Promise<FirstContactRow[]> {
  firstContactReport([], options); // the core's checks first, before any row is read
  const rows = await db
    .select({ fact: tickets.firstContact })
    .from(tickets)
    .where(
      and(
        eq(tickets.tenantId, tenant),
        gte(tickets.resolvedAt, new Date(options.from)),
        lt(tickets.resolvedAt, new Date(options.to)),
      ),
    );
  // The column holds what ingest wrote: core's fact, as JSON.
  return firstContactReport(
    rows.map((r) => r.fact as FirstContactFact),
    options,
  );
}
