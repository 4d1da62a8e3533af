import type { CalendarSpec } from '../calendar/types.js';
import type { Instant } from '../time/instant.js';
import type { ConnectorSettings } from './connectors-schema.js';
import type { Status } from './statuses.js';

export const METRICS = [
  'first_response',
  'next_response',
  'periodic_update',
  'resolution',
] as const;
/** What a cycle measures (semantics.md section 5). */
export type Metric = (typeof METRICS)[number];

/** A condition on a ticket's current fields (semantics.md section 4). */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly field: string; readonly op: ConditionOp; readonly value: unknown }
  | { readonly always: true };

export const CONDITION_OPS = [
  'eq',
  'ne',
  'in',
  'not_in',
  'contains',
  'not_contains',
  'exists',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** A warning level: a share of the target, or a remaining time. Known by its text. */
export interface WarningLevel {
  /** As the policy writes it: `75%` or `30m`. */
  readonly text: string;
  readonly kind: 'percent' | 'remaining';
  /** The percentage (1-100), or the remaining seconds. */
  readonly value: number;
}

/** A validated policy, with targets in seconds. */
export interface Policy {
  readonly id: string;
  readonly when: Condition;
  readonly calendar: string;
  /** Target seconds per metric, then per priority; `*` for priorities not listed. */
  readonly targets: Readonly<Partial<Record<Metric, Readonly<Record<string, number>>>>>;
  readonly warnings: readonly WarningLevel[];
  /** The statuses that pause each metric, defaults applied. */
  readonly pause: Readonly<Record<Metric, readonly Status[]>>;
  readonly reopen: 'continue' | 'restart';
  readonly retarget: 'keep' | 'restart';
}

/** A validated configuration: calendars, an ordered list of policies, contracts, helpdesk mappings. */
export interface Config {
  readonly calendars: readonly CalendarSpec[];
  readonly policies: readonly Policy[];
  /** Per organization: targets, calendar, goals and credits (docs/semantics.md, "Contracts"). */
  readonly contracts: readonly Contract[];
  readonly connectors: ConnectorSettings;
}

/** A monthly fee, in hundredths of its currency so that credits add up exactly. */
export interface Money {
  readonly amountCents: number;
  /** As the config writes it (`EUR`, `USD`); not checked against a list. */
  readonly currency: string;
}

/** One step of a compliance credit: compliance under `belowPct` owes `creditPct` of the fee. */
export interface CreditTier {
  readonly belowPct: number;
  readonly creditPct: number;
}

/**
 * A service credit rule of a contract version (docs/semantics.md, "Service credits"):
 * - `compliance`: a metric's monthly compliance under a tier's threshold owes that tier's
 *   share of the monthly fee (the lowest threshold it is under wins; tiers highest first);
 * - `per_breach`: a fixed amount per breached cycle of a priority (and of a metric, or any).
 */
export type CreditRule =
  | {
      readonly kind: 'compliance';
      readonly metric: Metric;
      /** Sorted by `belowPct`, highest first. */
      readonly tiers: readonly CreditTier[];
    }
  | {
      readonly kind: 'per_breach';
      readonly metric: Metric | null;
      readonly priority: string;
      readonly amountCents: number;
    };

/** One version of a contract: what it promises from `from` until `until`. */
export interface ContractVersion {
  /** Counts from 1 in the order the versions start. */
  readonly version: number;
  /** The first local date it applies, `YYYY-MM-DD`, and that date's start in the contract's zone. */
  readonly fromDate: string;
  readonly from: Instant;
  /** The local date it no longer applies (exclusive), or `null` while no later version starts. */
  readonly untilDate: string | null;
  readonly until: Instant | null;
  readonly calendar: string;
  /** Target seconds per metric, then per priority; `*` for priorities not listed (as policies). */
  readonly targets: Readonly<Partial<Record<Metric, Readonly<Record<string, number>>>>>;
  /** The compliance goal per metric, a percentage (0-100, decimals allowed). */
  readonly goals: Readonly<Partial<Record<Metric, number>>>;
  /** The monthly fee of each organization the contract names; `null` when not given. */
  readonly fee: Money | null;
  readonly credits: readonly CreditRule[];
  /** The most a month's credits may total, as a share of the fee; `null` for no cap. */
  readonly capPct: number | null;
}

/** A validated contract of the config's `contracts:` section. */
export interface Contract {
  readonly id: string;
  /** The `organization` values of the tickets it covers; an organization has one contract. */
  readonly organizations: readonly string[];
  /** The zone its effective dates and statement months are read in (default `UTC`). */
  readonly timezone: string;
  /** In the order they start; they never overlap. */
  readonly versions: readonly ContractVersion[];
}
