import { DEFAULT_DATA_DIR, resolveDataDir } from '@breachless/db';
import { z } from 'zod';

/** The worker's environment (docs/operations.md is generated from it). */
export const workerEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional().describe('PostgreSQL URL; unset, the embedded PGlite'),
  BREACHLESS_DATA_DIR: z
    .string()
    .default(DEFAULT_DATA_DIR)
    .describe(
      "PGlite's data directory when DATABASE_URL is unset; a relative one is taken from the folder the command was run in (npm's INIT_CWD), so every `npm start -w ...` from the root opens the root's",
    ),
  WORKER_SCHEDULE: z
    .string()
    .default('*/15 * * * * *')
    .describe('node-cron expression, with seconds, of the scan and digest tick'),
  WORKER_BATCH_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    // One transaction for 1,000 due instead of two: a claim and a commit less, PostgreSQL's
    // CPU a round 61-70 ms against 66-87 (docs/benchmarks.md, the worker tick).
    .default(1000)
    .describe('tickets claimed per transaction of a tick'),
  BREACHLESS_TICKET_CACHE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(64 * 1024 * 1024)
    .describe(
      'memory the worker may keep of recently evaluated tickets so that a due ticket with no new event costs its open cycles, not its history, in bytes (estimated)',
    ),
  WORKER_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(3001)
    .describe('port of /healthz and /metrics; 0 picks a free one'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/**
 * Validates the worker's environment once, at start.
 * @param cwd the working directory a relative BREACHLESS_DATA_DIR is taken from without INIT_CWD
 * @throws Error naming every missing or malformed variable
 */
export function readEnv(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): WorkerEnv {
  const result = workerEnvSchema.safeParse(env);
  if (result.success)
    // Relative to the folder the user ran the command in, not the workspace npm runs it in.
    return {
      ...result.data,
      BREACHLESS_DATA_DIR: resolveDataDir(result.data.BREACHLESS_DATA_DIR, env, cwd),
    };
  const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid environment:\n${problems.join('\n')}`);
}
