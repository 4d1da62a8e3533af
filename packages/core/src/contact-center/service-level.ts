import { type Classified, checkOptions, classify } from './classify.js';
import type { QueueInteraction, ServiceLevelOptions } from './types.js';

// Halves up after scaling, so 14.375% is 14.38 as a database's round(numeric, 2) says.
const percent = (part: number, whole: number) => Math.round((part * 10_000) / whole) / 100;

/**
 * Service level of a split: answered within the threshold (inclusive: answered at exactly
 * 20 s is within 20 s) over answered + abandoned, or over answered alone with
 * `abandoned: 'exclude'`. Still-waiting contacts are in neither: they have no outcome yet.
 */
export function serviceLevelOf(split: Classified, options: ServiceLevelOptions): number | null {
  const limitMs = options.thresholdSeconds * 1000;
  const within = split.answered.filter(
    (i) => (i.answeredAt as number) - i.offeredAt <= limitMs,
  ).length;
  const denominator =
    split.answered.length + (options.abandoned === 'exclude' ? 0 : split.abandoned.length);
  return denominator === 0 ? null : percent(within, denominator);
}

/** Average speed of answer of a split, in seconds to two decimals. */
export function averageSpeedOfAnswerOf(split: Classified): number | null {
  if (split.answered.length === 0) return null;
  const totalMs = split.answered.reduce(
    (sum, i) => sum + ((i.answeredAt as number) - i.offeredAt),
    0,
  );
  return Math.round(totalMs / (10 * split.answered.length)) / 100;
}

/** Abandonment rate of a split: abandoned / offered x 100 (short abandons are in neither). */
export function abandonmentRateOf(split: Classified): number | null {
  return split.offered === 0 ? null : percent(split.abandoned.length, split.offered);
}

/**
 * Service level (semantics.md section 7): answered within `thresholdSeconds` / (answered +
 * abandoned) x 100, two decimals. With `abandoned: 'exclude'` abandons leave the denominator;
 * with `shortAbandonSeconds` abandons sooner than that after the offer are ignored (out of
 * numerator and denominator). `null` when the denominator is 0.
 * @throws InteractionError for an interaction that cannot have happened
 * @throws RangeError for options that are not seconds >= 0
 */
export function serviceLevel(
  interactions: Iterable<QueueInteraction>,
  options: ServiceLevelOptions,
): number | null {
  checkOptions(options);
  return serviceLevelOf(classify(interactions, options.shortAbandonSeconds), options);
}

/**
 * Average speed of answer: the mean wait of answered interactions from offer to answer, in
 * seconds to two decimals; `null` when none was answered.
 * @throws InteractionError for an interaction that cannot have happened
 */
export function averageSpeedOfAnswer(interactions: Iterable<QueueInteraction>): number | null {
  return averageSpeedOfAnswerOf(classify(interactions));
}

/**
 * Abandonment rate: abandoned / offered x 100, two decimals, where offered counts answered,
 * abandoned and still-waiting interactions. Short abandons (`shortAbandonSeconds`) are left
 * out of both, as if never offered. `null` when nothing was offered.
 * @throws InteractionError for an interaction that cannot have happened
 */
export function abandonmentRate(
  interactions: Iterable<QueueInteraction>,
  options: { shortAbandonSeconds?: number } = {},
): number | null {
  return abandonmentRateOf(classify(interactions, options.shortAbandonSeconds));
}
