import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { AppEnv } from './context.js';

/** The label of a request no route matched: raw paths never become labels. */
const UNMATCHED = '(unmatched)';

/** The route pattern that answered (`/v1/tickets/:id/sla`): the handler's, not a middleware's. */
export function routeOf(c: Context): string {
  const handler = matchedRoutes(c).findLast((r) => r.method !== 'ALL');
  return handler?.path ?? UNMATCHED;
}

/** A metric registered once per registry, so two apps on one registry share it. */
function once<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

function httpMetrics(registry: Registry) {
  const labelNames = ['method', 'route'] as const;
  return {
    requests: once(
      registry,
      'breachless_http_requests_total',
      () =>
        new Counter({
          name: 'breachless_http_requests_total',
          help: 'HTTP requests answered, by route pattern and status',
          labelNames: [...labelNames, 'status'],
          registers: [registry],
        }),
    ),
    seconds: once(
      registry,
      'breachless_http_request_duration_seconds',
      () =>
        new Histogram({
          name: 'breachless_http_request_duration_seconds',
          help: 'Time to answer an HTTP request, by route pattern',
          labelNames,
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
          registers: [registry],
        }),
    ),
    errors: once(
      registry,
      'breachless_http_server_errors_total',
      () =>
        new Counter({
          name: 'breachless_http_server_errors_total',
          help: 'HTTP requests answered with a 5xx, by route pattern',
          labelNames,
          registers: [registry],
        }),
    ),
  };
}

/**
 * Per request: the count, latency and 5xx count by route pattern in `/metrics`, and one
 * access log line (method, route pattern, status, duration in ms, tenant). The raw path and
 * the query carry ticket ids and filter values, and bodies carry customer text: neither is
 * logged nor a label.
 */
export function observe(registry: Registry, logger: Logger) {
  const metrics = httpMetrics(registry);
  return createMiddleware<AppEnv>(async (c, next) => {
    const began = performance.now();
    c.set('began', began);
    try {
      await next();
    } finally {
      const seconds = (performance.now() - began) / 1000;
      const route = routeOf(c);
      const { method } = c.req;
      const status = c.res.status;
      metrics.requests.inc({ method, route, status: String(status) });
      metrics.seconds.observe({ method, route }, seconds);
      if (status >= 500) metrics.errors.inc({ method, route });
      const tenant: string | undefined = c.get('tenant');
      logger.info(
        { method, route, status, ms: Math.round(seconds * 1000), ...(tenant ? { tenant } : {}) },
        'request',
      );
    }
  });
}
