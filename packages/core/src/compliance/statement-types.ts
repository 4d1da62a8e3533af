import type { Contract, Metric } from '../config/types.js';
import type { CycleResult } from '../engine/types.js';
import type { Instant } from '../time/instant.js';
import type { ReportCycle } from './types.js';

/**
 * The parts of a cycle a contract statement reads: a report's cycle, plus what names it in
 * the list of breaches. The engine's `CycleResult` with its ticket id is one; so is a stored
 * cycle row.
 */
export type StatementCycle = ReportCycle &
  Pick<CycleResult, 'cycle' | 'startedAt' | 'breachedAt' | 'targetSeconds'> & {
    readonly ticket: string;
    readonly contract: string | null;
  };

export interface StatementInput {
  readonly contract: Contract;
  readonly organization: string;
  /** `YYYY-MM`, read in the contract's zone. */
  readonly month: string;
  /** Any cycles: those of this contract and organization with an outcome in the month count. */
  readonly cycles: Iterable<StatementCycle>;
}

/** A cycle a statement names: a breach, or the cause of a credit. */
export interface CycleRef {
  readonly ticket: string;
  readonly metric: Metric;
  readonly cycle: number;
  readonly priority: string | null;
  readonly startedAt: Instant;
  readonly breachedAt: Instant;
  readonly targetSeconds: number;
  readonly elapsedSeconds: number;
}

/** A metric's month under the contract: its compliance against the goal. */
export interface StatementMetric {
  readonly metric: Metric;
  readonly achieved: number;
  readonly breached: number;
  /** Two decimals; `null` when no cycle counted. */
  readonly compliancePct: number | null;
  readonly goalPct: number | null;
  /** Whether compliance reached the goal; `null` without a goal or without cycles. */
  readonly met: boolean | null;
  /** Breached cycles, by breach instant, then ticket and cycle number. */
  readonly breachedCycles: readonly CycleRef[];
}

/** What one credit rule owes for the month, with the cycles that caused it. */
export interface CreditLine {
  /** The rule's index in the version's `credits`. */
  readonly rule: number;
  readonly kind: 'compliance' | 'per_breach';
  readonly metric: Metric | null;
  /** The priority of a `per_breach` rule. */
  readonly priority: string | null;
  /** For `compliance`: the month's compliance, and the tier it fell under. */
  readonly compliancePct: number | null;
  readonly belowPct: number | null;
  readonly creditPct: number | null;
  /** Before the cap, in hundredths of the currency. */
  readonly amountCents: number;
  readonly cycles: readonly CycleRef[];
}

/** One organization's month under a contract (docs/semantics.md, "Service credits"). */
export interface ContractStatement {
  readonly contract: string;
  /** The version the month is judged by. */
  readonly version: number;
  readonly organization: string;
  readonly month: string;
  readonly from: Instant;
  readonly to: Instant;
  readonly timezone: string;
  readonly fee: { readonly amountCents: number; readonly currency: string } | null;
  readonly metrics: readonly StatementMetric[];
  /** Lines that owe something (amount above zero), in rule order. */
  readonly credits: readonly CreditLine[];
  /** The lines' sum, before the cap. */
  readonly subtotalCents: number;
  /** The cap in hundredths, `null` for none. */
  readonly capCents: number | null;
  /** What is owed: the subtotal, at most the cap. */
  readonly totalCents: number;
}
