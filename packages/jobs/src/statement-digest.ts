import type { DigestSlot, DigestView } from '@breachless/chat';
import { type ContractStatement, formatCents } from '@breachless/core';
import { contractStatements, type Database, type DigestSubscription } from '@breachless/db';
import { DateTime } from 'luxon';

/** A digest queued this long after its hour (the worker was down) says it is late. */
const LATE_AFTER_MS = 15 * 60_000;
/** The breaches a statement digest lists, as the other digests list their worst. */
const LISTED = 5;

/** `Statement for globex: 150.00 EUR owed` (or `nothing owed`), over its contracts. */
function titleOf(organization: string, statements: readonly ContractStatement[]): string {
  const owed = statements.filter((s) => s.totalCents > 0);
  const amounts = owed.map((s) => `${formatCents(s.totalCents)} ${s.fee?.currency ?? ''}`.trim());
  return `Statement for ${organization}: ${amounts.length ? `${amounts.join(' + ')} owed` : 'nothing owed'}`;
}

/**
 * A monthly digest for account managers: the organization's contract statement of the month
 * before the slot (db's `contractStatements`, core's figures), as a digest view every chat
 * platform already shows: each metric's compliance against the contract's goal and the month
 * before, the credits owed in the title, and the breaches of the month, earliest first.
 * Nothing is at risk in a closed month, and there is no chart.
 */
export async function buildStatementDigest(
  db: Database,
  s: DigestSubscription & { organization: string },
  slot: DigestSlot,
  now: number,
): Promise<DigestView> {
  const zone = s.schedule.zone;
  const month = (at: number) => DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM');
  const query = (at: number) => ({ month: month(at), organization: s.organization });
  const statements = await contractStatements(db, s.tenant, query(slot.from));
  const before = await contractStatements(db, s.tenant, query(slot.from - 1)).catch(() => []);
  const metrics = statements.flatMap((st) => st.metrics);
  const goals = metrics.flatMap((m) => (m.goalPct === null ? [] : [m.goalPct]));
  const breaches = metrics
    .flatMap((m) => m.breachedCycles)
    .sort((a, b) => a.breachedAt - b.breachedAt);
  return {
    kind: 'digest',
    title: titleOf(s.organization, statements),
    period: DateTime.fromMillis(slot.from, { zone }).toFormat('LLLL yyyy'),
    team: null,
    // One goal line: the strictest of the contract's goals, which every metric is shown against.
    goalPct: goals.length ? Math.max(...goals) : Number(s.schedule.goal ?? 95),
    metrics: metrics.map((m) => ({
      metric: m.metric,
      achieved: m.achieved,
      breached: m.breached,
      compliancePct: m.compliancePct,
      previousPct:
        before.flatMap((b) => b.metrics).find((p) => p.metric === m.metric)?.compliancePct ?? null,
    })),
    worst: breaches.slice(0, LISTED).map((c) => ({
      ticket: c.ticket,
      metric: c.metric,
      cycle: c.cycle,
      team: null,
      agent: null,
      priority: c.priority,
      at: c.breachedAt,
    })),
    atRisk: [],
    atRiskTotal: 0,
    late: now - slot.at > LATE_AFTER_MS,
    chart: null,
    now,
    zone,
  };
}
