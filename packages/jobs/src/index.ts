export { runDigests } from './digests.js';
export { type WorkerMetrics, workerMetrics } from './metrics.js';
export { Worker, type WorkerOptions } from './worker.js';
