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
import { type Card, type CardElement, card, MAX_LIST_LINES, shownOf, textBlock } from './card.js';
import { localTime, plain } from './text.js';

const header = (text: string) => textBlock(plain(text), { weight: 'Bolder', size: 'Medium' });
const cell = (text: string, extra: CardElement = {}) => ({
  type: 'TableCell',
  items: [textBlock(text, extra)],
});

/** Compliance as a Table (Adaptive Cards 1.5): group, metric, %, met/missed, median. */
export function statsCard(v: StatsView): Card {
  const body: CardElement[] = [
    header(`Compliance · ${v.period}`),
    textBlock(plain(`${v.filters.join(' ') || 'All tickets'} · periods in ${v.zone}`), {
      isSubtle: true,
      size: 'Small',
    }),
  ];
  if (v.lines.length === 0)
    return card([...body, textBlock('No cycle was achieved or breached in this period.')]);
  const group = v.by && v.by !== 'metric' ? v.by : null;
  const names = [...(group ? [group] : []), 'metric', 'compliance', 'met/missed', 'median'];
  const rows = v.lines.slice(0, MAX_LIST_LINES).map((l) => ({
    type: 'TableRow',
    cells: [
      ...(group ? [cell(plain(l.group ?? '(none)'))] : []),
      cell(metricLabel(l.metric)),
      cell(formatPct(l.compliancePct)),
      cell(`${l.achieved}/${l.breached}`),
      cell(l.achievedP50 === null ? '-' : formatDuration(l.achievedP50)),
    ],
  }));
  body.push({
    type: 'Table',
    columns: names.map(() => ({ width: 1 })),
    firstRowAsHeader: true,
    rows: [{ type: 'TableRow', cells: names.map((n) => cell(n, { weight: 'Bolder' })) }, ...rows],
  });
  return card([...body, ...shownOf(rows.length, v.lines.length)]);
}

/** At-risk or breached cycles, one line each. */
export function cycleListCard(v: CycleListView): Card {
  const body: CardElement[] = [header(v.title)];
  if (v.items.length === 0)
    return card([
      ...body,
      textBlock(
        v.kind === 'at-risk' ? 'Nothing is due in this window.' : 'No breach in this period.',
      ),
    ]);
  const shown = v.items.slice(0, MAX_LIST_LINES);
  for (const i of shown) {
    const who = [i.team, i.agent, i.priority].filter(Boolean).join(' · ');
    body.push(
      textBlock(
        `**${plain(i.ticket)}** ${metricLabel(i.metric)} ${v.kind === 'at-risk' ? 'due' : 'breached'} ${localTime(i.at)}${who ? ` (${plain(who)})` : ''}`,
        { spacing: 'Small' },
      ),
    );
  }
  return card([...body, ...shownOf(shown.length, v.total)]);
}

/** Every cycle of a ticket with its timeline. */
export function ticketCard(v: TicketView): Card {
  const body: CardElement[] = [
    header(`Ticket ${v.ticket}${v.policy ? ` · policy ${v.policy}` : ''}`),
  ];
  if (v.cycles.length === 0)
    body.push(textBlock('No SLA cycle runs on this ticket (no policy target applies).'));
  let lines = 0;
  for (const c of v.cycles) {
    const target =
      c.targetSeconds === null ? 'no target' : `target ${formatDuration(c.targetSeconds)}`;
    body.push(
      textBlock(
        `**${metricLabel(c.metric)} #${c.cycle}**: ${c.status}, ${formatDuration(c.elapsedSeconds)} used of ${target}`,
      ),
    );
    const facts = c.timeline
      .slice(0, Math.max(0, MAX_LIST_LINES - lines))
      .map((e) => ({ title: localTime(e.at), value: plain(`${e.kind}: ${e.detail}`) }));
    lines += facts.length;
    if (facts.length) body.push({ type: 'FactSet', facts });
  }
  const total = v.cycles.reduce((n, c) => n + c.timeline.length, 0);
  return card([...body, ...shownOf(lines, total)]);
}

/** What a channel hears, and alerts to it that failed. */
export function subscriptionsCard(v: SubscriptionsView): Card {
  const body: CardElement[] = [header('Subscriptions of this channel')];
  if (v.items.length === 0)
    return card([
      ...body,
      textBlock('None. `sla subscribe alerts` or `sla subscribe digest daily 09:00` adds one.'),
    ]);
  body.push({
    type: 'FactSet',
    facts: v.items.map((s) => ({
      title: plain(s.id),
      value: plain(`${s.kind}: ${s.description}`),
    })),
  });
  const failed = v.items[0]?.failed ?? 0;
  if (failed > 0)
    body.push(
      textBlock(
        `❌ ${failed} alert(s) to this channel failed; last error: ${plain(v.items[0]?.lastError ?? 'unknown')}`,
        { color: 'Attention' },
      ),
    );
  return card(body);
}

/** A confirmation, or an error with the usage line. */
export function noticeCard(v: NoticeView): Card {
  const icon = v.tone === 'error' ? '❌ ' : v.tone === 'success' ? '✅ ' : '';
  const body = v.text
    .split('\n')
    .map((line, i) =>
      textBlock(i === 0 ? `${icon}${plain(line)}` : plain(line), { spacing: 'None' }),
    );
  if (v.usage)
    body.push(
      textBlock(`Usage: ${v.usage}`, { fontType: 'Monospace', isSubtle: true, size: 'Small' }),
    );
  return card(body);
}
