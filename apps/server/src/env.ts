import { DEFAULT_DATA_DIR, resolveDataDir } from '@breachless/db';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** The standalone server's environment (docs/operations.md lists it, generated from here). */
export const serverEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional().describe('PostgreSQL; unset, the embedded PGlite'),
  BREACHLESS_DATA_DIR: z
    .string()
    .default(DEFAULT_DATA_DIR)
    .describe(
      "PGlite's data directory, a relative one taken from the folder the command was run in (npm's INIT_CWD); the demo keeps its digest charts in DIR-demo (its position is in the database)",
    ),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000).describe('the HTTP API'),
  BREACHLESS_DEMO: flag.describe('replay the sample ServiceNow log, shifted to the present'),
  BREACHLESS_DEMO_SPEED: z.coerce
    .number()
    .positive()
    .max(1_000_000)
    .default(480)
    .describe(
      'simulated seconds per real second in the demo (480: an hour in 7.5 s, a day in 3 minutes, an alert read before the next)',
    ),
  BREACHLESS_TICK_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(60_000)
    .default(1000)
    .describe('real milliseconds between two rounds of ingest, scan and delivery'),
  BREACHLESS_CONSOLE_CHANNEL: z
    .string()
    .min(1)
    .default('#support')
    .describe('the console channel the demo subscribes to alerts and a daily digest'),
  SLACK_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(3002)
    .describe('port of the Slack app the server starts when Slack is configured (PostgreSQL only)'),
  TEAMS_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(3978)
    .describe(
      'port of the Teams bot the server starts when MICROSOFT_APP_ID is set (PostgreSQL only)',
    ),
  SLACK_CLIENT_ID: optional.describe(
    "the Slack app's client id: with SLACK_CLIENT_SECRET, the console offers Sign in with Slack (and the Slack app installs by OAuth)",
  ),
  SLACK_CLIENT_SECRET: optional.describe("the Slack app's client secret"),
  SLACK_API_URL: z
    .string()
    .url()
    .optional()
    .describe('another Slack Web API base (a proxy; the tests use a fake)'),
  BREACHLESS_CONSOLE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      "where browsers reach the console: the base of Sign in with Slack's redirect URL; unset, each request's own origin",
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('warn')
    .describe('pino level; warn keeps the console for chat messages'),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/**
 * Validates the environment once, at start.
 * @param cwd the working directory a relative BREACHLESS_DATA_DIR is taken from without INIT_CWD
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): ServerEnv {
  const result = serverEnvSchema.safeParse(env);
  if (result.success)
    // Relative to the folder the user ran the command in, not the workspace npm runs it in.
    return {
      ...result.data,
      BREACHLESS_DATA_DIR: resolveDataDir(result.data.BREACHLESS_DATA_DIR, env, cwd),
    };
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
