import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  BREACHLESS_DATA_DIR: z.string().default('./.breachless'),
  /** node-cron expression with seconds: every 15 s by default. */
  WORKER_SCHEDULE: z.string().default('*/15 * * * * *'),
  WORKER_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Port of /healthz and /metrics; 0 picks a free one. */
  WORKER_PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerEnv = z.infer<typeof schema>;

/**
 * Validates the worker's environment once, at start.
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(env: Record<string, string | undefined>): WorkerEnv {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
