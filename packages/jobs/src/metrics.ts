import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The worker's Prometheus metrics, in a registry of its own. */
export function workerMetrics() {
  const registry = new Registry();
  return {
    registry,
    tickSeconds: new Histogram({
      name: 'breachless_worker_tick_seconds',
      help: 'Duration of a worker tick',
      registers: [registry],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    }),
    claimed: new Counter({
      name: 'breachless_worker_claimed_total',
      help: 'Tickets claimed and recomputed',
      registers: [registry],
    }),
    created: new Counter({
      name: 'breachless_worker_notifications_created_total',
      help: 'Notifications written to the outbox',
      registers: [registry],
    }),
    lagSeconds: new Gauge({
      name: 'breachless_worker_lag_seconds',
      help: 'How late the oldest claimed check was',
      registers: [registry],
    }),
    failures: new Counter({
      name: 'breachless_worker_tick_failures_total',
      help: 'Ticks that failed (database away, ...)',
      registers: [registry],
    }),
    quarantinedTotal: new Counter({
      name: 'breachless_worker_quarantined_total',
      help: 'Claimed tickets whose recompute failed and that were set aside',
      registers: [registry],
    }),
    reportFailures: new Counter({
      name: 'breachless_worker_report_failures_total',
      help: 'Stored report shapes whose closed periods could not be computed, per attempt',
      labelNames: ['tenant'],
      registers: [registry],
    }),
    ticketCacheBytes: new Gauge({
      name: 'breachless_worker_ticket_cache_bytes',
      help: "Estimated bytes of the worker's ticket cache (shared with the API in one process)",
      registers: [registry],
    }),
    // Every tenant's count as of the last tick, ingest and config saves included.
    quarantined: new Gauge({
      name: 'breachless_quarantined_tickets',
      help: 'Tickets set aside because their recompute failed',
      labelNames: ['tenant'],
      registers: [registry],
    }),
  };
}

export type WorkerMetrics = ReturnType<typeof workerMetrics>;
