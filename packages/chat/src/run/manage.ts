import { formatDuration } from '@breachless/core';
import type { SlaCommand } from '../commands/types.js';
import type { NoticeView, SubscriptionsView } from '../views/types.js';
import type { CommandContext, SlaQueries, StoredSubscription } from './queries.js';

type Manage = Extract<
  SlaCommand,
  { name: 'subscribe-alerts' | 'subscribe-digest' | 'unsubscribe' }
>;

const notice = (tone: NoticeView['tone'], text: string): NoticeView => ({
  kind: 'notice',
  tone,
  text,
});
const words = (o: Readonly<Record<string, string | undefined>>) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');

/** `team:billing priority:urgent` or `daily 09:00 Europe/Paris team:billing`. */
export function describeSubscription(
  s: Pick<StoredSubscription, 'kind' | 'filters' | 'schedule'>,
): string {
  const filters = words(s.filters);
  if (s.kind === 'digest' && s.schedule) {
    const goal = s.schedule.goal ? ` goal ${s.schedule.goal}%` : '';
    const when =
      `${s.schedule.every ?? ''} ${s.schedule.time ?? ''} ${s.schedule.zone ?? ''}${goal}`.trim();
    return filters ? `${when} ${filters}` : when;
  }
  return filters || 'every alert';
}

/**
 * Subscribing and unsubscribing a channel: only for those the app says may manage it (Slack:
 * workspace admins and owners, or a configured list); the refusal says why.
 */
export async function manage(
  command: Manage,
  ctx: CommandContext,
  q: SlaQueries,
): Promise<NoticeView> {
  const allowed = await ctx.canManage();
  if (!allowed.ok) return notice('error', allowed.why);
  switch (command.name) {
    case 'subscribe-alerts': {
      const filters = {
        team: command.team,
        priority: command.priority,
        metric: command.metric,
        // An escalation ladder's rung, stored as typed: outbox routing and db's ladders read it.
        levels: command.levels?.join(','),
        to: command.to === 'assignee' ? 'assignee' : undefined,
        remind:
          command.remindSeconds === undefined ? undefined : formatDuration(command.remindSeconds),
        times: command.reminders === undefined ? undefined : String(command.reminders),
      };
      const kept = Object.fromEntries(
        Object.entries(filters).filter(([, v]) => v !== undefined),
      ) as Record<string, string>;
      const id = await q.subscribe('alerts', kept);
      return notice(
        'success',
        `This channel now hears alerts for ${describeSubscription({ kind: 'alerts', filters: kept })} (subscription ${id}; \`unsubscribe ${id}\` stops it).`,
      );
    }
    case 'subscribe-digest': {
      const filters: Record<string, string> = command.team
        ? { team: command.team }
        : command.organization
          ? { organization: command.organization }
          : {};
      const schedule = {
        every: command.schedule,
        time: command.time,
        zone: command.zone ?? ctx.zone,
        ...(command.goal !== undefined ? { goal: String(command.goal) } : {}),
      };
      const id = await q.subscribe('digest', filters, schedule);
      return notice(
        'success',
        `This channel gets a digest ${describeSubscription({ kind: 'digest', filters, schedule })} (subscription ${id}; \`unsubscribe ${id}\` stops it).`,
      );
    }
    case 'unsubscribe':
      return (await q.unsubscribe(command.id))
        ? notice('success', `Subscription ${command.id} removed.`)
        : notice(
            'error',
            `This channel has no subscription ${command.id}; \`subscriptions\` lists them.`,
          );
  }
}

/** `/sla subscriptions`: what this channel hears, with failed deliveries. */
export async function listSubscriptions(q: SlaQueries): Promise<SubscriptionsView> {
  const stored = await q.subscriptions();
  return {
    kind: 'subscriptions',
    items: stored.map((s) => ({
      id: s.id,
      kind: s.kind,
      description: describeSubscription(s),
      failed: s.failed,
      lastError: s.lastError,
    })),
  };
}
