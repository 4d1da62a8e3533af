import { type DigestView, formatChange, formatPct, metricLabel } from '@breachless/chat';
import { type Card, type CardElement, card, textBlock } from './card.js';
import { localTime, plain } from './text.js';

/** A digest as an Adaptive Card, the 14-day chart inline as an image. */
export function digestCard(v: DigestView): Card {
  const body: CardElement[] = [
    textBlock(plain(`${v.title} · ${v.period}`), { weight: 'Bolder', size: 'Medium' }),
    textBlock(
      plain(
        [
          `Goal ${v.goalPct}%`,
          v.team ? `team ${v.team}` : 'all teams',
          ...(v.late ? ['sent late: the monitor was down at the scheduled time'] : []),
        ].join(' · '),
      ),
      { isSubtle: true, size: 'Small' },
    ),
  ];
  if (v.metrics.length === 0)
    body.push(textBlock('No cycle was achieved or breached in this period.'));
  else
    body.push({
      type: 'FactSet',
      facts: v.metrics.map((m) => ({
        title: `${m.compliancePct !== null && m.compliancePct >= v.goalPct ? '✅' : '⚠️'} ${metricLabel(m.metric)}`,
        value: `${formatPct(m.compliancePct)}${formatChange(m.compliancePct, m.previousPct)}, ${m.achieved} met, ${m.breached} missed`,
      })),
    });
  if (v.chart)
    body.push({
      type: 'Image',
      url: `data:image/png;base64,${v.chart.png}`,
      altText: v.chart.alt.slice(0, 1000),
      size: 'Stretch',
    });
  const list = (title: string, items: DigestView['worst'], verb: string) => {
    if (!items.length) return;
    body.push(textBlock(plain(title), { weight: 'Bolder' }));
    for (const i of items)
      body.push(
        textBlock(
          `**${plain(i.ticket)}** ${metricLabel(i.metric)} ${verb} ${localTime(i.at)}${i.team ? ` (${plain(i.team)})` : ''}`,
          { spacing: 'Small' },
        ),
      );
  };
  list('Worst breaches', v.worst, 'breached');
  list(`At risk now (${v.atRiskTotal})`, v.atRisk, 'due');
  return card(body);
}
