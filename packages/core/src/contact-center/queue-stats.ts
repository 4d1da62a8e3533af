import { abandonmentRate, averageSpeedOfAnswer, classify, serviceLevel } from './service-level.js';
import type { QueueInteraction, QueueStats, ServiceLevelOptions } from './types.js';

/**
 * The figures per queue (and per channel with `byChannel`), sorted by queue then channel:
 * what a contact-center lead reads every morning.
 */
export function queueStats(
  interactions: Iterable<QueueInteraction>,
  options: ServiceLevelOptions & { byChannel?: boolean },
): QueueStats[] {
  const groups = new Map<
    string,
    { queue: string; channel: string | null; items: QueueInteraction[] }
  >();
  for (const i of interactions) {
    const channel = options.byChannel ? (i.channel ?? null) : null;
    const key = JSON.stringify([i.queue, channel]);
    const group = groups.get(key) ?? { queue: i.queue, channel, items: [] };
    group.items.push(i);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) =>
      a.queue === b.queue
        ? String(a.channel ?? '').localeCompare(String(b.channel ?? ''))
        : a.queue < b.queue
          ? -1
          : 1,
    )
    .map(({ queue, channel, items }) => {
      const split = classify(items, options.shortAbandonSeconds);
      return {
        queue,
        ...(options.byChannel ? { channel } : {}),
        offered: split.offered,
        answered: split.answered.length,
        abandoned: split.abandoned.length,
        shortAbandoned: split.shortAbandoned,
        serviceLevelPct: serviceLevel(items, options),
        averageSpeedOfAnswerSeconds: averageSpeedOfAnswer(items),
        abandonmentRatePct: abandonmentRate(items, options),
      };
    });
}
