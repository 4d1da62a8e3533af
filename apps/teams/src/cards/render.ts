import type { ChatView } from '@breachless/chat';
import { alertCard } from './alert.js';
import type { Card } from './card.js';
import { digestCard } from './digest.js';
import { cycleListCard, noticeCard, statsCard, subscriptionsCard, ticketCard } from './reports.js';

/** Renders a view as an Adaptive Card 1.5. Teams has no home tab here: the home view is a list. */
export function render(view: ChatView): Card {
  switch (view.kind) {
    case 'alert':
      return alertCard(view);
    case 'notice':
      return noticeCard(view);
    case 'stats':
      return statsCard(view);
    case 'at-risk':
    case 'breached':
      return cycleListCard(view);
    case 'ticket':
      return ticketCard(view);
    case 'subscriptions':
      return subscriptionsCard(view);
    case 'home':
      return cycleListCard(view.atRisk);
    case 'digest':
      return digestCard(view);
  }
}

/** A card as a Bot Framework attachment. */
export function attachment(card: Card) {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
