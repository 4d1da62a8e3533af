import { type HomeView, periodBounds } from '@breachless/chat';
import { chatQueries, deleteInstallation, firstReceipt, teamOfAgent } from '@breachless/db';
import type { App } from '@slack/bolt';
import { render } from './blocks/render.js';
import { type SlackDeps, workspaceOf } from './deps.js';

/** How far ahead the home tab looks for my tickets at risk. */
const HOME_WINDOW_MS = 24 * 3_600_000;

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
    const now = deps.clock();
    const q = chatQueries(deps.db, deps.engines, {
      tenant,
      platform: 'slack',
      channel: event.channel,
      user: event.user,
    });
    const agent = await q.linkedAgent();
    const team = agent ? await teamOfAgent(deps.db, tenant, agent) : null;
    const items = agent
      ? await q.atRisk({ from: now, to: now + HOME_WINDOW_MS, agent, limit: 50 })
      : [];
    const today = periodBounds({ kind: 'today' }, reader.zone, now);
    const rows = await q.stats({
      from: today.from,
      to: today.to,
      zone: reader.zone,
      by: [],
      team: team ?? undefined,
    });
    const home: HomeView = {
      kind: 'home',
      agent,
      atRisk: {
        kind: 'at-risk',
        title: 'My tickets due in the next 24h',
        items,
        total: items.length,
        now,
        zone: reader.zone,
      },
      today: {
        kind: 'stats',
        period: today.label,
        from: today.from,
        to: today.to,
        zone: reader.zone,
        by: null,
        filters: team ? [`team:${team}`] : [],
        lines: rows.map((r) => ({
          group: null,
          metric: r.metric,
          achieved: r.achieved,
          breached: r.breached,
          compliancePct: r.compliancePct,
          achievedP50: r.achievedSeconds.p50,
        })),
      },
    };
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: render(home).blocks },
    });
  });
}
