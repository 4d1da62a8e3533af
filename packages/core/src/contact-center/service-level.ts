import { BreachlessError } from '../errors.js';
import type { QueueInteraction, ServiceLevelOptions } from './types.js';

/** A queue interaction that cannot have happened: answered and abandoned, or before its offer. */
export class InteractionError extends BreachlessError {
  readonly code = 'interaction_invalid';
  readonly interactionId: string;

  constructor(interactionId: string, message: string) {
    super(`interaction ${interactionId}: ${message}`);
    this.name = 'InteractionError';
    this.interactionId = interactionId;
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function check(i: QueueInteraction): void {
  if (i.answeredAt !== undefined && i.abandonedAt !== undefined)
    throw new InteractionError(i.id, 'both answered and abandoned');
  if ((i.answeredAt ?? i.offeredAt) < i.offeredAt)
    throw new InteractionError(i.id, 'answered before it was offered');
  if ((i.abandonedAt ?? i.offeredAt) < i.offeredAt)
    throw new InteractionError(i.id, 'abandoned before it was offered');
}

/** Whether an abandon is short enough to ignore: callers who hung up at once never waited. */
function isShortAbandon(i: QueueInteraction, shortAbandonSeconds: number | undefined): boolean {
  return (
    i.abandonedAt !== undefined &&
    shortAbandonSeconds !== undefined &&
    i.abandonedAt - i.offeredAt < shortAbandonSeconds * 1000
  );
}

/**
 * Splits interactions into answered, abandoned and short abandons (ignored everywhere:
 * in service level, in abandonment rate and in `offered`). Still-waiting ones are offered only.
 * @throws InteractionError for an interaction that cannot have happened
 */
export function classify(interactions: Iterable<QueueInteraction>, shortAbandonSeconds?: number) {
  const answered: QueueInteraction[] = [];
  const abandoned: QueueInteraction[] = [];
  let offered = 0;
  let shortAbandoned = 0;
  for (const i of interactions) {
    check(i);
    if (isShortAbandon(i, shortAbandonSeconds)) {
      shortAbandoned++;
      continue;
    }
    offered++;
    if (i.answeredAt !== undefined) answered.push(i);
    else if (i.abandonedAt !== undefined) abandoned.push(i);
  }
  return { offered, answered, abandoned, shortAbandoned };
}

/**
 * Service level: answered within the threshold / (answered + abandoned) x 100, or over
 * answered alone with `abandoned: 'exclude'`. `null` when the denominator is 0.
 */
export function serviceLevel(
  interactions: Iterable<QueueInteraction>,
  options: ServiceLevelOptions,
): number | null {
  const { answered, abandoned } = classify(interactions, options.shortAbandonSeconds);
  const within = answered.filter(
    (i) => (i.answeredAt as number) - i.offeredAt <= options.thresholdSeconds * 1000,
  ).length;
  const denominator = answered.length + (options.abandoned === 'exclude' ? 0 : abandoned.length);
  return denominator === 0 ? null : round2((within / denominator) * 100);
}

/** Average speed of answer in seconds over answered interactions; `null` when none was. */
export function averageSpeedOfAnswer(interactions: Iterable<QueueInteraction>): number | null {
  const { answered } = classify(interactions);
  if (answered.length === 0) return null;
  const total = answered.reduce((sum, i) => sum + ((i.answeredAt as number) - i.offeredAt), 0);
  return round2(total / answered.length / 1000);
}

/** Abandoned / offered x 100, short abandons left out of both; `null` when nothing was offered. */
export function abandonmentRate(
  interactions: Iterable<QueueInteraction>,
  options: { shortAbandonSeconds?: number } = {},
): number | null {
  const { offered, abandoned } = classify(interactions, options.shortAbandonSeconds);
  return offered === 0 ? null : round2((abandoned.length / offered) * 100);
}
