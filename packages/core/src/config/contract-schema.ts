import { IANAZone } from 'luxon';
import { z } from 'zod';
import { requiredId, shortText } from '../short-text.js';
import { localToInstant } from '../time/zone.js';
import { choose } from './choose.js';
import { duration, metricKeys } from './policy-schema.js';
import type { Contract, CreditRule, Money } from './types.js';
import { METRICS } from './types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether text is a date `YYYY-MM-DD` that exists. Pure arithmetic: asking the zone library
 * per date made 1,000 contracts take seconds to validate.
 */
export function isDate(text: unknown): text is string {
  return (
    typeof text === 'string' &&
    DATE.test(text) &&
    new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)
  );
}

/** The instant a valid date starts in a valid zone, as RFC 5545 reads local times. */
function dateStart(zone: string, date: string): number {
  return localToInstant(IANAZone.create(zone), Date.parse(`${date}T00:00:00Z`));
}
/** The largest fee or credit amount: its hundredths stay exact in a double and in int8. */
const MAX_AMOUNT = 1e12;

/** `95%`, `99.5%`, `0%`: a share from 0 to 100 with at most two decimals. */
const percent = z.string().transform((text, ctx) => {
  const m = /^(\d{1,3}(?:\.\d{1,2})?)%$/.exec(text);
  const value = m ? Number(m[1]) : Number.NaN;
  if (!(value >= 0 && value <= 100)) {
    ctx.addIssue({
      code: 'custom',
      message: `"${text}" is not a percentage (0% to 100%, like 99.5%)`,
    });
    return z.NEVER;
  }
  return value;
});

/** An amount of money written as a number with at most two decimals: kept in hundredths. */
const amount = z.number().transform((value, ctx) => {
  const cents = Math.round(value * 100);
  if (!(value >= 0 && value <= MAX_AMOUNT) || Math.abs(cents - value * 100) > 1e-6) {
    ctx.addIssue({
      code: 'custom',
      message: `${value} is not an amount (at least 0, at most ${MAX_AMOUNT}, two decimals at most)`,
    });
    return z.NEVER;
  }
  return cents;
});

const date = z.string().refine(isDate, {
  error: (iss) => `"${String(iss.input)}" is not a date YYYY-MM-DD`,
});

const fee = z
  .strictObject({ amount, currency: requiredId })
  .transform((f): Money => ({ amountCents: f.amount, currency: f.currency }));

const metric = z.enum(METRICS);

const complianceRule = z
  .strictObject({
    metric,
    tiers: z
      .array(z.strictObject({ below: percent, credit: percent }))
      .min(1, { error: 'needs at least one tier' }),
  })
  .transform(
    (rule): CreditRule => ({
      kind: 'compliance',
      metric: rule.metric,
      tiers: rule.tiers
        .map((t) => ({ belowPct: t.below, creditPct: t.credit }))
        .sort((a, b) => b.belowPct - a.belowPct),
    }),
  );

const perBreachRule = z
  .strictObject({ perBreach: amount, priority: requiredId, metric: metric.optional() })
  .transform(
    (rule): CreditRule => ({
      kind: 'per_breach',
      metric: rule.metric ?? null,
      priority: rule.priority,
      amountCents: rule.perBreach,
    }),
  );

/** A credit rule: `perBreach` marks a fixed credit per breached cycle, else compliance tiers. */
const creditRule = choose((value) =>
  value !== null && typeof value === 'object' && Object.hasOwn(value, 'perBreach')
    ? perBreachRule
    : complianceRule,
);

const version = z.strictObject({
  from: date,
  until: date.optional(),
  calendar: requiredId,
  targets: metricKeys(z.record(shortText, duration)),
  goals: metricKeys(percent).optional(),
  fee: fee.optional(),
  credits: z.array(creditRule).optional(),
  cap: percent.optional(),
});

/**
 * One contract of the config file (docs/formats.md, "Contracts"). The checks across entries
 * (calendars that exist, versions that do not overlap, an organization under one contract)
 * are in `contractProblems`, which runs on the raw value beside this schema.
 */
export const contractSchema = z
  .strictObject({
    id: requiredId,
    organizations: z.array(requiredId).min(1, { error: 'needs at least one organization' }),
    timezone: z.string().optional(),
    versions: z.array(version).min(1, { error: 'needs at least one version' }),
  })
  .transform((contract): Contract => {
    const zone = contract.timezone ?? 'UTC';
    // Zone, order and bounds were checked by `contractProblems`; a bad zone fails the config.
    const start = (d: string) => dateStart(zone, d);
    const versions = contract.versions.map((v, i) => {
      const untilDate = v.until ?? contract.versions[i + 1]?.from ?? null;
      return {
        version: i + 1,
        fromDate: v.from,
        from: start(v.from),
        untilDate,
        until: untilDate === null ? null : start(untilDate),
        calendar: v.calendar,
        targets: v.targets,
        goals: v.goals ?? {},
        fee: v.fee ?? null,
        credits: v.credits ?? [],
        capPct: v.cap ?? null,
      };
    });
    return { id: contract.id, organizations: contract.organizations, timezone: zone, versions };
  });
