import type { Database } from '@breachless/db';
import { type ConnectionHealth, connectionHealth } from '@breachless/db/sync';
import type { Finding } from './check.js';

/**
 * Connected helpdesks (`breachless connect`): each one's last successful sync, lag, events
 * repaired and last error. A failing connection is a warning (webhooks still arrive; what
 * they miss waits); repaired events are said because they mean webhooks are being lost.
 */
export async function checkSync(db: Database, now: number): Promise<Finding> {
  const all = await connectionHealth(db, now);
  if (all.length === 0)
    return { check: 'sync', status: 'skip', detail: 'no helpdesk connected (breachless connect)' };
  const failing = all.filter((h) => h.state === 'failing' || h.state === 'lagging');
  const lines = all.map((h) => `        ${describeHealth(h)}`).join('\n');
  return failing.length === 0
    ? { check: 'sync', status: 'ok', detail: `${all.length} connected:\n${lines}` }
    : {
        check: 'sync',
        status: 'warn',
        detail: `${failing.length} of ${all.length} not keeping up:\n${lines}`,
        fix: 'see each error: a token refused needs `breachless connect <platform> --tenant ID --rotate`; a helpdesk down or rate limited is retried on its own',
      };
}

/** One connection on one line, as `doctor` and `connect status` print it. */
export function describeHealth(h: ConnectionHealth): string {
  const last = h.lastSuccessAt === null ? 'never synced' : `last sync ${h.lastSuccessAt}`;
  const lag = h.lagSeconds === null ? '' : `, lag ${duration(h.lagSeconds)}`;
  const backfill = `backfill ${h.backfill.records} records read, ${h.backfill.stored} events stored, ${h.backfill.duplicates} already stored, ${h.backfill.rejected} rejected`;
  const error = h.lastError === null ? '' : `; last error ${h.lastErrorAt}: ${h.lastError}`;
  const problem = h.backfill.lastProblem ?? h.reconcile.lastProblem;
  const rejected = problem === undefined ? '' : `; last rejected: ${problem}`;
  return `${h.tenant}/${h.platform} ${h.state}: ${last}${lag}, ${h.repaired} events repaired (webhooks missed them); ${backfill}${error}${rejected}`;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}
