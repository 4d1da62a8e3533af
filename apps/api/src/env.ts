import { DEFAULT_DATA_DIR, resolveDataDir } from '@breachless/db';
import { DEFAULT_MAX_WEBHOOK_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '@breachless/http';
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** The API's environment (docs/operations.md is generated from it). */
export const apiEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional().describe('PostgreSQL URL; unset, the embedded PGlite'),
  BREACHLESS_DATA_DIR: z
    .string()
    .default(DEFAULT_DATA_DIR)
    .describe(
      "PGlite's data directory when DATABASE_URL is unset; a relative one is taken from the folder the command was run in (npm's INIT_CWD), so every `npm start -w ...` from the root opens the root's",
    ),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000).describe('HTTP port of the API'),
  BREACHLESS_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(5 * 1024 * 1024)
    .describe('largest request body accepted, in bytes (413 beyond)'),
  BREACHLESS_TICKET_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024)
    .describe(
      'memory the API may keep of recently evaluated tickets so that their next event costs what it changes, in bytes (estimated)',
    ),
  BREACHLESS_MAX_WEBHOOK_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_MAX_WEBHOOK_BYTES)
    .describe('largest helpdesk webhook body accepted, in bytes (413 beyond)'),
  // setTimeout's largest delay: a longer one would fire at once.
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .default(DEFAULT_REQUEST_TIMEOUT_MS)
    .describe(
      'a request taking longer answers 503 and its work stops; also the time a client has to send it',
    ),
  HEADERS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .default(10_000)
    .describe('the time a client has to send its request headers (408 and closed beyond)'),
  SLACK_CLIENT_ID: optional.describe(
    "the console's Sign in with Slack: the Slack app's client id (with SLACK_CLIENT_SECRET)",
  ),
  SLACK_CLIENT_SECRET: optional.describe("Sign in with Slack: the Slack app's client secret"),
  SLACK_API_URL: z
    .string()
    .url()
    .optional()
    .describe('Sign in with Slack: another Web API base (a proxy; the tests use a fake)'),
  BREACHLESS_CONSOLE_URL: z
    .string()
    .url()
    .optional()
    .describe(
      "where browsers reach the console (https://sla.example.com): the base of the redirect URL registered in the Slack app; unset, each request's own origin",
    ),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;

/**
 * Validates the API's environment once, at start.
 * @param cwd the working directory a relative BREACHLESS_DATA_DIR is taken from without INIT_CWD
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): ApiEnv {
  const result = apiEnvSchema.safeParse(env);
  // Checked on the raw variables, so it is listed with the others even when one is malformed.
  const pair =
    Boolean(env.SLACK_CLIENT_ID) === Boolean(env.SLACK_CLIENT_SECRET)
      ? []
      : [
          '  SLACK_CLIENT_SECRET: Sign in with Slack needs SLACK_CLIENT_ID and SLACK_CLIENT_SECRET together',
        ];
  if (result.success && pair.length === 0)
    // Relative to the folder the user ran the command in, not the workspace npm runs it in.
    return {
      ...result.data,
      BREACHLESS_DATA_DIR: resolveDataDir(result.data.BREACHLESS_DATA_DIR, env, cwd),
    };
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid environment:\n${[...problems, ...pair].join('\n')}`);
}
