export { createSlackApp, type SlackAppOptions } from './app.js';
export { slackDelivery } from './delivery.js';
export type { SlackDeps } from './deps.js';
export { readEnv, type SlackEnv } from './env.js';
