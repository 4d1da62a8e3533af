// What each tenant owns besides its tickets: API tokens, webhook secrets, its stored config and
// the engine compiled from it.
// The one entry other folders and @breachless/db import this folder through.
export {
  configVersion,
  currentConfig,
  currentConfigVersion,
  insertConfig,
  type StoredConfig,
  saveConfig,
} from './config-store.js';
export { type WebhookCredentials, WebhookCredentialsReader } from './credentials-reader.js';
export { EngineCache } from './engine-cache.js';
export type { VerifiedToken } from './token-secret.js';
export { TokenVerifier } from './token-verifier.js';
export { createToken, revokeToken, verifyToken } from './tokens.js';
export { addWebhookSecret, removeWebhookSecrets } from './webhook-secrets.js';
