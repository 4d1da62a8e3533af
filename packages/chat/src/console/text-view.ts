import {
  alertHeadline,
  formatChange,
  formatPct,
  formatRelative,
  metricLabel,
} from '../views/format.js';
import type { AlertView, ChatView, DigestView } from '../views/types.js';
import {
  cycleListText,
  noticeText,
  statsText,
  subscriptionsText,
  table,
  ticketText,
} from './text-reports.js';

const MARK = { warning: '⚠', breached: '✖', achieved: '✔', cancelled: '·' } as const;

/** An alert in two lines: the headline, then what the ticket is and who has it. */
function alertText(v: AlertView): string {
  const about = [
    v.subject ? `"${v.subject}"` : null,
    v.priority ? `priority ${v.priority}` : null,
    v.team ? `team ${v.team}` : null,
    v.assignee ? `assignee ${v.assignee.user ? `@${v.assignee.user}` : v.assignee.name}` : null,
  ].filter(Boolean);
  return [
    `${MARK[v.state.kind]} ${v.ticket}: ${alertHeadline(v)}${v.late ? ' (noticed late)' : ''}`,
    ...(about.length ? [`  ${about.join(', ')}`] : []),
    ...(v.url ? [`  ${v.url}`] : []),
    ...(v.note ? [`  ${v.note}`] : []),
  ].join('\n');
}

function digestText(v: DigestView, chartPath: string | undefined): string {
  const metrics = v.metrics.map((m) => [
    metricLabel(m.metric),
    `${formatPct(m.compliancePct)}${formatChange(m.compliancePct, m.previousPct)}`,
    m.compliancePct === null ? '' : m.compliancePct >= v.goalPct ? 'on goal' : 'BELOW GOAL',
    `${m.achieved} achieved, ${m.breached} breached`,
  ]);
  const worst = v.worst.map(
    (i) => `  ${i.ticket} ${metricLabel(i.metric)} breached ${formatRelative(i.at, v.now)}`,
  );
  return [
    `${v.title}, ${v.period}${v.team ? `, team ${v.team}` : ''}${v.late ? ' (sent late)' : ''}: goal ${v.goalPct}%`,
    metrics.length
      ? table(['metric', 'compliance', 'goal', 'cycles'], metrics)
      : 'No cycle reached its outcome.',
    ...(worst.length ? ['Worst breaches:', ...worst] : []),
    `At risk now: ${v.atRiskTotal}`,
    ...(chartPath ? [`Chart (14 days): ${chartPath}`] : []),
  ].join('\n');
}

/**
 * Any view as plain text for a terminal: what the console transport prints and what the
 * demo's typed commands answer. `chartPath` is where a digest's chart was written, if it was.
 */
export function renderText(view: ChatView, chartPath?: string): string {
  switch (view.kind) {
    case 'alert':
      return alertText(view);
    case 'notice':
      return noticeText(view);
    case 'stats':
      return statsText(view);
    case 'at-risk':
    case 'breached':
      return cycleListText(view);
    case 'ticket':
      return ticketText(view);
    case 'subscriptions':
      return subscriptionsText(view);
    case 'home':
      return `${cycleListText(view.atRisk)}\n\n${statsText(view.today)}`;
    case 'digest':
      return digestText(view, chartPath);
  }
}
