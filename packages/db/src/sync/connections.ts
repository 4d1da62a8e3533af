import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { syncConnections, tenants } from '../schema/index.js';
import { type Database, rowsOf } from '../storage/index.js';
import { type ConnectionHealth, healthOf } from './health.js';

/** The platforms sync reads. */
export const SYNC_PLATFORMS = ['zendesk', 'github', 'jira'] as const;
export type SyncPlatform = (typeof SYNC_PLATFORMS)[number];

export interface NewConnection {
  readonly tenant: string;
  readonly platform: SyncPlatform;
  readonly baseUrl: string;
  /** Secret: stored, sent to the helpdesk, never returned by a listing. */
  readonly credentials: Readonly<Record<string, string>>;
  readonly settings?: Readonly<Record<string, unknown>>;
  /** The backfill's first cursor (Zendesk: Unix seconds of the oldest change to read). */
  readonly cursor: string;
  readonly intervalSeconds?: number;
}

/**
 * Connects a tenant's helpdesk (and creates the tenant, if new), ready for its backfill
 * from `cursor`. Connecting again replaces the address, credentials and settings and
 * starts the backfill over (events already stored are not stored twice).
 */
export async function saveConnection(db: Database, c: NewConnection, now: number): Promise<void> {
  const at = new Date(now);
  await db.insert(tenants).values({ id: c.tenant, name: c.tenant }).onConflictDoNothing();
  const values = {
    baseUrl: c.baseUrl,
    credentials: c.credentials,
    settings: c.settings ?? {},
    phase: 'backfill',
    cursor: c.cursor,
    cursorAt: null,
    intervalSeconds: c.intervalSeconds ?? 300,
    nextRunAt: at,
    failures: 0,
    lastError: null,
    lastErrorAt: null,
    backfilled: {},
    credentialsChangedAt: at,
  };
  await db
    .insert(syncConnections)
    .values({ tenantId: c.tenant, platform: c.platform, ...values })
    .onConflictDoUpdate({
      target: [syncConnections.tenantId, syncConnections.platform],
      set: values,
    });
}

/**
 * Replaces some of a connection's credentials (a rotated API token; the others, like
 * Zendesk's email, stay) without touching its cursor; a connection waiting out a failure
 * is tried again at once.
 * @returns whether the connection exists
 */
export async function rotateCredentials(
  db: Database,
  tenant: string,
  platform: string,
  credentials: Readonly<Record<string, string>>,
  now: number,
): Promise<boolean> {
  const at = new Date(now).toISOString();
  const rows = rowsOf<{ platform: string }>(
    await db.execute(sql`
      update sync_connections
      set credentials = credentials || ${JSON.stringify(credentials)}::jsonb,
          credentials_changed_at = ${at}::timestamptz, next_run_at = ${at}::timestamptz,
          failures = 0
      where tenant_id = ${tenant} and platform = ${platform}
      returning platform`),
  );
  return rows.length > 0;
}

/** Disconnects a helpdesk: sync stops; the events it stored stay. */
export async function removeConnection(
  db: Database,
  tenant: string,
  platform: string,
): Promise<boolean> {
  const rows = await db
    .delete(syncConnections)
    .where(and(eq(syncConnections.tenantId, tenant), eq(syncConnections.platform, platform)))
    .returning({ platform: syncConnections.platform });
  return rows.length > 0;
}

/**
 * Each connection's health at `now`, credentials left out: the one listing routes and
 * `breachless doctor` show. All tenants' when `tenant` is not given.
 */
export async function connectionHealth(
  db: Database,
  now: number,
  tenant?: string,
): Promise<ConnectionHealth[]> {
  const { credentials: _secret, ...visible } = getTableColumns(syncConnections);
  const rows = await db
    .select(visible)
    .from(syncConnections)
    .where(tenant === undefined ? sql`true` : eq(syncConnections.tenantId, tenant))
    .orderBy(asc(syncConnections.tenantId), asc(syncConnections.platform));
  return rows.map((row) => healthOf(row, now));
}
