import type { ContractVersion, CreditRule } from '../config/types.js';
import { METRICS, type Metric } from '../config/types.js';
import { contractVersionAt } from '../contracts/target-choice.js';
import { localDateStart } from '../time/zone.js';
import { periodOf } from './buckets.js';
import type {
  ContractStatement,
  CreditLine,
  CycleRef,
  StatementCycle,
  StatementInput,
  StatementMetric,
} from './statement-types.js';
import { compliancePct } from './stats.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `cents x basisPoints / 10,000`, halves up, exact (the product can pass 2^53). */
function share(cents: number, pct: number): number {
  const basisPoints = BigInt(Math.round(pct * 100));
  return Number((BigInt(cents) * basisPoints + 5_000n) / 10_000n);
}

/**
 * The version a month is judged by: the one in force when the month starts, or else the
 * first that starts within it (a contract signed mid-month).
 */
function versionOfMonth(input: StatementInput, from: number, to: number): ContractVersion {
  const { contract } = input;
  const version =
    contractVersionAt(contract, from) ??
    contract.versions.find((v) => v.from > from && v.from < to);
  if (!version)
    throw new RangeError(`contract ${contract.id} has no version in force in ${input.month}`);
  return version;
}

function refOf(c: StatementCycle): CycleRef {
  return {
    ticket: c.ticket,
    metric: c.metric,
    cycle: c.cycle,
    priority: typeof c.fields.priority === 'string' ? c.fields.priority : null,
    startedAt: c.startedAt,
    breachedAt: c.breachedAt ?? c.outcomeAt ?? 0,
    targetSeconds: c.targetSeconds,
    elapsedSeconds: c.elapsedSeconds,
  };
}

const byBreach = (a: CycleRef, b: CycleRef) =>
  a.breachedAt - b.breachedAt ||
  (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0) ||
  METRICS.indexOf(a.metric) - METRICS.indexOf(b.metric) ||
  a.cycle - b.cycle;

/**
 * One organization's month under its contract (docs/semantics.md, "Service credits"): each
 * metric's compliance against the goal, over the cycles the contract measured for that
 * organization whose outcome falls in the month (in the contract's zone), the breaches
 * listed, and what each credit rule owes with the cycles that caused it, capped.
 * @throws RangeError for a month that is not `YYYY-MM`, or one no version of the contract covers
 */
export function contractStatement(input: StatementInput): ContractStatement {
  const { contract, organization } = input;
  const first = MONTH.test(input.month)
    ? localDateStart(contract.timezone, `${input.month}-01`)
    : undefined;
  if (first === undefined) throw new RangeError(`"${input.month}" is not a month YYYY-MM`);
  const { start: from, end: to } = periodOf('month', first, contract.timezone);
  const version = versionOfMonth(input, from, to);
  const counted = new Map<Metric, { achieved: number; breached: StatementCycle[] }>();
  for (const c of input.cycles) {
    if (c.contract !== contract.id || c.fields.organization !== organization) continue;
    if (c.status !== 'achieved' && c.status !== 'breached') continue;
    if (c.outcomeAt === null || c.outcomeAt < from || c.outcomeAt >= to) continue;
    const entry = counted.get(c.metric) ?? { achieved: 0, breached: [] };
    if (c.status === 'achieved') entry.achieved++;
    else entry.breached.push(c);
    counted.set(c.metric, entry);
  }
  const metrics = METRICS.filter((m) => counted.has(m) || version.goals[m] !== undefined).map(
    (metric): StatementMetric => {
      const entry = counted.get(metric) ?? { achieved: 0, breached: [] };
      const pct = compliancePct(entry.achieved, entry.breached.length);
      const goal = version.goals[metric] ?? null;
      return {
        metric,
        achieved: entry.achieved,
        breached: entry.breached.length,
        compliancePct: pct,
        goalPct: goal,
        met: goal === null || pct === null ? null : pct >= goal,
        breachedCycles: entry.breached.map(refOf).sort(byBreach),
      };
    },
  );
  const credits = version.credits
    .map((rule, i) => creditLine(rule, i, metrics, version))
    .filter((line): line is CreditLine => line !== null);
  const subtotalCents = credits.reduce((sum, line) => sum + line.amountCents, 0);
  const fee = version.fee;
  const capCents = fee && version.capPct !== null ? share(fee.amountCents, version.capPct) : null;
  return {
    contract: contract.id,
    version: version.version,
    organization,
    month: input.month,
    from,
    to,
    timezone: contract.timezone,
    fee,
    metrics,
    credits,
    subtotalCents,
    capCents,
    totalCents: capCents === null ? subtotalCents : Math.min(subtotalCents, capCents),
  };
}

/** What one rule owes; `null` when it owes nothing (no tier reached, no breach of its kind). */
function creditLine(
  rule: CreditRule,
  index: number,
  metrics: readonly StatementMetric[],
  version: ContractVersion,
): CreditLine | null {
  const feeCents = version.fee?.amountCents ?? 0;
  if (rule.kind === 'compliance') {
    const m = metrics.find((x) => x.metric === rule.metric);
    const pct = m?.compliancePct ?? null;
    if (!m || pct === null) return null;
    // Tiers run highest threshold first: the last one compliance is under is the deepest.
    const tier = rule.tiers.filter((t) => pct < t.belowPct).at(-1);
    if (!tier) return null;
    return {
      rule: index,
      kind: 'compliance',
      metric: rule.metric,
      priority: null,
      compliancePct: pct,
      belowPct: tier.belowPct,
      creditPct: tier.creditPct,
      amountCents: share(feeCents, tier.creditPct),
      cycles: m.breachedCycles,
    };
  }
  const cycles = metrics
    .filter((m) => rule.metric === null || m.metric === rule.metric)
    .flatMap((m) => m.breachedCycles.filter((c) => c.priority === rule.priority))
    .sort(byBreach);
  if (cycles.length === 0) return null;
  return {
    rule: index,
    kind: 'per_breach',
    metric: rule.metric,
    priority: rule.priority,
    compliancePct: null,
    belowPct: null,
    creditPct: null,
    amountCents: cycles.length * rule.amountCents,
    cycles,
  };
}
