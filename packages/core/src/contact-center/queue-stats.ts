import { checkOptions, classify } from './classify.js';
import { abandonmentRateOf, averageSpeedOfAnswerOf, serviceLevelOf } from './service-level.js';
import type { QueueInteraction, QueueStats, QueueStatsOptions } from './types.js';

interface Group {
  readonly queue: string;
  readonly channel: string | null;
  readonly items: QueueInteraction[];
}

/**
 * The figures per queue (and per channel with `byChannel`; a missing channel is `null`):
 * counts offered, answered, abandoned, waiting and short-abandoned, service level, average
 * speed of answer and abandonment rate, each as its own function computes it. Sorted by
 * queue, then channel, in ordinal order with a missing channel last.
 * @throws InteractionError for an interaction that cannot have happened
 * @throws RangeError for options that are not seconds >= 0
 */
export function queueStats(
  interactions: Iterable<QueueInteraction>,
  options: QueueStatsOptions,
): QueueStats[] {
  checkOptions(options);
  const groups = new Map<string, Group>();
  for (const i of interactions) {
    const channel = options.byChannel ? (i.channel ?? null) : null;
    const key = JSON.stringify([i.queue, channel]);
    let group = groups.get(key);
    if (!group) {
      group = { queue: i.queue, channel, items: [] };
      groups.set(key, group);
    }
    group.items.push(i);
  }
  return [...groups.values()].sort(compareGroups).map(({ queue, channel, items }) => {
    // One split per group, so every figure of a row reads the same interactions.
    const split = classify(items, options.shortAbandonSeconds);
    return {
      queue,
      ...(options.byChannel ? { channel } : {}),
      offered: split.offered,
      answered: split.answered.length,
      abandoned: split.abandoned.length,
      waiting: split.waiting,
      shortAbandoned: split.shortAbandoned,
      serviceLevelPct: serviceLevelOf(split, options),
      averageSpeedOfAnswerSeconds: averageSpeedOfAnswerOf(split),
      abandonmentRatePct: abandonmentRateOf(split),
    };
  });
}

// Ordinal order (the same on every machine), with "no channel" after the named ones.
function compareGroups(a: Group, b: Group): number {
  if (a.queue !== b.queue) return a.queue < b.queue ? -1 : 1;
  if (a.channel === b.channel) return 0;
  if (a.channel === null) return 1;
  if (b.channel === null) return -1;
  return a.channel < b.channel ? -1 : 1;
}
