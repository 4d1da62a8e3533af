import { ConfigError, EventsError } from '@breachless/core';
import { errorSummary } from '@breachless/db';
import { Hono } from 'hono';
import { requireToken } from './auth.js';
import type { AppDeps, AppEnv } from './context.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, deadline, RequestStopped } from './deadline.js';
import { HttpError, problemList } from './errors.js';
import { observe, routeOf } from './observe.js';
import { atRiskRoutes } from './routes/at-risk.js';
import { configRoutes } from './routes/config.js';
import { connectionRoutes } from './routes/connections.js';
import { eventRoutes, ingestGroup } from './routes/events.js';
import { firstContactRoutes } from './routes/first-contact.js';
import { healthRoutes } from './routes/health.js';
import { interactionRoutes } from './routes/interactions.js';
import { quarantineRoutes } from './routes/quarantine.js';
import { queueReportRoutes } from './routes/queue-reports.js';
import { reportRoutes } from './routes/reports.js';
import { slaLogRoutes } from './routes/sla-log.js';
import { statementRoutes } from './routes/statements.js';
import { ticketRoutes } from './routes/tickets.js';
import { webhookRoutes } from './routes/webhooks.js';

/**
 * The HTTP API as a Hono app: pure wiring over injected dependencies, so tests call
 * `app.request()` against real databases. Errors answer JSON, never a stack trace.
 */
export function createApp(deps: AppDeps) {
  const ingest = ingestGroup(deps);
  const v1 = new Hono<AppEnv>()
    .use(requireToken(deps))
    .route('/events', eventRoutes(deps, ingest))
    .route('/', ticketRoutes(deps))
    .route('/at-risk', atRiskRoutes(deps))
    .route('/interactions', interactionRoutes(deps))
    .route('/reports/queues', queueReportRoutes(deps))
    .route('/reports/first-contact', firstContactRoutes(deps))
    .route('/reports', reportRoutes(deps))
    .route('/sla-log', slaLogRoutes(deps))
    .route('/statements', statementRoutes(deps))
    .route('/config', configRoutes(deps))
    .route('/quarantine', quarantineRoutes(deps))
    .route('/connections', connectionRoutes(deps));
  // Webhooks come before `/v1`: their credential is the helpdesk's signature, not a token.
  // Every route, health included, has the deadline: a request stuck on the database answers
  // 503 rather than hold its client.
  const app = new Hono<AppEnv>()
    .use(observe(deps.registry, deps.logger))
    .use(deadline(deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS))
    .route('/', healthRoutes(deps))
    .route('/v1/webhooks', webhookRoutes(deps, ingest))
    .route('/v1', v1);
  app.onError((error, c) => {
    if (error instanceof EventsError || error instanceof ConfigError) {
      return c.json(
        {
          error: error.code === 'events_invalid' ? 'invalid events' : 'invalid config',
          problems: problemList(error.problems),
        },
        400,
      );
    }
    if (error instanceof HttpError)
      return c.json(
        {
          error: error.message,
          ...(error.problems ? { problems: problemList(error.problems) } : {}),
        },
        error.status,
      );
    // Work stopped on purpose, the client gone or the 503 already sent: by a check of the
    // signal, or by PostgreSQL cancelling the statement at the same timeout. Not a failure.
    const reason = c.get('stop')?.reason;
    const stopped = error instanceof RequestStopped ? error : reason;
    if (stopped instanceof RequestStopped) {
      deps.logger.info({ route: routeOf(c), why: stopped.why }, 'request work stopped');
      return c.json({ error: 'request timed out' }, 503);
    }
    const requestId = crypto.randomUUID();
    // The summary, never the error: a database error carries its query's parameters (bodies).
    deps.logger.error({ err: errorSummary(error), requestId, route: routeOf(c) }, 'request failed');
    return c.json({ error: 'internal error', requestId }, 500);
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  return app;
}
