/** An Adaptive Card element or action: plain JSON as the schema describes it. */
export type CardElement = Record<string, unknown>;

/** A whole card, version 1.5 (what Teams renders). */
export interface Card {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: '1.5';
  readonly body: CardElement[];
  readonly actions?: CardElement[];
  readonly msteams?: Record<string, unknown>;
}

/** Teams refuses a message over about 28 KB; cards stop adding lines well before. */
export const MAX_LIST_LINES = 40;

/** A card of `body` (and `actions`), full width in Teams. */
export function card(
  body: CardElement[],
  actions: CardElement[] = [],
  entities: CardElement[] = [],
): Card {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full', ...(entities.length ? { entities } : {}) },
  };
}

export const textBlock = (text: string, extra: CardElement = {}): CardElement => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

/** "Showing N of M." under a cut list. */
export function shownOf(shown: number, total: number): CardElement[] {
  return shown < total
    ? [textBlock(`Showing ${shown} of ${total}.`, { isSubtle: true, size: 'Small' })]
    : [];
}
