export { queueStats } from './queue-stats.js';
export {
  abandonmentRate,
  averageSpeedOfAnswer,
  classify,
  InteractionError,
  serviceLevel,
} from './service-level.js';
export type { QueueInteraction, QueueStats, ServiceLevelOptions } from './types.js';
