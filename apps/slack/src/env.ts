import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const schema = z
  .object({
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
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine((env, ctx) => {
    const oauth = [env.SLACK_CLIENT_ID, env.SLACK_CLIENT_SECRET, env.SLACK_STATE_SECRET];
    if (!env.SLACK_BOT_TOKEN && oauth.some((v) => !v))
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message:
          'set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth installs)',
      });
    if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required in HTTP mode (set SLACK_APP_TOKEN instead for Socket Mode)',
      });
  });

export type SlackEnv = z.infer<typeof schema>;

/**
 * Validates the Slack app's environment once, at start.
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(env: Record<string, string | undefined>): SlackEnv {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
