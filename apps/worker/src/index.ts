export { readEnv, type WorkerEnv } from './env.js';
export { type WorkerMetrics, workerMetrics } from './metrics.js';
export { Worker, type WorkerOptions } from './worker.js';
