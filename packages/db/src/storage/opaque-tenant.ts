import { type SQL, sql } from 'drizzle-orm';

/**
 * The tenant as a value the planner cannot look up in its statistics (an initplan of one
 * row). A tenant they have not seen yet (a new one, or any in a young table) is otherwise
 * estimated at a row or two, and the index that reads the tenant's whole range looks as good
 * as the one that probes a single ticket or event. Seen as a value, a tenant is estimated
 * at its share of the table, so the index matching more of the probe wins; the condition
 * `tenant_id = (select ...)` is still an index condition.
 */
export function opaqueTenant(tenant: string): SQL {
  return sql`(select ${tenant}::text)`;
}
