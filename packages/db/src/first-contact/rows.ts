import {
  type FirstContactFact,
  type FirstContactOptions,
  type FirstContactRow,
  firstContactReport,
} from '@breachless/core';
import { and, eq, gte, lt } from 'drizzle-orm';
import type { CycleFilter } from '../reports/index.js';
import { tickets } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/**
 * First contact resolution over the tenant's stored tickets resolved in `[from, to)`: core's
 * `firstContactReport` over the facts each ticket's last evaluation stored (ingest writes
 * them with the ticket), so the figures are those of the core over the same events. Tickets
 * stored before the facts were (an older version) count once recomputed
 * (`breachless recompute`). `filter` keeps the tickets whose team, priority and assignee
 * (`agent`) at their resolution are those named, as `/sla stats` filters cycles.
 * @throws RangeError for options the core refuses (`metric`, an unknown key or zone)
 */
export async function firstContactRows(
  db: Database,
  tenant: string,
  options: FirstContactOptions,
  filter: CycleFilter = {},
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
  const facts = rows.map((r) => r.fact as FirstContactFact);
  return firstContactReport(
    facts.filter((f) => matches(f, filter)),
    options,
  );
}

/** A fact's fields at the resolution against a filter: an unnamed field keeps every ticket. */
function matches({ fields }: FirstContactFact, filter: CycleFilter): boolean {
  const at = { team: fields.team, priority: fields.priority, agent: fields.assignee };
  return (['team', 'priority', 'agent'] as const).every(
    (k) => filter[k] === undefined || at[k] === filter[k],
  );
}
