import { type Config, parseConfig } from '@breachless/core';
import { and, desc, eq } from 'drizzle-orm';
import { configs } from '../schema/index.js';
import type { Database } from '../storage/index.js';

/** A tenant's configuration as stored: the body as the user wrote it, validated. */
export interface StoredConfig {
  readonly version: number;
  readonly body: unknown;
  readonly config: Config;
  readonly changedBy: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** The tenant's current configuration, or `undefined` before the first one is saved. */
export async function currentConfig(
  db: Database,
  tenant: string,
): Promise<StoredConfig | undefined> {
  const [row] = await db
    .select()
    .from(configs)
    .where(eq(configs.tenantId, tenant))
    .orderBy(desc(configs.version))
    .limit(1);
  if (!row) return undefined;
  return {
    version: row.version,
    body: row.body,
    config: parseConfig(row.body),
    changedBy: row.changedBy,
    createdAt: row.createdAt.getTime(),
  };
}

/**
 * Validates and stores a new version of the tenant's configuration.
 * @throws ConfigError (and stores nothing) when the body is invalid: the old one stays
 */
export async function saveConfig(
  db: Database,
  tenant: string,
  body: unknown,
  changedBy: string,
): Promise<StoredConfig> {
  return insertConfig(db, tenant, body, parseConfig(body), changedBy);
}

/**
 * Stores an already validated configuration as the tenant's next version, holding the lock
 * on the latest version until the caller's transaction ends, so concurrent saves line up.
 */
export async function insertConfig(
  db: Database,
  tenant: string,
  body: unknown,
  config: Config,
  changedBy: string,
): Promise<StoredConfig> {
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ version: configs.version })
      .from(configs)
      .where(eq(configs.tenantId, tenant))
      .orderBy(desc(configs.version))
      .limit(1)
      .for('update');
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(configs)
      .values({ tenantId: tenant, version, body, changedBy })
      .returning();
    if (!row) throw new Error('config insert returned nothing');
    return { version, body, config, changedBy, createdAt: row.createdAt.getTime() };
  });
}

/** One version of the tenant's configuration, for "who changed what". */
export async function configVersion(db: Database, tenant: string, version: number) {
  const [row] = await db
    .select()
    .from(configs)
    .where(and(eq(configs.tenantId, tenant), eq(configs.version, version)));
  return row;
}

/** The number of the tenant's current config version, 0 before the first: one index probe. */
export async function currentConfigVersion(db: Database, tenant: string): Promise<number> {
  const [row] = await db
    .select({ version: configs.version })
    .from(configs)
    .where(eq(configs.tenantId, tenant))
    .orderBy(desc(configs.version))
    .limit(1);
  return row?.version ?? 0;
}
