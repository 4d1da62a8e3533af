import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { requiredId, shortText } from '../short-text.js';
import { formatDuration, parseDuration } from '../time/duration.js';
import { conditionSchema } from './condition-schema.js';
import { STATUSES, type Status } from './statuses.js';
import { METRICS, type Metric, type Policy, type WarningLevel } from './types.js';

const TOO_LONG = `must be at most ${formatDuration(LIMITS.maxDurationSeconds)}`;

/** A duration of business time (`90m`, `1h30m`, `2d`), at most a year, as seconds. */
export const duration = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === undefined || seconds > LIMITS.maxDurationSeconds) {
    ctx.addIssue({
      code: 'custom',
      message:
        seconds === undefined ? `"${text}" is not a duration (like 90m, 1h30m, 2d, 45s)` : TOO_LONG,
    });
    return z.NEVER;
  }
  return seconds;
});

const warning = z.string().transform((text, ctx): WarningLevel => {
  const percent = /^(\d{1,3})%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]);
    if (value >= 1 && value <= 100) return { text, kind: 'percent', value };
  } else {
    const seconds = parseDuration(text);
    if (seconds !== undefined && seconds > LIMITS.maxDurationSeconds) {
      ctx.addIssue({ code: 'custom', message: TOO_LONG });
      return z.NEVER;
    }
    if (seconds !== undefined) return { text, kind: 'remaining', value: seconds };
  }
  ctx.addIssue({
    code: 'custom',
    message: `"${text}" is not a warning (a percentage 1-100% or a remaining time like 30m)`,
  });
  return z.NEVER;
});

/** An object keyed by metric names, each optional, none other allowed. */
export const metricKeys = <T extends z.ZodType>(value: T) =>
  z.strictObject(
    Object.fromEntries(METRICS.map((m) => [m, value.optional()])) as Record<
      Metric,
      z.ZodOptional<T>
    >,
  );

export const DEFAULT_PAUSE: Record<Metric, readonly Status[]> = {
  first_response: [],
  next_response: [],
  periodic_update: [],
  resolution: ['pending', 'on_hold'],
};

/** One policy of the config file (semantics.md section 4). */
export const policySchema = z
  .strictObject({
    id: requiredId,
    when: conditionSchema.optional(),
    calendar: requiredId,
    targets: metricKeys(z.record(shortText, duration)),
    warnings: z.array(warning).optional(),
    pause: metricKeys(z.array(z.enum(STATUSES))).optional(),
    reopen: z.enum(['continue', 'restart']).optional(),
    retarget: z.enum(['keep', 'restart']).optional(),
  })
  .transform(
    (policy): Policy => ({
      id: policy.id,
      when: policy.when ?? { always: true },
      calendar: policy.calendar,
      targets: policy.targets,
      warnings: policy.warnings ?? [],
      pause: {
        ...DEFAULT_PAUSE,
        ...(policy.pause as Partial<Record<Metric, Status[]>> | undefined),
      },
      reopen: policy.reopen ?? 'continue',
      retarget: policy.retarget ?? 'keep',
    }),
  );
