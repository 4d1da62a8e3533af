import { SLA_APOLOGY, slaRequest } from '@breachless/chat';
import { chatQueries, errorSummary } from '@breachless/db';
import type { App } from '@slack/bolt';
import { render } from './blocks/render.js';
import { type SlackDeps, workspaceOf } from './deps.js';
import { NOT_A_MANAGER } from './readers.js';

/**
 * `/sla`: parsed at once, so a malformed command or `help` is answered in the acknowledgement
 * itself; any other command is acknowledged empty within Slack's 3 seconds and answered
 * through `response_url` when its query returns. Answers are ephemeral (only the asker sees
 * them) unless `stats ... public` asks to post to the channel.
 */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/sla', async ({ command, ack, respond, client, context }) => {
    const request = slaRequest(command.text, '/sla');
    if (request.immediate) {
      await ack({ response_type: 'ephemeral', ...render(request.immediate) });
      return;
    }
    await ack();
    const tenant = context.tenant as string;
    const workspace = workspaceOf(context);
    try {
      const reader = await deps.readers.of(client, workspace, command.user_id);
      const view = await request.answer(
        {
          zone: reader.zone,
          now: deps.clock(),
          canManage: async () =>
            deps.managers.has(command.user_id) || reader.admin
              ? { ok: true }
              : { ok: false, why: NOT_A_MANAGER },
        },
        chatQueries(deps.db, deps.engines, {
          tenant,
          platform: 'slack',
          channel: command.channel_id,
          user: command.user_id,
        }),
      );
      const type = request.visible ? 'in_channel' : 'ephemeral';
      await respond({ response_type: type, ...render(view) });
    } catch (error) {
      deps.logger.error(
        { error: errorSummary(error), command: command.text, tenant },
        '/sla failed',
      );
      await respond({ response_type: 'ephemeral', text: SLA_APOLOGY });
    }
  });
}
