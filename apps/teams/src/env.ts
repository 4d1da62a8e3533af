import { DEFAULT_DATA_DIR, resolveDataDir } from '@breachless/db';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** The Teams bot's environment (docs/operations.md is generated from it). */
export const teamsEnvSchema = z.object({
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
    .default(3978)
    .describe('HTTP port of /api/messages and /healthz'),
  MICROSOFT_APP_ID: z
    .string()
    .default('')
    .describe('the bot registration id; required unless TEAMS_ALLOW_UNAUTHENTICATED is set'),
  MICROSOFT_APP_PASSWORD: z.string().default('').describe('the registration client secret'),
  MICROSOFT_APP_TENANT_ID: z
    .string()
    .default('')
    .describe('SingleTenant: the directory (tenant) id'),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant')
    .describe('MultiTenant serves each Microsoft 365 organisation as its own tenant'),
  TEAMS_ALLOW_UNAUTHENTICATED: flag.describe(
    'local development only (Bot Framework Emulator): 1 runs without MICROSOFT_APP_ID, accepting unauthenticated requests',
  ),
  TEAMS_MANAGERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .describe('AAD object ids, comma-separated, who may manage subscriptions; empty: anyone'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
});

export type TeamsEnv = z.infer<typeof teamsEnvSchema>;

/**
 * Validates the Teams bot's environment once, at start.
 * @param cwd the working directory a relative BREACHLESS_DATA_DIR is taken from without INIT_CWD
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): TeamsEnv {
  const result = teamsEnvSchema.safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  // Without a registration anyone could post as Teams: only an explicit switch allows it.
  if (result.success && !result.data.MICROSOFT_APP_ID && !result.data.TEAMS_ALLOW_UNAUTHENTICATED)
    problems.push(
      '  MICROSOFT_APP_ID: required (the bot registration id); for local development with the Bot Framework Emulator only, set TEAMS_ALLOW_UNAUTHENTICATED=1 instead',
    );
  if (result.success && result.data.MICROSOFT_APP_ID && result.data.TEAMS_ALLOW_UNAUTHENTICATED)
    problems.push(
      '  TEAMS_ALLOW_UNAUTHENTICATED: set with MICROSOFT_APP_ID, which always authenticates; unset one of them',
    );
  if (
    result.success &&
    result.data.MICROSOFT_APP_ID &&
    !result.data.MICROSOFT_APP_PASSWORD &&
    result.data.MICROSOFT_APP_TYPE !== 'UserAssignedMSI'
  )
    problems.push(
      '  MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID (the app registration secret)',
    );
  if (
    result.success &&
    result.data.MICROSOFT_APP_TYPE === 'SingleTenant' &&
    !result.data.MICROSOFT_APP_TENANT_ID
  )
    problems.push('  MICROSOFT_APP_TENANT_ID: required for a SingleTenant app registration');
  if (result.success && problems.length === 0)
    // Relative to the folder the user ran the command in, not the workspace npm runs it in.
    return {
      ...result.data,
      BREACHLESS_DATA_DIR: resolveDataDir(result.data.BREACHLESS_DATA_DIR, env, cwd),
    };
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
