/**
 * The Slack bot scopes Breachless needs, shared by the Slack app (OAuth installs), its
 * manifest test and `breachless doctor` (which checks an installed token has them all).
 */
export const SLACK_BOT_SCOPES = [
  'chat:write',
  'commands',
  'files:write',
  'im:write',
  'users:read',
  'users:read.email',
  'channels:read',
  'groups:read',
] as const;
