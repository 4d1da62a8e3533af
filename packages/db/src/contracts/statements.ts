import {
  type ContractStatement,
  type CycleStatus,
  contractStatement,
  type Metric,
  periodOf,
  type StatementCycle,
} from '@breachless/core';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { cycles } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { currentConfig } from '../tenants/index.js';

/** Which statements to compute: a month, and optionally one contract or organization. */
export interface StatementQuery {
  /** `YYYY-MM`, read in each contract's zone. */
  readonly month: string;
  readonly contract?: string | undefined;
  readonly organization?: string | undefined;
}

/** A statement asked for that cannot be made (an unknown contract, a month it does not cover). */
export class StatementError extends Error {
  constructor(
    readonly path: 'contract' | 'organization' | 'month',
    message: string,
  ) {
    super(message);
    this.name = 'StatementError';
  }
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY_MS = 86_400_000;

/** The counted cycles a contract measured for an organization, with outcomes near `[from, to)`. */
async function statementCycles(
  db: Database,
  tenant: string,
  contract: string,
  organization: string,
  from: number,
  to: number,
): Promise<StatementCycle[]> {
  const rows = await db
    .select({
      ticket: cycles.ticketId,
      metric: cycles.metric,
      cycle: cycles.cycle,
      status: cycles.status,
      elapsedSeconds: cycles.elapsedSeconds,
      targetSeconds: cycles.targetSeconds,
      policy: cycles.policy,
      contract: cycles.contract,
      startedAt: sql<number>`(extract(epoch from ${cycles.startedAt}) * 1000)::float8`,
      breachedAt: sql<number | null>`(extract(epoch from ${cycles.breachedAt}) * 1000)::float8`,
      outcomeAt: sql<number>`(extract(epoch from ${cycles.outcomeAt}) * 1000)::float8`,
      team: cycles.team,
      agent: cycles.agent,
      priority: cycles.priority,
      channel: cycles.channel,
      organization: cycles.organization,
    })
    .from(cycles)
    .where(
      and(
        eq(cycles.tenantId, tenant),
        eq(cycles.contract, contract),
        eq(cycles.organization, organization),
        inArray(cycles.status, ['achieved', 'breached']),
        // A day either side: the core keeps exactly the month in the contract's zone.
        gte(cycles.outcomeAt, new Date(from - DAY_MS)),
        lt(cycles.outcomeAt, new Date(to + DAY_MS)),
      ),
    );
  // The columns hold what the engine wrote (ingest/cycle-rows.ts), so the casts restore its types.
  return rows.map((r) => ({
    ticket: r.ticket,
    metric: r.metric as Metric,
    cycle: r.cycle,
    status: r.status as CycleStatus,
    elapsedSeconds: r.elapsedSeconds,
    targetSeconds: r.targetSeconds,
    policy: r.policy,
    contract: r.contract,
    startedAt: Number(r.startedAt),
    breachedAt: r.breachedAt === null ? null : Number(r.breachedAt),
    outcomeAt: Number(r.outcomeAt),
    fields: {
      team: r.team,
      assignee: r.agent,
      priority: r.priority,
      channel: r.channel,
      organization: r.organization,
    },
  }));
}

/**
 * The month's statements of the tenant's contracts (core's `contractStatement`): one per
 * contract and organization it names, from the stored cycles the contract measured, in
 * config order. Contracts no version of which covers the month are left out, unless asked
 * for by name.
 * @throws StatementError for a malformed month, an unknown contract, or an organization no
 *   (asked) contract names
 */
export async function contractStatements(
  db: Database,
  tenant: string,
  query: StatementQuery,
): Promise<ContractStatement[]> {
  if (!MONTH.test(query.month))
    throw new StatementError('month', `"${query.month}" is not a month YYYY-MM`);
  const contracts = (await currentConfig(db, tenant))?.config.contracts ?? [];
  const asked = contracts.filter((c) => query.contract === undefined || c.id === query.contract);
  if (query.contract !== undefined && asked.length === 0)
    throw new StatementError('contract', `no contract "${query.contract}" in the tenant's config`);
  const statements: ContractStatement[] = [];
  for (const contract of asked) {
    const month = periodOf('month', Date.parse(`${query.month}-15T12:00:00Z`), contract.timezone);
    const inForce = contract.versions.some(
      (v) => v.from < month.end && (v.until === null || v.until > month.start),
    );
    if (!inForce) {
      if (query.contract === undefined) continue;
      throw new StatementError(
        'month',
        `contract "${contract.id}" is not in force in ${query.month}`,
      );
    }
    for (const organization of contract.organizations) {
      if (query.organization !== undefined && organization !== query.organization) continue;
      const counted = await statementCycles(
        db,
        tenant,
        contract.id,
        organization,
        month.start,
        month.end,
      );
      statements.push(
        contractStatement({ contract, organization, month: query.month, cycles: counted }),
      );
    }
  }
  if (query.organization !== undefined && statements.length === 0)
    throw new StatementError(
      'organization',
      `no contract${query.contract ? ` "${query.contract}"` : ''} in force names "${query.organization}"`,
    );
  return statements;
}
