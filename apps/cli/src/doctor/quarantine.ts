import {
  type Database,
  EngineCache,
  listQuarantined,
  type QuarantinedTicket,
  retryQuarantined,
} from '@breachless/db';
import { openServiceDatabase } from '../database.js';
import type { Io } from '../io.js';
import type { Finding } from './check.js';

/** Tickets named one by one; the rest are counted. */
const LISTED = 20;

/**
 * Quarantined tickets: set aside because their recompute failed, so the worker does not
 * check them and their alerts stop until the data is mended and they are tried again.
 */
export async function checkQuarantine(db: Database): Promise<Finding> {
  const held = await listQuarantined(db, undefined, LISTED + 1);
  if (held.length === 0)
    return { check: 'quarantine', status: 'ok', detail: 'no ticket is quarantined' };
  const lines = held.slice(0, LISTED).map(describe);
  if (held.length > LISTED) lines.push("(more: GET /v1/quarantine lists each tenant's)");
  return {
    check: 'quarantine',
    status: 'warn',
    detail: `tickets whose recompute failed get no alerts:\n${lines.map((l) => `        ${l}`).join('\n')}`,
    fix: 'mend the stored event or config named by the error, then `breachless doctor --retry <tenant>`; a new event for the ticket or a config change retries it too',
  };
}

function describe(q: QuarantinedTicket): string {
  const code = q.code ? ` [${q.code}]` : '';
  return `${q.tenant}/${q.ticket}: ${q.error}${code}; since ${new Date(q.firstFailedAt).toISOString()}, ${q.attempts} attempt${q.attempts === 1 ? '' : 's'}`;
}

/** `breachless doctor --retry <tenant>`: recomputes the tenant's quarantined tickets now. */
export async function retryTenant(io: Io, tenant: string): Promise<string> {
  const handle = await openServiceDatabase(io);
  try {
    const before = (await listQuarantined(handle.db, tenant)).length;
    const { quarantined } = await retryQuarantined(handle.db, tenant, new EngineCache(), io.now());
    return `retried ${before} quarantined tickets of ${tenant}: ${before - quarantined.length} released, ${quarantined.length} still quarantined`;
  } finally {
    await handle.close();
  }
}
