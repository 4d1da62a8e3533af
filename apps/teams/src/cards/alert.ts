import { type AlertView, alertHeadline, SNOOZE_CHOICES } from '@breachless/chat';
import { type Card, type CardElement, card, textBlock } from './card.js';
import { cut, localTime, plain, safeUrl } from './text.js';

/** What an alert's actions carry back: the verb and the cycle it acts on. */
export interface CycleAction {
  readonly verb: 'ack' | 'snooze';
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
  readonly choice?: string;
}

const SNOOZE_LABELS: Record<string, string> = {
  '30m': '30 minutes',
  '1h': '1 hour',
  'next-business-day': 'Until next business day',
};

/**
 * An action that updates the card in place (`Action.Execute`, Teams' universal actions),
 * falling back to `Action.Submit` on clients without them; both carry the same data.
 */
function execute(title: string, data: CycleAction): CardElement {
  return {
    type: 'Action.Execute',
    title,
    verb: data.verb,
    data,
    fallback: { type: 'Action.Submit', title, data },
  };
}

const LOOK = {
  warning: { icon: '⚠️', color: 'Warning' },
  breached: { icon: '🚨', color: 'Attention' },
  achieved: { icon: '✅', color: 'Good' },
  cancelled: { icon: '➖', color: 'Default' },
} as const;

function headline(v: AlertView): { text: string; color: string } {
  const look = LOOK[v.state.kind];
  return { text: `${look.icon} ${alertHeadline(v)}`, color: look.color };
}

/**
 * An alert as an Adaptive Card: the state, the ticket, its facts and (while the cycle is open)
 * Acknowledge, Snooze and Open ticket. The assignee is mentioned when we know their Teams id.
 */
export function alertCard(v: AlertView): Card {
  const { text, color } = headline(v);
  const ticket = cut(v.subject ? `${v.ticket} ${v.subject}` : v.ticket, 300);
  const url = safeUrl(v.url);
  const mention = v.assignee?.user ? `<at>${plain(v.assignee.name)}</at>` : undefined;
  const when =
    v.state.kind === 'breached' && v.breachedAt !== null
      ? { title: 'Breached', value: localTime(v.breachedAt) }
      : { title: 'Due', value: v.dueAt === null ? 'not running' : localTime(v.dueAt) };
  const body: CardElement[] = [
    textBlock(text, { weight: 'Bolder', size: 'Medium', color }),
    {
      type: 'RichTextBlock',
      inlines: [
        {
          type: 'TextRun',
          text: ticket,
          ...(url ? { selectAction: { type: 'Action.OpenUrl', url } } : {}),
        },
      ],
    },
    {
      type: 'FactSet',
      facts: [
        { title: 'Priority', value: plain(v.priority ?? 'none') },
        { title: 'Team', value: plain(v.team ?? 'none') },
        { title: 'Assignee', value: mention ?? plain(v.assignee?.name ?? 'unassigned') },
        when,
      ],
    },
  ];
  const notes = [
    v.state.kind === 'warning' ? `Warning level ${plain(v.state.level)} reached` : undefined,
    v.late ? 'Noticed late (the monitor was behind)' : undefined,
    v.note ? plain(v.note) : undefined,
  ].filter((n): n is string => n !== undefined);
  if (notes.length) body.push(textBlock(notes.join(' · '), { isSubtle: true, size: 'Small' }));
  const key = { ticket: v.ticket, metric: v.metric, cycle: v.cycle };
  const actions: CardElement[] = [];
  if (v.state.kind === 'warning') {
    actions.push(execute('Acknowledge', { verb: 'ack', ...key }));
    actions.push({
      type: 'Action.ShowCard',
      title: 'Snooze',
      card: {
        type: 'AdaptiveCard',
        body: [],
        actions: SNOOZE_CHOICES.map((choice) =>
          execute(SNOOZE_LABELS[choice] ?? choice, { verb: 'snooze', ...key, choice }),
        ),
      },
    });
  }
  if (url) actions.push({ type: 'Action.OpenUrl', title: 'Open ticket', url });
  const entities =
    mention && v.assignee?.user
      ? [
          {
            type: 'mention',
            text: mention,
            mentioned: { id: v.assignee.user, name: v.assignee.name },
          },
        ]
      : [];
  return card(body, actions, entities);
}
