import { ConfigError } from '@breachless/core';
import { errorSummary } from '@breachless/db';
import { HttpError } from '@breachless/http';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { CONSOLE_SCRIPT } from './assets/script.js';
import { CONSOLE_STYLE } from './assets/style.js';
import type { ConsoleDeps, ConsoleEnv } from './context.js';
import { page } from './html-page.js';
import { atRiskRoutes } from './routes/at-risk.js';
import { complianceRoutes } from './routes/compliance.js';
import { liveRoutes } from './routes/live.js';
import { policyRoutes } from './routes/policy.js';
import { signInRoutes } from './routes/sign-in.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { ticketRoutes } from './routes/ticket.js';
import { requireSession } from './session.js';

/** The paths the console answers; the rest (`/v1/...`, `/healthz`...) are the API's. */
export const CONSOLE_PATHS = /^\/($|t\/|sign-in$|sign-in\/slack(\/callback)?$|sign-out$|assets\/)/;

/**
 * The web console as a Hono app, server-rendered: every page of one tenant lives under
 * `/t/:tenant/`, behind the session check (tenant and CSRF). No process of its own: apps/api
 * and apps/server serve it beside the API with `withConsole`, and call `endStreams` when they
 * stop.
 */
export function createConsole(deps: ConsoleDeps) {
  const streams = new Set<() => Promise<void>>();
  const tenant = new Hono<ConsoleEnv>()
    .use(requireSession(deps))
    .route('/at-risk', atRiskRoutes(deps))
    .route('/live', liveRoutes(deps, streams))
    .route('/policy', policyRoutes(deps))
    .route('/tickets', ticketRoutes(deps))
    .route('/compliance', complianceRoutes(deps))
    .route('/subscriptions', subscriptionRoutes(deps));
  const app = new Hono()
    .get('/assets/console.js', (c) =>
      c.body(CONSOLE_SCRIPT, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'max-age=300',
      }),
    )
    .get('/assets/console.css', (c) =>
      c.body(CONSOLE_STYLE, 200, {
        'content-type': 'text/css; charset=utf-8',
        'cache-control': 'max-age=300',
      }),
    )
    .route('/', signInRoutes(deps))
    .route('/t/:tenant', tenant);
  app.use(async (c, next) => {
    await next();
    // Pages are the tenant's data: never framed by another site, never cached by a proxy.
    c.header('x-frame-options', 'DENY');
    c.header('cache-control', c.res.headers.get('cache-control') ?? 'no-store');
  });
  app.onError((error, c) => {
    const status =
      error instanceof HttpError ? error.status : error instanceof ConfigError ? 400 : 500;
    const message =
      status === 500
        ? 'Something went wrong on our side; the error is in the server log.'
        : error.message;
    if (status === 500)
      deps.logger.error({ err: errorSummary(error), path: c.req.path }, 'console request failed');
    if (c.req.header('accept')?.includes('application/json') || c.req.header('x-csrf-token'))
      return c.json({ error: message }, status);
    return c.html(
      page(
        status === 403 ? 'Refused' : status === 401 ? 'Signed out' : 'Error',
        undefined,
        html`<p class="error" role="alert">${message}</p><p><a href="/">Back to the console</a></p>`,
      ),
      status,
    );
  });
  return Object.assign(app, {
    /** Ends every live stream: a stopping server's connections can then close. */
    endStreams: () => Promise.all([...streams].map((end) => end())).then(() => undefined),
  });
}

/**
 * The API and the console on one port: the console's paths go to the console, the rest to
 * the API (its routes, errors and 404s unchanged).
 */
export function withConsole(
  api: { fetch: (request: Request) => Response | Promise<Response> },
  console: { fetch: (request: Request) => Response | Promise<Response> },
): (request: Request) => Response | Promise<Response> {
  return (request) =>
    CONSOLE_PATHS.test(new URL(request.url).pathname) ? console.fetch(request) : api.fetch(request);
}
