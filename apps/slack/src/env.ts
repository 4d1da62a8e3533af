import { DEFAULT_DATA_DIR, resolveDataDir } from '@breachless/db';
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** The Slack app's environment (docs/operations.md is generated from it). */
export const slackEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional().describe('PostgreSQL URL; unset, the embedded PGlite'),
  BREACHLESS_DATA_DIR: z
    .string()
    .default(DEFAULT_DATA_DIR)
    .describe(
      "PGlite's data directory when DATABASE_URL is unset; a relative one is taken from the folder the command was run in (npm's INIT_CWD), so every `npm start -w ...` from the root opens the root's",
    ),
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(3000)
    .describe('HTTP port of /slack/events, /slack/install, /healthz; 0 picks a free one'),
  SLACK_SIGNING_SECRET: optional.describe('HTTP mode: verifies every request from Slack'),
  SLACK_BOT_TOKEN: optional.describe(
    'one workspace: its bot token xoxb-... (serves tenant default)',
  ),
  SLACK_APP_TOKEN: optional.describe(
    'Socket Mode (local development, no public URL): the xapp-... token',
  ),
  SLACK_CLIENT_ID: optional.describe('OAuth installs of many workspaces, with the next two'),
  SLACK_CLIENT_SECRET: optional.describe('OAuth installs: the client secret'),
  SLACK_STATE_SECRET: optional.describe('OAuth installs: any long random string'),
  SLACK_API_URL: z
    .string()
    .url()
    .optional()
    .describe('another Web API base (a proxy; the tests use a fake)'),
  SLACK_MANAGERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .describe(
      'Slack user ids, comma-separated, who may manage subscriptions besides admins and owners',
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
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

export type SlackEnv = z.infer<typeof slackEnvSchema>;

/**
 * Validates the Slack app's environment once, at start.
 * @param cwd the working directory a relative BREACHLESS_DATA_DIR is taken from without INIT_CWD
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): SlackEnv {
  const result = slackEnvSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)),
    ...missingCredentials(env),
  ];
  if (result.success && problems.length === 0)
    // Relative to the folder the user ran the command in, not the workspace npm runs it in.
    return {
      ...result.data,
      BREACHLESS_DATA_DIR: resolveDataDir(result.data.BREACHLESS_DATA_DIR, env, cwd),
    };
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
