import { DEFAULT_REQUEST_TIMEOUT_MS } from '@breachless/http';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  BREACHLESS_DATA_DIR: z.string().default('./.breachless'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  BREACHLESS_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(5 * 1024 * 1024),
  // setTimeout's largest delay: a longer one would fire at once.
  REQUEST_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .default(DEFAULT_REQUEST_TIMEOUT_MS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ApiEnv = z.infer<typeof schema>;

/**
 * Validates the API's environment once, at start.
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(env: Record<string, string | undefined>): ApiEnv {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new Error(
    `invalid environment:\n${result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
  );
}
