import {
  type CycleItem,
  complianceChart,
  type DigestSlot,
  type DigestView,
  periodBounds,
} from '@breachless/chat';
import {
  atRiskCycles,
  breachedCycles,
  complianceRows,
  type Database,
  type DigestSubscription,
} from '@breachless/db';
import { DateTime } from 'luxon';
import { renderPng } from './png.js';

/** The compliance a digest measures against unless told otherwise. */
export const DEFAULT_GOAL_PCT = 95;
const CHART_DAYS = 14;
const AT_RISK_MS = 2 * 3_600_000;
/** A digest queued this long after its hour (the worker was down) says it is late. */
const LATE_AFTER_MS = 15 * 60_000;

const TITLES = {
  daily: 'Daily SLA digest',
  weekdays: 'SLA digest',
  weekly: 'Weekly SLA digest',
  monthly: 'Monthly SLA digest',
} as const;

/** Compliance % per metric over `[from, to)`. */
async function perMetric(db: Database, s: DigestSubscription, from: number, to: number) {
  const rows = await complianceRows(
    db,
    s.tenant,
    { from, to, by: [], timezone: s.schedule.zone },
    { team: s.team ?? undefined },
  );
  return new Map(rows.map((r) => [r.metric as string, r]));
}

/** `Tue 24 Nov`, or `16 Nov to 22 Nov` for a longer period. */
function periodLabel(from: number, to: number, zone: string): string {
  const first = DateTime.fromMillis(from, { zone });
  const last = DateTime.fromMillis(to, { zone }).minus({ days: 1 });
  return first.hasSame(last, 'day')
    ? first.toFormat('ccc d LLL')
    : `${first.toFormat('d LLL')} to ${last.toFormat('d LLL')}`;
}

/**
 * A subscription's digest for one slot: compliance per metric against the goal and the period
 * before, the worst breaches of the period, what is at risk now, and the last 14 days as a
 * chart (PNG). Read from the stored cycles, in the subscription's zone.
 */
export async function buildDigest(
  db: Database,
  s: DigestSubscription,
  slot: DigestSlot,
  now: number,
): Promise<DigestView> {
  const zone = s.schedule.zone;
  const goalPct = s.schedule.goal ? Number(s.schedule.goal) : DEFAULT_GOAL_PCT;
  const current = await perMetric(db, s, slot.from, slot.to);
  const previous = await perMetric(db, s, slot.from - (slot.to - slot.from), slot.from);
  const metrics = [...current.values()].map((r) => ({
    metric: r.metric,
    achieved: r.achieved,
    breached: r.breached,
    compliancePct: r.compliancePct,
    previousPct: previous.get(r.metric)?.compliancePct ?? null,
  }));
  const filter = s.team ? { team: s.team } : {};
  const worst = await breachedCycles(db, s.tenant, {
    from: slot.from,
    to: slot.to,
    limit: 5,
    worstFirst: true,
    ...filter,
  });
  const atRisk = await atRiskCycles(db, s.tenant, {
    from: now,
    to: now + AT_RISK_MS,
    limit: 200,
    ...filter,
  });
  const item = (c: Omit<CycleItem, 'at'>, at: number): CycleItem => ({ ...c, at });
  const chartFrom = periodBounds({ kind: 'days', days: CHART_DAYS }, zone, slot.to - 1).from;
  const daily = await complianceRows(
    db,
    s.tenant,
    { from: chartFrom, to: slot.to, by: ['day'], timezone: zone },
    { team: s.team ?? undefined },
    now,
  );
  const days = Array.from(
    { length: CHART_DAYS },
    (_, i) => DateTime.fromMillis(chartFrom, { zone }).plus({ days: i }).toISODate() ?? '',
  );
  const lines = [...new Set(daily.map((r) => r.metric))].map((metric) => ({
    metric,
    values: days.map(
      (day) => daily.find((r) => r.metric === metric && r.group.day === day)?.compliancePct ?? null,
    ),
  }));
  const title = `Compliance, last ${CHART_DAYS} days${s.team ? ` (${s.team})` : ''}`;
  const chart = lines.length ? complianceChart({ days, lines, goalPct }, title) : null;
  return {
    kind: 'digest',
    title: TITLES[s.schedule.every],
    period: periodLabel(slot.from, slot.to, zone),
    team: s.team,
    goalPct,
    metrics,
    // Chosen by how far over target (business time), listed as every platform shows them,
    // by when they breached: the longest-standing first, so the list reads worst first.
    worst: worst.items
      .map(({ breachedAt, ...c }) => item(c, breachedAt))
      .sort((a, b) => a.at - b.at),
    atRisk: atRisk.slice(0, 5).map(({ dueAt, ...c }) => item(c, dueAt)),
    atRiskTotal: atRisk.length,
    late: now - slot.at > LATE_AFTER_MS,
    chart: chart ? { png: renderPng(chart.svg).toString('base64'), alt: chart.alt } : null,
    now,
    zone,
  };
}
