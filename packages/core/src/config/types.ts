import type { CalendarSpec } from '../calendar/types.js';
import type { Contract } from '../contracts/types.js';
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
