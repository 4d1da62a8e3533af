import { type AlertView, alertHeadline, truncate } from '@breachless/chat';
import type { ActionsBlock, KnownBlock, MessageMetadata } from '@slack/types';
import { LIMITS } from './limits.js';
import { date, escapeMrkdwn, link, who } from './mrkdwn.js';

/** The action ids of an alert's controls; the cycle they act on is in the block id. */
export const ACTIONS = { ack: 'sla_ack', snooze: 'sla_snooze', open: 'sla_open' } as const;

/** Snooze choices: option value and label. */
export const SNOOZES = [
  ['30m', '30 minutes'],
  ['1h', '1 hour'],
  ['next-business-day', 'Until next business day'],
] as const;

/** Which cycle an alert's buttons act on, kept in the actions block's id. */
export interface CycleKey {
  readonly ticket: string;
  readonly metric: string;
  readonly cycle: number;
}

export const cycleBlockId = (k: CycleKey) =>
  `sla:${JSON.stringify([k.ticket, k.metric, k.cycle])}`.slice(0, LIMITS.blockId);

/** Reads a cycle back from a block id; undefined for anything we did not write. */
export function readCycleBlockId(blockId: string | undefined): CycleKey | undefined {
  if (!blockId?.startsWith('sla:')) return undefined;
  try {
    const [ticket, metric, cycle] = JSON.parse(blockId.slice(4)) as unknown[];
    if (typeof ticket === 'string' && typeof metric === 'string' && Number.isInteger(cycle))
      return { ticket, metric, cycle: cycle as number };
  } catch {
    // Not ours, or cut at the block id limit: fall through.
  }
  return undefined;
}

const ICONS = {
  warning: ':warning:',
  breached: ':rotating_light:',
  achieved: ':white_check_mark:',
  cancelled: ':heavy_minus_sign:',
} as const;

function headline(v: AlertView): { icon: string; words: string } {
  return { icon: ICONS[v.state.kind], words: alertHeadline(v) };
}

/**
 * An alert as Block Kit: what is due or breached, on which ticket, for whom, and (while the
 * cycle is open) the buttons to acknowledge, snooze or open it. `text` is the notification
 * line phones show.
 */
export function alertBlocks(v: AlertView): {
  text: string;
  blocks: KnownBlock[];
  metadata: MessageMetadata;
} {
  const { icon, words } = headline(v);
  const ticket = v.subject ? `${v.ticket} ${v.subject}` : v.ticket;
  const title = `${icon} *${escapeMrkdwn(words)}* · ${link(v.url, truncate(ticket, 200))}`;
  const fields = [
    `*Priority*\n${escapeMrkdwn(v.priority ?? 'none')}`,
    `*Team*\n${escapeMrkdwn(v.team ?? 'none')}`,
    `*Assignee*\n${who(v.assignee)}`,
    v.state.kind === 'breached' && v.breachedAt !== null
      ? `*Breached*\n${date(v.breachedAt, 'UTC')}`
      : `*Due*\n${v.dueAt === null ? 'not running' : date(v.dueAt, 'UTC')}`,
  ];
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(title, LIMITS.sectionText) } },
    {
      type: 'section',
      fields: fields.map((f) => ({ type: 'mrkdwn', text: truncate(f, LIMITS.fieldText) })),
    },
  ];
  const notes = [
    v.state.kind === 'warning' ? `Warning level ${escapeMrkdwn(v.state.level)} reached` : undefined,
    v.late ? 'Noticed late (the monitor was behind)' : undefined,
    v.note ? escapeMrkdwn(v.note) : undefined,
  ].filter((n): n is string => n !== undefined);
  if (notes.length > 0)
    blocks.push({ type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn', text })) });
  const actions = controls(v);
  if (actions) blocks.push(actions);
  return {
    text: truncate(`${words}: ${ticket}`, LIMITS.messageText),
    blocks,
    metadata: alertMetadata(v),
  };
}

/** The event type of an alert's message metadata. */
const ALERT_EVENT_TYPE = 'breachless_sla_alert';

/**
 * Which cycle and level a message announces, as Slack message metadata: workflows and other
 * apps can act on alerts without parsing their text, and one message is one notification.
 */
function alertMetadata(v: AlertView): MessageMetadata {
  const level =
    v.state.kind === 'warning' ? v.state.level : v.state.kind === 'breached' ? 'breach' : null;
  return {
    event_type: ALERT_EVENT_TYPE,
    event_payload: {
      ticket: v.ticket,
      metric: v.metric,
      cycle: v.cycle,
      state: v.state.kind,
      ...(level === null ? {} : { level }),
    },
  };
}

function controls(v: AlertView): ActionsBlock | undefined {
  const open = v.state.kind === 'warning';
  const elements: ActionsBlock['elements'] = [];
  if (open) {
    elements.push({
      type: 'button',
      action_id: ACTIONS.ack,
      text: { type: 'plain_text', text: 'Acknowledge' },
      style: 'primary',
    });
    elements.push({
      type: 'static_select',
      action_id: ACTIONS.snooze,
      placeholder: { type: 'plain_text', text: 'Snooze' },
      options: SNOOZES.map(([value, label]) => ({
        value,
        text: { type: 'plain_text', text: label },
      })),
    });
  }
  if (v.url && /^https?:\/\//.test(v.url))
    elements.push({
      type: 'button',
      action_id: ACTIONS.open,
      text: { type: 'plain_text', text: 'Open ticket' },
      url: v.url.slice(0, 3000),
    });
  return elements.length > 0 ? { type: 'actions', block_id: cycleBlockId(v), elements } : undefined;
}
