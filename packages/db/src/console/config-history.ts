import { desc, eq } from 'drizzle-orm';
import { configs } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** One saved config version as the console lists it: who saved it, and when. */
export interface ConfigVersionView {
  readonly version: number;
  readonly changedBy: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** The tenant's latest config versions, newest first (at most `limit`). */
export async function configHistory(
  db: Database,
  tenant: string,
  limit: number,
): Promise<ConfigVersionView[]> {
  const rows = await db
    .select({
      version: configs.version,
      changedBy: configs.changedBy,
      createdAt: configs.createdAt,
    })
    .from(configs)
    .where(eq(configs.tenantId, tenant))
    .orderBy(desc(configs.version))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.getTime() }));
}
