export { type ApiEnv, readEnv } from './env.js';
