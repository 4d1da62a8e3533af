import { ConfigError, EventsError } from '@breachless/core';
import { Hono } from 'hono';
import { requireToken } from './auth.js';
import type { AppDeps, AppEnv } from './context.js';
import { HttpError } from './errors.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { ticketRoutes } from './routes/tickets.js';

/**
 * The HTTP API as a Hono app: pure wiring over injected dependencies, so tests call
 * `app.request()` against real databases. Errors answer JSON, never a stack trace.
 */
export function createApp(deps: AppDeps) {
  const v1 = new Hono<AppEnv>()
    .use(requireToken(deps))
    .route('/events', eventRoutes(deps))
    .route('/', ticketRoutes(deps));
  const app = new Hono().route('/', healthRoutes(deps)).route('/v1', v1);
  app.onError((error, c) => {
    if (error instanceof EventsError || error instanceof ConfigError) {
      return c.json(
        {
          error: error.code === 'events_invalid' ? 'invalid events' : 'invalid config',
          problems: error.problems,
        },
        400,
      );
    }
    if (error instanceof HttpError)
      return c.json(
        { error: error.message, ...(error.problems ? { problems: error.problems } : {}) },
        error.status,
      );
    const requestId = crypto.randomUUID();
    deps.logger.error({ err: error, requestId, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error', requestId }, 500);
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  return app;
}
