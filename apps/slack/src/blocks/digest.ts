import { type DigestView, formatChange, formatPct, metricLabel } from '@breachless/chat';
import type { KnownBlock } from '@slack/types';
import { header, lineSections } from './chunks.js';
import { date, escapeMrkdwn } from './mrkdwn.js';

/**
 * A digest as Block Kit: compliance per metric against the goal and the period before, the
 * worst breaches, what is at risk now. The chart goes with it as an uploaded image.
 */
export function digestBlocks(
  v: DigestView,
  maxBlocks: number,
): { text: string; blocks: KnownBlock[] } {
  const context = [
    `Goal ${v.goalPct}%`,
    v.team ? `team ${v.team}` : 'all teams',
    ...(v.late ? ['sent late: the monitor was down at the scheduled time'] : []),
  ];
  const blocks: KnownBlock[] = [
    header(`${v.title} · ${v.period}`),
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(context.join(' · ')) }] },
  ];
  const metrics = v.metrics.map((m) => {
    const icon =
      m.compliancePct !== null && m.compliancePct >= v.goalPct ? ':white_check_mark:' : ':warning:';
    return `${icon} *${metricLabel(m.metric)}* ${formatPct(m.compliancePct)}${formatChange(m.compliancePct, m.previousPct)}, ${m.achieved} met, ${m.breached} missed`;
  });
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: metrics.length
        ? metrics.join('\n')
        : 'No cycle was achieved or breached in this period.',
    },
  });
  const list = (title: string, items: DigestView['worst'], verb: string) =>
    items.length
      ? [
          `*${title}*`,
          ...items.map(
            (i) =>
              `• *${escapeMrkdwn(i.ticket)}* ${metricLabel(i.metric)} ${verb} ${date(i.at, v.zone)}${i.team ? ` (${escapeMrkdwn(i.team)})` : ''}`,
          ),
        ]
      : [];
  const lines = [
    ...list('Worst breaches', v.worst, 'breached'),
    ...list(`At risk now (${v.atRiskTotal})`, v.atRisk, 'due'),
  ];
  blocks.push(...lineSections(lines, maxBlocks - blocks.length));
  const summary = v.metrics
    .map((m) => `${metricLabel(m.metric)} ${formatPct(m.compliancePct)}`)
    .join(', ');
  return { text: `${v.title} · ${v.period}: ${summary || 'nothing counted'}`, blocks };
}
