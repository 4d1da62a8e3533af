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

/** Interactions split by how they ended, short abandons taken out. */
export interface Classified {
  /** Every interaction but the short abandons: answered, abandoned and still waiting. */
  readonly offered: number;
  readonly answered: readonly QueueInteraction[];
  readonly abandoned: readonly QueueInteraction[];
  /** Offered and neither answered nor abandoned (yet). */
  readonly waiting: number;
  /** Abandoned sooner than `shortAbandonSeconds` after the offer: ignored everywhere else. */
  readonly shortAbandoned: number;
}

function check(i: QueueInteraction): void {
  if (!Number.isFinite(i.offeredAt))
    throw new InteractionError(i.id, 'offeredAt is not an instant');
  if (i.answeredAt !== undefined && i.abandonedAt !== undefined)
    throw new InteractionError(i.id, 'both answered and abandoned');
  for (const [name, at] of [
    ['answered', i.answeredAt],
    ['abandoned', i.abandonedAt],
  ] as const) {
    if (at === undefined) continue;
    if (!Number.isFinite(at)) throw new InteractionError(i.id, `${name}At is not an instant`);
    if (at < i.offeredAt) throw new InteractionError(i.id, `${name} before it was offered`);
  }
}

/**
 * Short abandons are strictly under the limit (semantics.md: "under N seconds"): a caller who
 * hangs up at once never really waited, so the contact is as if it had not been offered.
 */
function isShortAbandon(i: QueueInteraction, shortAbandonSeconds: number | undefined): boolean {
  return (
    i.abandonedAt !== undefined &&
    shortAbandonSeconds !== undefined &&
    i.abandonedAt - i.offeredAt < shortAbandonSeconds * 1000
  );
}

/**
 * Checks the options of the queue figures.
 * @throws RangeError for a threshold or short-abandon limit that is not a number of seconds >= 0
 */
export function checkOptions(options: Partial<ServiceLevelOptions>): void {
  for (const name of ['thresholdSeconds', 'shortAbandonSeconds'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw new RangeError(`${name} must be a number of seconds >= 0, not ${value}`);
  }
  if (options.abandoned !== undefined && !['count', 'exclude'].includes(options.abandoned))
    throw new RangeError(`abandoned must be "count" or "exclude", not "${options.abandoned}"`);
}

/**
 * Splits interactions into answered, abandoned, still waiting and short abandons. Short
 * abandons are left out of everything (service level, abandonment rate and `offered`).
 * @throws InteractionError for an interaction that cannot have happened: answered and
 *   abandoned, answered or abandoned before it was offered, or an instant that is not a number
 */
export function classify(
  interactions: Iterable<QueueInteraction>,
  shortAbandonSeconds?: number,
): Classified {
  checkOptions({ shortAbandonSeconds });
  const answered: QueueInteraction[] = [];
  const abandoned: QueueInteraction[] = [];
  let offered = 0;
  let waiting = 0;
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
    else waiting++;
  }
  return { offered, answered, abandoned, waiting, shortAbandoned };
}
