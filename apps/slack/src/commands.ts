import {
  allUsage,
  type ChatView,
  type CommandContext,
  parseCommand,
  runCommand,
  type SlaQueries,
} from '@breachless/chat';
import { chatQueries, errorSummary } from '@breachless/db';
import type { App } from '@slack/bolt';
import { render } from './blocks/render.js';
import { type SlackDeps, workspaceOf } from './deps.js';
import { NOT_A_MANAGER } from './readers.js';

const SORRY =
  'Breachless could not answer just now (the error is logged for your operator). Try again in a minute.';

/**
 * `/sla`: parsed at once, so a malformed command or `help` is answered in the acknowledgement
 * itself; any other command is acknowledged empty within Slack's 3 seconds and answered
 * through `response_url` when its query returns. Answers are ephemeral (only the asker sees
 * them) unless `stats ... public` asks to post to the channel.
 */
export function registerCommands(app: App, deps: SlackDeps): void {
  app.command('/sla', async ({ command, ack, respond, client, context }) => {
    const parsed = parseCommand(command.text);
    if (!parsed.ok) {
      const view: ChatView = {
        kind: 'notice',
        tone: 'error',
        text: parsed.error,
        usage: parsed.usage,
      };
      await ack({ response_type: 'ephemeral', ...render(view) });
      return;
    }
    if (parsed.command.name === 'help') {
      const help: ChatView = { kind: 'notice', tone: 'info', text: allUsage('/sla') };
      await ack({ response_type: 'ephemeral', ...render(help) });
      return;
    }
    await ack();
    const tenant = context.tenant as string;
    const workspace = workspaceOf(context);
    try {
      const reader = await deps.readers.of(client, workspace, command.user_id);
      const ctx: CommandContext = {
        zone: reader.zone,
        now: deps.clock(),
        canManage: async () =>
          deps.managers.has(command.user_id) || reader.admin
            ? { ok: true }
            : { ok: false, why: NOT_A_MANAGER },
      };
      const queries: SlaQueries = chatQueries(deps.db, deps.engines, {
        tenant,
        platform: 'slack',
        channel: command.channel_id,
        user: command.user_id,
      });
      const view = await runCommand(parsed.command, ctx, queries);
      const visible = parsed.command.name === 'stats' && parsed.command.public;
      await respond({ response_type: visible ? 'in_channel' : 'ephemeral', ...render(view) });
    } catch (error) {
      deps.logger.error(
        { error: errorSummary(error), command: command.text, tenant },
        '/sla failed',
      );
      await respond({ response_type: 'ephemeral', text: SORRY });
    }
  });
}
