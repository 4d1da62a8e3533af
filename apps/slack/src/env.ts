import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  BREACHLESS_DATA_DIR: z.string().default('./.breachless'),
  /** HTTP port of `/slack/events`, `/slack/install`, `/healthz`; 0 picks a free one. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  SLACK_SIGNING_SECRET: optional,
  /** Single-workspace install: the bot token of the one workspace (serves tenant `default`). */
  SLACK_BOT_TOKEN: optional,
  /** Socket Mode (local development, no public URL): the app-level token `xapp-...`. */
  SLACK_APP_TOKEN: optional,
  /** Multi-workspace OAuth installs. */
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  /** Another Web API base (a proxy; the tests' fake). */
  SLACK_API_URL: z.string().url().optional(),
  /** Slack user ids allowed to manage channel subscriptions besides admins and owners. */
  SLACK_MANAGERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Which credentials go together, checked on the raw variables so these problems are listed
 * with the others even when a field is malformed (zod skips refinements then).
 */
function missingCredentials(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const has = (k: string) => Boolean(env[k]);
  const oauth = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'];
  if (!has('SLACK_BOT_TOKEN') && !oauth.every(has))
    problems.push(
      '  SLACK_BOT_TOKEN: set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth installs)',
    );
  if (!has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET'))
    problems.push(
      '  SLACK_SIGNING_SECRET: required in HTTP mode (set SLACK_APP_TOKEN instead for Socket Mode)',
    );
  return problems;
}

export type SlackEnv = z.infer<typeof schema>;

/**
 * Validates the Slack app's environment once, at start.
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(env: Record<string, string | undefined>): SlackEnv {
  const result = schema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)),
    ...missingCredentials(env),
  ];
  if (result.success && problems.length === 0) return result.data;
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
