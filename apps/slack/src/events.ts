import { homeView } from '@breachless/chat';
import { chatQueries, deleteInstallation, firstReceipt } from '@breachless/db';
import type { App } from '@slack/bolt';
import { render } from './blocks/render.js';
import { type SlackDeps, workspaceOf } from './deps.js';

/**
 * Events: Slack retries an event it thinks we missed (same `event_id`, `X-Slack-Retry-Num`);
 * the first delivery claims the id in PostgreSQL and every retry, on any replica, is
 * acknowledged without running again. Uninstalling the app or revoking its tokens forgets
 * the installation; opening the App Home publishes it.
 */
export function registerEvents(app: App, deps: SlackDeps): void {
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (
      typeof eventId === 'string' &&
      !(await firstReceipt(deps.db, 'slack', eventId, deps.clock()))
    ) {
      deps.logger.info({ eventId }, 'slack retried an event we already handled; skipped');
      return;
    }
    await next();
  });

  const forget = async ({ context }: { context: Parameters<typeof workspaceOf>[0] }) => {
    const workspace = workspaceOf(context);
    const removed = await deleteInstallation(deps.db, 'slack', workspace);
    deps.logger.info({ workspace, removed }, 'slack installation removed');
  };
  app.event('app_uninstalled', forget);
  app.event('tokens_revoked', forget);

  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const tenant = context.tenant as string;
    const reader = await deps.readers.of(client, workspaceOf(context), event.user);
    const q = chatQueries(deps.db, deps.engines, {
      tenant,
      platform: 'slack',
      channel: event.channel,
      user: event.user,
    });
    const home = await homeView(
      { zone: reader.zone, now: deps.clock(), canManage: async () => ({ ok: false, why: '' }) },
      q,
    );
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: render(home).blocks },
    });
  });
}
