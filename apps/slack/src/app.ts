import { CHAT_SERVER_LIMITS, SLACK_BOT_SCOPES } from '@breachless/chat';
import { errorSummary } from '@breachless/db';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { registerActions } from './actions.js';
import { boltLogger } from './bolt-logger.js';
import { registerCommands } from './commands.js';
import { type SlackDeps, workspaceOf } from './deps.js';
import { registerEvents } from './events.js';
import { installationStore } from './installation-store.js';
import type { SlackAuth } from './workspaces.js';

/** The scopes the app asks for (infra/slack/manifest.yaml lists the same). */
export const BOT_SCOPES = [...SLACK_BOT_SCOPES];

export interface SlackAppOptions {
  readonly auth: SlackAuth;
  /** HTTP mode verifies every request with it. */
  readonly signingSecret?: string | undefined;
  /** Socket Mode for local development: the app-level token. */
  readonly appToken?: string | undefined;
  readonly clientOptions: WebClientOptions;
  /** HTTP mode: the largest request body read (413 above it); the chat apps' limit unset. */
  readonly maxBodyBytes?: number;
}

/**
 * The Bolt app: HTTP mode (each request's signature verified, five-minute window) or Socket
 * Mode, one workspace or OAuth installs in PostgreSQL. Every request is tied to its tenant
 * before any handler runs; a workspace we do not know gets no answer from our handlers.
 */
export function createSlackApp(deps: SlackDeps, options: SlackAppOptions) {
  const { auth } = options;
  const logger = boltLogger(deps.logger);
  const oauth =
    auth.mode === 'oauth'
      ? {
          clientId: auth.clientId,
          clientSecret: auth.clientSecret,
          stateSecret: auth.stateSecret,
          scopes: BOT_SCOPES,
          installationStore: installationStore(deps.db),
          installerOptions: { directInstall: true },
        }
      : {};
  const receiver = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, ...oauth, logger })
    : new HTTPReceiver({
        signingSecret: options.signingSecret ?? '',
        endpoints: '/slack/events',
        ...oauth,
        logger,
        unhandledRequestTimeoutMillis: 2_900,
        // Bolt's default is 4 MB; Slack's payloads are a few KB.
        bodyLimit: options.maxBodyBytes ?? CHAT_SERVER_LIMITS.maxBodyBytes,
      });
  const app = new App({
    receiver,
    ...(auth.mode === 'single'
      ? {
          token: auth.botToken,
          ...(auth.botId ? { botId: auth.botId } : {}),
          ...(auth.botUserId ? { botUserId: auth.botUserId } : {}),
        }
      : {}),
    clientOptions: options.clientOptions,
    logger,
  });
  app.use(async ({ context, next }) => {
    const tenant = await deps.workspaces.tenantOf(workspaceOf(context));
    if (!tenant) {
      deps.logger.warn(
        { workspace: workspaceOf(context) },
        'request from a workspace with no installation',
      );
      return;
    }
    context.tenant = tenant;
    await next();
  });
  registerEvents(app, deps);
  registerCommands(app, deps);
  registerActions(app, deps);
  app.error(async (error) => {
    deps.logger.error({ error: errorSummary(error) }, 'slack handler failed');
  });
  return { app, receiver };
}
