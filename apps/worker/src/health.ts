import { createServer, type Server, type ServerResponse } from 'node:http';
import { type Database, migrationStatus, notMigratedReason } from '@breachless/db';
import type { WorkerMetrics } from '@breachless/jobs';

/** What the worker's probes read. */
export interface HealthDeps {
  readonly db: Database;
  /** False once a tick failed, until one succeeds. */
  readonly healthy: () => boolean;
  readonly metrics: Pick<WorkerMetrics, 'registry'>;
  /** More text-format lines for `/metrics` (each connected helpdesk's sync health). */
  readonly moreMetrics?: () => Promise<string>;
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The worker's HTTP probes: `/healthz` (its last tick succeeded), `/readyz` (the database
 * answers and has this version's migrations: a worker on an older schema would fail every
 * tick) and `/metrics` (the jobs' and, per connected helpdesk, its sync health).
 */
export function healthServer(deps: HealthDeps): Server {
  return createServer(async (req, res) => {
    if (req.url === '/healthz') json(res, deps.healthy() ? 200 : 503, { ok: deps.healthy() });
    else if (req.url === '/readyz') {
      const status = await migrationStatus(deps.db).catch(() => undefined);
      const reason = status ? notMigratedReason(status) : 'database unreachable';
      json(res, reason ? 503 : 200, reason ? { ok: false, error: reason } : { ok: true });
    } else if (req.url === '/metrics') {
      // A database that does not answer loses the sync lines, not the whole scrape.
      const more = (await deps.moreMetrics?.().catch(() => '')) ?? '';
      res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
      res.end(`${await deps.metrics.registry.metrics()}${more}`);
    } else res.writeHead(404).end();
  });
}
