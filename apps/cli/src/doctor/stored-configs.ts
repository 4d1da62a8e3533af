import { ConfigError, parseConfig } from '@breachless/core';
import { type Database, rowsOf } from '@breachless/db';
import { sql } from 'drizzle-orm';
import type { Finding } from './check.js';

/** Tenants named one by one; the rest are counted. */
const LISTED = 20;

/**
 * Every tenant's current config still validates under this version. One saved by an earlier
 * version (before a bound this one enforces, say) stops the tenant's alerts until a valid
 * config is saved: its events are stored but their tickets quarantined, and its webhooks are
 * refused (their mapping needs the config).
 */
export async function checkStoredConfigs(db: Database): Promise<Finding> {
  const rows = rowsOf<{ tenant_id: string; version: number; body: unknown }>(
    await db.execute(sql`
      select distinct on (tenant_id) tenant_id, version, body from configs
      order by tenant_id, version desc`),
  );
  const broken: string[] = [];
  for (const row of rows) {
    try {
      parseConfig(row.body);
    } catch (error) {
      const problems =
        error instanceof ConfigError
          ? error.problems.map((p) => `${p.path}: ${p.message}`).join('; ')
          : (error as Error).message;
      broken.push(`${row.tenant_id} (version ${row.version}): ${problems}`);
    }
  }
  if (broken.length === 0)
    return {
      check: 'stored configs',
      status: 'ok',
      detail: `every tenant's current config validates (${rows.length} tenants)`,
    };
  const listed = broken.slice(0, LISTED).map((b) => `        ${b}`);
  if (broken.length > LISTED) listed.push(`        and ${broken.length - LISTED} more`);
  return {
    check: 'stored configs',
    status: 'fail',
    detail: `${broken.length} of ${rows.length} tenants have a config this version refuses:\n${listed.join('\n')}`,
    fix: "PUT a corrected config to each tenant's /v1/config: that also releases its quarantined tickets",
  };
}
