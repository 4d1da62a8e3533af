export { createApp } from './app.js';
export type { AppDeps } from './context.js';
export { type ApiEnv, readEnv } from './env.js';
