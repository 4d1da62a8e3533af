export { createApp } from './app.js';
export type { AppDeps } from './context.js';
export { DEFAULT_REQUEST_TIMEOUT_MS } from './deadline.js';
export { HttpError } from './errors.js';
export { DEFAULT_MAX_WEBHOOK_BYTES } from './routes/webhooks.js';
