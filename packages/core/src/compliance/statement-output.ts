import { formatInstant } from '../time/instant.js';
import { csvCell } from './output.js';
import type { ContractStatement, CycleRef } from './statement-types.js';

/** Hundredths as a decimal amount with two places: `12345` is `"123.45"`. */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A cycle named the way people look it up: `T-1/resolution/2`. */
export function cycleName(c: Pick<CycleRef, 'ticket' | 'metric' | 'cycle'>): string {
  return `${c.ticket}/${c.metric}/${c.cycle}`;
}

function cycleJson(c: CycleRef) {
  return {
    ticket: c.ticket,
    metric: c.metric,
    cycle: c.cycle,
    priority: c.priority,
    startedAt: formatInstant(c.startedAt),
    breachedAt: formatInstant(c.breachedAt),
    targetSeconds: c.targetSeconds,
    elapsedSeconds: c.elapsedSeconds,
  };
}

/**
 * A statement as JSON: instants in UTC ISO-8601, amounts as decimal strings with two places
 * (`"600.00"`) beside their currency, so no float rounds money.
 */
export function statementJson(s: ContractStatement) {
  const currency = s.fee?.currency ?? null;
  return {
    contract: s.contract,
    version: s.version,
    organization: s.organization,
    month: s.month,
    from: formatInstant(s.from),
    to: formatInstant(s.to),
    timezone: s.timezone,
    currency,
    fee: s.fee ? formatCents(s.fee.amountCents) : null,
    metrics: s.metrics.map((m) => ({
      metric: m.metric,
      achieved: m.achieved,
      breached: m.breached,
      compliancePct: m.compliancePct,
      goalPct: m.goalPct,
      met: m.met,
      breachedCycles: m.breachedCycles.map(cycleJson),
    })),
    credits: s.credits.map((c) => ({
      rule: c.rule,
      kind: c.kind,
      metric: c.metric,
      priority: c.priority,
      compliancePct: c.compliancePct,
      belowPct: c.belowPct,
      creditPct: c.creditPct,
      amount: formatCents(c.amountCents),
      cycles: c.cycles.map(cycleName),
    })),
    subtotal: formatCents(s.subtotalCents),
    cap: s.capCents === null ? null : formatCents(s.capCents),
    total: formatCents(s.totalCents),
  };
}

const HEADER = [
  'organization',
  'month',
  'contract',
  'version',
  'line',
  'metric',
  'priority',
  'achieved',
  'breached',
  'compliance_pct',
  'goal_pct',
  'met',
  'credit_pct',
  'amount',
  'currency',
  'cycles',
];

/**
 * Statements as CSV (RFC 4180, CRLF), a statement as lines a spreadsheet filters by `line`:
 * a `metric` line per metric (compliance against the goal, its breached cycles), a `credit`
 * line per rule that owes (amount before the cap, the cycles that caused it), and a `total`
 * line (what is owed, the cap applied). Cycles are `ticket/metric/cycle`, space-separated.
 */
export function statementCsv(statements: readonly ContractStatement[]): string {
  const lines = [HEADER.join(',')];
  for (const s of statements) {
    const head = [s.organization, s.month, s.contract, s.version];
    const currency = s.fee?.currency ?? null;
    const row = (cells: unknown[]) => lines.push([...head, ...cells].map(csvCell).join(','));
    for (const m of s.metrics)
      row([
        'metric',
        m.metric,
        null,
        m.achieved,
        m.breached,
        m.compliancePct,
        m.goalPct,
        m.met,
        null,
        null,
        null,
        m.breachedCycles.map(cycleName).join(' '),
      ]);
    for (const c of s.credits)
      row([
        'credit',
        c.metric,
        c.priority,
        null,
        null,
        c.compliancePct,
        null,
        null,
        c.creditPct,
        formatCents(c.amountCents),
        currency,
        c.cycles.map(cycleName).join(' '),
      ]);
    row([
      'total',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      formatCents(s.totalCents),
      currency,
      null,
    ]);
  }
  return `${lines.join('\r\n')}\r\n`;
}
