import { formatDuration } from '../views/format.js';
import type { NoticeView } from '../views/types.js';
import type { CommandContext, ConnectionStatus, SlaQueries } from './queries.js';

/**
 * `/sla connections`: for the users who may manage the channel's subscriptions (admins),
 * each connected helpdesk's sync health, one line each, so a team learns in chat that a
 * helpdesk is down or that its webhooks are being lost (events repaired above zero).
 */
export async function listConnections(ctx: CommandContext, q: SlaQueries): Promise<NoticeView> {
  const allowed = await ctx.canManage();
  if (!allowed.ok)
    return {
      kind: 'notice',
      tone: 'error',
      text: `Helpdesk sync health is for admins. ${allowed.why}`,
    };
  const all = (await q.connections?.(ctx.now)) ?? [];
  if (all.length === 0)
    return {
      kind: 'notice',
      tone: 'info',
      text: 'No helpdesk is connected for sync (`breachless connect`); webhooks alone feed Breachless.',
    };
  const troubled = all.some((c) => c.state === 'failing' || c.state === 'lagging');
  const leaking = all.some((c) => c.repaired > 0);
  const lines = all.map(describe);
  if (leaking)
    lines.push(
      'Events repaired are changes whose webhook never arrived: check the helpdesk’s webhook log.',
    );
  return { kind: 'notice', tone: troubled ? 'error' : 'info', text: lines.join('\n') };
}

function describe(c: ConnectionStatus): string {
  const last = c.lastSuccessAt === null ? 'never synced' : `last sync ${c.lastSuccessAt}`;
  const lag = c.lagSeconds === null ? '' : `, ${formatDuration(c.lagSeconds)} behind`;
  const error = c.lastError === null || c.state === 'ok' ? '' : `; last error: ${c.lastError}`;
  return `${c.platform}: ${c.state} (${last}${lag}), ${c.repaired} events repaired${error}`;
}
