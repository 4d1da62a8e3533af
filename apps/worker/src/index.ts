export { readEnv, type WorkerEnv } from './env.js';
