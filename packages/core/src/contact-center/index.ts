export { type Classified, classify, InteractionError } from './classify.js';
export { checkInteractions } from './parse.js';
export { queueStats } from './queue-stats.js';
export { abandonmentRate, averageSpeedOfAnswer, serviceLevel } from './service-level.js';
export type {
  QueueInteraction,
  QueueStats,
  QueueStatsOptions,
  ServiceLevelOptions,
} from './types.js';
