import type { GroupKey, TicketResult } from '@breachless/core';
import type { SlaCommand } from '../commands/types.js';
import { allUsage } from '../commands/usage.js';
import { formatDuration, naturalCompare } from '../views/format.js';
import type { ChatView, StatsLine, StatsView, TicketView } from '../views/types.js';
import { listConnections } from './connections.js';
import { listSubscriptions, manage } from './manage.js';
import { periodBounds } from './period-bounds.js';
import type { CommandContext, SlaQueries } from './queries.js';

/** More than any chat message shows; the renderers cut to their platform's limits. */
const LIST_LIMIT = 200;

/**
 * Runs a parsed `/sla` command and returns what to show, the same for Slack and Teams.
 * Errors a user can fix come back as notices; only a failure of our own (the database
 * away) throws, and the app answers that with a short apology, never a stack trace.
 */
export async function runCommand(
  command: SlaCommand,
  ctx: CommandContext,
  q: SlaQueries,
): Promise<ChatView> {
  switch (command.name) {
    case 'help':
      return { kind: 'notice', tone: 'info', text: allUsage(ctx.prefix ?? '/sla') };
    case 'stats':
      return stats(command, ctx, q);
    case 'at-risk': {
      const items = await q.atRisk({
        from: ctx.now,
        to: ctx.now + command.withinSeconds * 1000,
        team: command.team,
        limit: LIST_LIMIT,
      });
      const team = command.team ? ` for ${command.team}` : '';
      return {
        kind: 'at-risk',
        title: `Due within ${formatDuration(command.withinSeconds)}${team}`,
        items,
        total: items.length,
        now: ctx.now,
        zone: ctx.zone,
      };
    }
    case 'breached': {
      const b = periodBounds(command.period, ctx.zone, ctx.now);
      const { items, total } = await q.breached({
        from: b.from,
        to: b.to,
        team: command.team,
        limit: LIST_LIMIT,
      });
      const team = command.team ? ` for ${command.team}` : '';
      return {
        kind: 'breached',
        title: `Breached: ${b.label}${team}`,
        items,
        total,
        now: ctx.now,
        zone: ctx.zone,
      };
    }
    case 'ticket': {
      const result = await q.ticket(command.ticket, ctx.now);
      return result
        ? ticketView(result, ctx)
        : {
            kind: 'notice',
            tone: 'error',
            text: `No events name ticket ${command.ticket}.`,
          };
    }
    case 'subscribe-alerts':
    case 'subscribe-digest':
    case 'unsubscribe':
      return manage(command, ctx, q);
    case 'subscriptions':
      return listSubscriptions(q);
    case 'connections':
      return listConnections(ctx, q);
    case 'link':
      await q.link(command.email);
      return {
        kind: 'notice',
        tone: 'success',
        text: `You are linked to ${command.email}: alerts on their tickets come to you directly, and your home tab lists them.`,
      };
  }
}

// A Map: `by` is typed input, checked by the grammar, but never looked up on a plain object.
const GROUP = new Map<string, Exclude<GroupKey, 'metric'> | undefined>([
  ['team', 'team'],
  ['agent', 'agent'],
  ['priority', 'priority'],
  ['day', 'day'],
  ['organization', 'organization'],
  ['contract', 'contract'],
  ['metric', undefined],
]);

/** `stats` as a view; the home tab shows today's the same way. */
export async function stats(
  command: Extract<SlaCommand, { name: 'stats' }>,
  ctx: CommandContext,
  q: SlaQueries,
): Promise<StatsView> {
  const b = periodBounds(command.period, ctx.zone, ctx.now);
  const key = command.by ? GROUP.get(command.by) : undefined;
  const question = {
    from: b.from,
    to: b.to,
    zone: ctx.zone,
    by: key ? [key] : [],
    team: command.team,
    priority: command.priority,
    agent: command.agent,
  };
  const [rows, firstContact] = await Promise.all([
    q.stats({ ...question, now: ctx.now }),
    q.firstContact(question),
  ]);
  const filters = (['team', 'priority', 'agent'] as const).flatMap((k) =>
    command[k] ? [`${k}:${command[k]}`] : [],
  );
  return {
    kind: 'stats',
    period: b.label,
    from: b.from,
    to: b.to,
    zone: ctx.zone,
    by: command.by ?? null,
    filters,
    lines: [
      ...rows.map(
        (r): StatsLine => ({
          group: key ? (r.group[key] ?? null) : null,
          metric: r.metric,
          achieved: r.achieved,
          breached: r.breached,
          compliancePct: r.compliancePct,
          achievedP50: r.achievedSeconds.p50,
        }),
      ),
      // First contact resolution is a line of each group after its metrics: resolved at
      // first contact as met, the other resolved tickets as missed (docs/semantics.md).
      ...firstContact.map(
        (r): StatsLine => ({
          group: key ? (r.group[key] ?? null) : null,
          metric: 'first_contact',
          achieved: r.firstContact,
          breached: r.resolved - r.firstContact,
          compliancePct: r.fcrPct,
          achievedP50: null,
        }),
      ),
    ]
      // `Group 3` before `Group 29`; the metrics of a group keep the order they came in.
      .sort((a, b) => naturalCompare(a.group, b.group)),
  };
}

function ticketView(t: TicketResult, ctx: CommandContext): TicketView {
  return {
    kind: 'ticket',
    ticket: t.ticket,
    policy: t.policy,
    now: ctx.now,
    zone: ctx.zone,
    cycles: t.cycles.map((c) => ({
      metric: c.metric,
      cycle: c.cycle,
      status: c.status,
      startedAt: c.startedAt,
      stoppedAt: c.stoppedAt,
      dueAt: c.dueAt,
      breachedAt: c.breachedAt,
      targetSeconds: c.targetSeconds,
      elapsedSeconds: c.elapsedSeconds,
      timeline: (c.timeline ?? []).map((e) => ({ at: e.at, kind: e.kind, detail: e.detail })),
    })),
  };
}
