import type { ChatView, HomeView } from '@breachless/chat';
import type { KnownBlock, MessageMetadata } from '@slack/types';
import { alertBlocks } from './alert.js';
import { header } from './chunks.js';
import { digestBlocks } from './digest.js';
import { LIMITS } from './limits.js';
import { escapeMrkdwn } from './mrkdwn.js';
import {
  cycleListBlocks,
  noticeBlocks,
  statsBlocks,
  subscriptionsBlocks,
  ticketBlocks,
} from './reports.js';

/** A message's Block Kit and the plain text notifications show. */
export interface Rendered {
  readonly text: string;
  readonly blocks: KnownBlock[];
  /** Alerts say which cycle and level they announce (alert.ts). */
  readonly metadata?: MessageMetadata;
}

/**
 * Renders a view as a message, within Slack's limits (50 blocks, text lengths). The fallback
 * text phones and screen readers show is mrkdwn too, where Slack acts on `<!channel>`: it is
 * escaped here, once for every view, since it repeats subjects and typed arguments.
 */
export function render(view: ChatView, maxBlocks: number = LIMITS.messageBlocks): Rendered {
  const rendered = renderBlocks(view, maxBlocks);
  return { ...rendered, text: escapeMrkdwn(rendered.text) };
}

function renderBlocks(view: ChatView, maxBlocks: number): Rendered {
  switch (view.kind) {
    case 'alert':
      return alertBlocks(view);
    case 'notice':
      return noticeBlocks(view);
    case 'stats':
      return statsBlocks(view, maxBlocks);
    case 'at-risk':
    case 'breached':
      return cycleListBlocks(view, maxBlocks);
    case 'ticket':
      return ticketBlocks(view, maxBlocks);
    case 'subscriptions':
      return subscriptionsBlocks(view, maxBlocks);
    case 'home':
      return homeBlocks(view);
    case 'digest':
      return digestBlocks(view, maxBlocks);
  }
}

/** The App Home tab: my at-risk tickets, my team's compliance today (100 blocks at most). */
function homeBlocks(v: HomeView): Rendered {
  const blocks: KnownBlock[] = [header('Breachless')];
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: v.agent
          ? `Linked to helpdesk agent ${v.agent.replaceAll('<', '&lt;')}.`
          : 'Not linked to a helpdesk agent: `/sla link you@example.com` shows your own tickets here.',
      },
    ],
  });
  const half = Math.floor((LIMITS.homeBlocks - blocks.length) / 2);
  blocks.push(...render(v.atRisk, half).blocks);
  blocks.push({ type: 'divider' });
  blocks.push(...render(v.today, LIMITS.homeBlocks - blocks.length).blocks);
  return { text: 'Breachless home', blocks };
}
