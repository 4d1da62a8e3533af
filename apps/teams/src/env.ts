import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  BREACHLESS_DATA_DIR: z.string().default('./.breachless'),
  /** HTTP port of `/api/messages` and `/healthz`. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(3978),
  /** Empty: no authentication, for local use only (the bot says so in its log). */
  MICROSOFT_APP_ID: z.string().default(''),
  MICROSOFT_APP_PASSWORD: z.string().default(''),
  MICROSOFT_APP_TENANT_ID: z.string().default(''),
  /** `MultiTenant` serves each Microsoft 365 organisation as its own tenant. */
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('MultiTenant'),
  /** AAD object ids allowed to manage channel subscriptions; empty: any member of the team. */
  TEAMS_MANAGERS: z
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

export type TeamsEnv = z.infer<typeof schema>;

/**
 * Validates the Teams bot's environment once, at start.
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(env: Record<string, string | undefined>): TeamsEnv {
  const result = schema.safeParse(env);
  const problems = result.success
    ? []
    : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
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
  if (result.success && problems.length === 0) return result.data;
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
