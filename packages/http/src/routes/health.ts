import { migrationStatus, notMigratedReason, quarantineMetrics } from '@breachless/db';
import { Hono } from 'hono';
import type { AppDeps } from '../context.js';

/** Liveness, readiness (the database answers, migrated to this version) and Prometheus metrics, quarantine counts included. */
export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/healthz', (c) => c.json({ ok: true }))
    .get('/readyz', async (c) => {
      // Ready only on the schema of this version: otherwise every route would answer 500.
      const status = await migrationStatus(deps.db).catch(() => undefined);
      if (!status) return c.json({ ok: false, error: 'database unreachable' }, 503);
      const reason = notMigratedReason(status);
      return reason ? c.json({ ok: false, error: reason }, 503) : c.json({ ok: true });
    })
    .get('/metrics', async (c) => {
      // Read at scrape time; without the database the process's own metrics still answer.
      const quarantine = await quarantineMetrics(deps.db).catch(() => '');
      const text = (await deps.registry.metrics()) + quarantine;
      return c.text(text, 200, { 'content-type': deps.registry.contentType });
    });
}
