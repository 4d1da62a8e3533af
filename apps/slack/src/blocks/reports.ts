import {
  type CycleListView,
  formatDuration,
  formatPct,
  metricLabel,
  type NoticeView,
  type StatsView,
  type SubscriptionsView,
  type TicketView,
} from '@breachless/chat';
import type { KnownBlock } from '@slack/types';
import { header, lineSections } from './chunks.js';
import { date, escapeMrkdwn } from './mrkdwn.js';

type Rendered = { text: string; blocks: KnownBlock[] };
const code = (body: string) => `\`\`\`${body}\`\`\``;
const pad = (s: string, n: number) =>
  s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length);

/** A compliance table in a code block, so its columns line up in every client. */
export function statsBlocks(v: StatsView, maxBlocks: number): Rendered {
  const title = `Compliance · ${v.period}`;
  const context = [`${v.filters.join(' ') || 'All tickets'} · times in ${v.zone}`];
  const blocks: KnownBlock[] = [
    header(title),
    {
      type: 'context',
      elements: context.map((text) => ({ type: 'mrkdwn', text: escapeMrkdwn(text) })),
    },
  ];
  if (v.lines.length === 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: 'No cycle was achieved or breached in this period.' },
    });
    return { text: `${title}: nothing counted`, blocks };
  }
  const group = v.by && v.by !== 'metric' ? v.by : null;
  const head = `${group ? `${pad(group, 16)} ` : ''}${pad('metric', 20)} ${pad('compliance', 10)} ${pad('met/missed', 12)} median`;
  const rows = v.lines.map((l) =>
    escapeMrkdwn(
      `${group ? `${pad(l.group ?? '(none)', 16)} ` : ''}${pad(metricLabel(l.metric), 20)} ${pad(formatPct(l.compliancePct), 10)} ${pad(`${l.achieved}/${l.breached}`, 12)} ${l.achievedP50 === null ? '-' : formatDuration(l.achievedP50)}`,
    ),
  );
  blocks.push(...lineSections([head, ...rows], maxBlocks - blocks.length, rows.length + 1, code));
  const overall = v.lines
    .map((l) => `${metricLabel(l.metric)} ${formatPct(l.compliancePct)}`)
    .slice(0, 5);
  return { text: `${title}: ${overall.join(', ')}`, blocks };
}

/** Lines of a list a reader still scans; the rest is counted, not shown. */
const LIST_LINES = 50;

/** At-risk or breached cycles, one line each, soonest first, at most 50. */
export function cycleListBlocks(v: CycleListView, maxBlocks: number): Rendered {
  const blocks: KnownBlock[] = [header(v.title)];
  if (v.items.length === 0) {
    const none =
      v.kind === 'at-risk' ? 'Nothing is due in this window.' : 'No breach in this period.';
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: none } });
    return { text: `${v.title}: none`, blocks };
  }
  const lines = v.items.slice(0, LIST_LINES).map((i) => {
    const who = [i.team, i.agent, i.priority].filter(Boolean).join(' · ');
    return `• *${escapeMrkdwn(i.ticket)}* ${escapeMrkdwn(metricLabel(i.metric))} ${v.kind === 'at-risk' ? 'due' : 'breached'} ${date(i.at, v.zone)}${who ? ` (${escapeMrkdwn(who)})` : ''}`;
  });
  blocks.push(...lineSections(lines, maxBlocks - 1, v.total));
  return { text: `${v.title}: ${v.total}`, blocks };
}

/** Every cycle of a ticket with the timeline that explains where it stands. */
export function ticketBlocks(v: TicketView, maxBlocks: number): Rendered {
  const blocks: KnownBlock[] = [
    header(`Ticket ${v.ticket}${v.policy ? ` · policy ${v.policy}` : ''}`),
  ];
  const lines: string[] = [];
  for (const c of v.cycles) {
    const target =
      c.targetSeconds === null ? 'no target' : `target ${formatDuration(c.targetSeconds)}`;
    const when =
      c.breachedAt !== null
        ? `, breached ${date(c.breachedAt, v.zone)}`
        : c.dueAt !== null
          ? `, due ${date(c.dueAt, v.zone)}`
          : '';
    lines.push(
      `*${escapeMrkdwn(metricLabel(c.metric))} #${c.cycle}*: ${c.status}, ${formatDuration(c.elapsedSeconds)} used of ${target}${when}`,
    );
    for (const e of c.timeline)
      lines.push(`  ${date(e.at, v.zone)} ${escapeMrkdwn(e.kind)}: ${escapeMrkdwn(e.detail)}`);
  }
  if (v.cycles.length === 0)
    lines.push('No SLA cycle runs on this ticket (no policy target applies).');
  blocks.push(...lineSections(lines, maxBlocks - 1));
  return {
    text: `Ticket ${v.ticket}: ${v.cycles.map((c) => `${metricLabel(c.metric)} ${c.status}`).join(', ')}`,
    blocks,
  };
}

/** What a channel hears, and the deliveries to it that failed. */
export function subscriptionsBlocks(v: SubscriptionsView, maxBlocks: number): Rendered {
  const blocks: KnownBlock[] = [header('Subscriptions of this channel')];
  if (v.items.length === 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'None. `/sla subscribe alerts` or `/sla subscribe digest daily 09:00` adds one.',
      },
    });
    return { text: 'No subscriptions', blocks };
  }
  const lines = v.items.map(
    (s) => `• \`${escapeMrkdwn(s.id)}\` ${escapeMrkdwn(s.kind)}: ${escapeMrkdwn(s.description)}`,
  );
  blocks.push(...lineSections(lines, maxBlocks - 2));
  const failed = v.items[0]?.failed ?? 0;
  if (failed > 0)
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `:x: ${failed} alert(s) to this channel failed; last error: ${escapeMrkdwn(v.items[0]?.lastError ?? 'unknown')}`,
        },
      ],
    });
  return { text: `${v.items.length} subscription(s)`, blocks };
}

/** A confirmation, or an error with the usage line. */
export function noticeBlocks(v: NoticeView): Rendered {
  const icon = v.tone === 'error' ? ':x: ' : v.tone === 'success' ? ':white_check_mark: ' : '';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${icon}${escapeMrkdwn(v.text)}`.slice(0, 3000) },
    },
  ];
  if (v.usage)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Usage: \`${escapeMrkdwn(v.usage)}\`` }],
    });
  return { text: v.usage ? `${v.text}\nUsage: ${v.usage}` : v.text, blocks };
}
