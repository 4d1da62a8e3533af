import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractStatement } from '../src/compliance/statement.js';
import type { StatementCycle } from '../src/compliance/statement-types.js';
import type { Contract, ContractVersion, CreditRule } from '../src/config/types.js';
import { METRICS, type Metric } from '../src/config/types.js';

/**
 * Service credits (docs/semantics.md, "Service credits") on random contracts and months of
 * cycles: what is owed adds up, never passes the cap, names only its own breaches, follows
 * an independent reading of the tiers, and never falls when a cycle more is breached.
 */
const NOV = Date.UTC(2026, 10, 1);
const DEC = Date.UTC(2026, 11, 1);
const PRIORITIES = ['urgent', 'high', 'normal'] as const;
const metric = fc.constantFrom(...METRICS);

/** Tiers as contracts write them: a lower threshold owes a larger share (not required by the config). */
const tiers = fc
  .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 4 })
  .chain((thresholds) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: 10_000 }), {
        minLength: thresholds.length,
        maxLength: thresholds.length,
      })
      .map((credits) => {
        const below = [...thresholds].sort((a, b) => b - a);
        const shares = [...credits].sort((a, b) => a - b);
        return below.map((b, i) => ({ belowPct: b / 100, creditPct: (shares[i] as number) / 100 }));
      }),
  );

const rule: fc.Arbitrary<CreditRule> = fc.oneof(
  fc.record({ kind: fc.constant('compliance' as const), metric, tiers }),
  fc.record({
    kind: fc.constant('per_breach' as const),
    metric: fc.option(metric),
    priority: fc.constantFrom(...PRIORITIES),
    amountCents: fc.integer({ min: 0, max: 1_000_000 }),
  }),
);

const version: fc.Arbitrary<ContractVersion> = fc.record({
  version: fc.constant(1),
  fromDate: fc.constant('2026-01-01'),
  from: fc.constant(Date.UTC(2026, 0, 1)),
  untilDate: fc.constant(null),
  until: fc.constant(null),
  calendar: fc.constant('24x7'),
  targets: fc.constant({}),
  goals: fc.dictionary(
    metric,
    fc.integer({ min: 0, max: 10_000 }).map((g) => g / 100),
  ) as fc.Arbitrary<Partial<Record<Metric, number>>>,
  fee: fc.record({ amountCents: fc.integer({ min: 0, max: 1e13 }), currency: fc.constant('EUR') }),
  credits: fc.array(rule, { maxLength: 4 }),
  capPct: fc.option(fc.integer({ min: 0, max: 10_000 }).map((c) => c / 100)),
});

const contractOf = (v: ContractVersion): Contract => ({
  id: 'k',
  organizations: ['acme', 'other'],
  timezone: 'UTC',
  versions: [v],
});

/** Cycles of acme's November, and some that do not count (other organization, contract, month, open). */
const cycle = fc.record({
  ticket: fc.constantFrom('T-1', 'T-2', 'T-3', 'T-4'),
  cycle: fc.integer({ min: 1, max: 3 }),
  metric,
  breached: fc.boolean(),
  priority: fc.constantFrom(...PRIORITIES),
  outcomeAt: fc.integer({ min: NOV - 3 * 86_400_000, max: DEC + 86_400_000 }),
  organization: fc.constantFrom('acme', 'acme', 'acme', 'other'),
  contract: fc.constantFrom('k', 'k', 'k', null),
  open: fc.constantFrom(false, false, false, false, true),
});
type RawCycle = typeof cycle extends fc.Arbitrary<infer T> ? T : never;
const toCycle = (c: RawCycle) =>
  ({
    ticket: c.ticket,
    cycle: c.cycle,
    metric: c.metric,
    status: c.open ? 'running' : c.breached ? 'breached' : 'achieved',
    startedAt: c.outcomeAt - 3_600_000,
    breachedAt: c.breached ? c.outcomeAt : null,
    outcomeAt: c.open ? null : c.outcomeAt,
    targetSeconds: 3600,
    elapsedSeconds: 3600,
    policy: null,
    contract: c.contract,
    fields: { organization: c.organization, priority: c.priority },
  }) satisfies StatementCycle;

const month = (v: ContractVersion, cycles: StatementCycle[]) =>
  contractStatement({ contract: contractOf(v), organization: 'acme', month: '2026-11', cycles });

const counts = (c: StatementCycle) =>
  c.contract === 'k' &&
  c.fields.organization === 'acme' &&
  c.outcomeAt !== null &&
  c.outcomeAt >= NOV &&
  c.outcomeAt < DEC;

describe('service credit properties', () => {
  it('add up: the total is the sum of the lines, at most the cap, never negative', () => {
    fc.assert(
      fc.property(version, fc.array(cycle.map(toCycle), { maxLength: 40 }), (v, cycles) => {
        const s = month(v, cycles);
        const sum = s.credits.reduce((total, line) => total + line.amountCents, 0);
        expect(s.subtotalCents).toBe(sum);
        for (const line of s.credits) expect(line.amountCents).toBeGreaterThanOrEqual(0);
        const cap =
          v.capPct === null ? null : Math.round((v.fee?.amountCents ?? 0) * v.capPct) / 100;
        expect(s.totalCents).toBe(s.capCents === null ? sum : Math.min(sum, s.capCents));
        if (cap !== null) expect(Math.abs((s.capCents ?? 0) - cap)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('count each cycle of the month once and name only its own breaches as causes', () => {
    fc.assert(
      fc.property(version, fc.array(cycle.map(toCycle), { maxLength: 40 }), (v, cycles) => {
        const s = month(v, cycles);
        const counted = cycles.filter((c) => counts(c) && c.status !== 'running');
        expect(s.metrics.reduce((n, m) => n + m.achieved + m.breached, 0)).toBe(counted.length);
        const breached = new Set(
          counted
            .filter((c) => c.status === 'breached')
            .map((c) => `${c.ticket}/${c.metric}/${c.cycle}/${c.outcomeAt}`),
        );
        for (const line of s.credits) {
          const r = v.credits[line.rule] as CreditRule;
          for (const c of line.cycles) {
            expect(breached.has(`${c.ticket}/${c.metric}/${c.cycle}/${c.breachedAt}`)).toBe(true);
            if (r.metric !== null) expect(c.metric).toBe(r.metric);
            if (r.kind === 'per_breach') expect(c.priority).toBe(r.priority);
          }
          if (r.kind === 'per_breach')
            expect(line.amountCents).toBe(line.cycles.length * r.amountCents);
        }
      }),
    );
  });

  it('owe the share of the deepest tier compliance falls under, read from the tiers alone', () => {
    fc.assert(
      fc.property(version, fc.array(cycle.map(toCycle), { maxLength: 40 }), (v, cycles) => {
        const s = month(v, cycles);
        for (const [i, r] of v.credits.entries()) {
          if (r.kind !== 'compliance') continue;
          const m = s.metrics.find((x) => x.metric === r.metric);
          const pct = m?.compliancePct ?? null;
          // The lowest threshold still above the compliance, by a scan in any order.
          let deepest: { belowPct: number; creditPct: number } | undefined;
          for (const t of r.tiers)
            if (pct !== null && pct < t.belowPct && (!deepest || t.belowPct < deepest.belowPct))
              deepest = t;
          const line = s.credits.find((c) => c.rule === i);
          if (!deepest) expect(line).toBeUndefined();
          else {
            const exact = ((v.fee?.amountCents ?? 0) * deepest.creditPct) / 100;
            expect(Math.abs((line?.amountCents ?? -1) - exact)).toBeLessThanOrEqual(0.5);
          }
        }
      }),
    );
  });

  it('never owe less when one more cycle of the month is breached', () => {
    fc.assert(
      fc.property(
        version.map((v) => ({ ...v, capPct: null })),
        fc.array(cycle.map(toCycle), { maxLength: 30 }),
        fc.nat(),
        (v, cycles, which) => {
          const achieved = cycles.filter((c) => counts(c) && c.status === 'achieved');
          fc.pre(achieved.length > 0);
          const turned = achieved[which % achieved.length] as StatementCycle;
          const worse = cycles.map((c) =>
            c === turned ? { ...c, status: 'breached' as const, breachedAt: c.outcomeAt } : c,
          );
          expect(month(v, worse).subtotalCents).toBeGreaterThanOrEqual(
            month(v, cycles).subtotalCents,
          );
        },
      ),
    );
  });
});
