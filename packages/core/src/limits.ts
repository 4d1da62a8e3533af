import { formatInstant, type Instant } from './time/instant.js';

/**
 * The bounds of every input, chosen so that whatever passes validation can be stored and
 * evaluated (docs/formats.md, "Limits"). Each one names the storage type it protects.
 */
export const LIMITS = {
  /**
   * Targets and warning offsets. `cycles.target_seconds` is int4 (68 years), but a due
   * instant must also be reachable by the calendar's table, and no support promise is
   * longer than a year.
   */
  maxDurationSeconds: 365 * 86_400,
  /**
   * A target must be reached within this many years of its calendar's weekly hours: a
   * calendar open one minute a week would otherwise need 800 years of table for a `30d`, and
   * `365d` would run past the calendar table's last year (2300) and throw.
   */
  maxTargetYears: 10,
  /**
   * The accepted instants `[from, to)`. Sixty years, under int4's 68 years of seconds, so
   * the elapsed seconds of any cycle measured at any accepted instant fit
   * `cycles.elapsed_seconds`.
   */
  firstInstant: Date.UTC(2000, 0, 1),
  endInstant: Date.UTC(2060, 0, 1),
  /** How far ahead of the receiver's clock an event may be dated (checked where there is a clock). */
  maxAheadMs: 24 * 3_600_000,
  /**
   * Ids and the fields stored in indexed text columns: a btree index row holds at most
   * ~2,700 bytes, and 255 characters of 4-byte UTF-8 stay under it.
   */
  maxIdLength: 255,
  /** Objects and lists inside one another, so no walk over client data can run out of stack. */
  maxDepth: 32,
  /**
   * Per config: far beyond a real team, small enough that the largest config validates in
   * about a tenth of a second (10,000 calendars took 9-11 s). Conditions count every node of
   * every policy's `when` (leaves, `all`, `any`, `not`).
   */
  maxCalendars: 100,
  maxPolicies: 200,
  maxHolidays: 5_000,
  maxConditions: 1_000,
  /** Contracts, and the organizations all contracts name together (one per customer). */
  maxContracts: 200,
  maxContractOrganizations: 10_000,
} as const;

/**
 * Why an instant is outside the accepted range, or `undefined` when it is inside.
 * A string, so every caller can put it in a problem by path.
 */
export function instantRangeProblem(at: Instant): string | undefined {
  if (at >= LIMITS.firstInstant && at < LIMITS.endInstant) return undefined;
  return `must be from ${formatInstant(LIMITS.firstInstant)} and before ${formatInstant(LIMITS.endInstant)}`;
}

/**
 * Why an instant is too far ahead of `now` (the receiver's clock), or `undefined`. An event
 * dated years ahead would be stored and stay invisible until then.
 */
export function aheadProblem(at: Instant, now: Instant): string | undefined {
  if (at <= now + LIMITS.maxAheadMs) return undefined;
  return `is more than 24 hours after now (${formatInstant(now)})`;
}

/** The problem of an id or indexed field longer than `LIMITS.maxIdLength`. */
export const TOO_LONG = `must be at most ${LIMITS.maxIdLength} characters`;
