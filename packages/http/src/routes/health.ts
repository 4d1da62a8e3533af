import { quarantineMetrics } from '@breachless/db';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppDeps } from '../context.js';

/** Liveness, readiness (the database answers) and Prometheus metrics, quarantine counts included. */
export function healthRoutes(deps: AppDeps) {
  return new Hono()
    .get('/healthz', (c) => c.json({ ok: true }))
    .get('/readyz', async (c) => {
      try {
        await deps.db.execute(sql`select 1`);
        return c.json({ ok: true });
      } catch {
        return c.json({ ok: false, error: 'database unreachable' }, 503);
      }
    })
    .get('/metrics', async (c) => {
      // Read at scrape time; without the database the process's own metrics still answer.
      const quarantine = await quarantineMetrics(deps.db).catch(() => '');
      const text = (await deps.registry.metrics()) + quarantine;
      return c.text(text, 200, { 'content-type': deps.registry.contentType });
    });
}
