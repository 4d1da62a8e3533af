import type { TicketResult } from '../engine/types.js';
import type { TicketFields } from '../events/types.js';
import type { Instant } from '../time/instant.js';
import { isTimeZone } from '../time/zone.js';
import { isGroupKey } from './group-keys.js';
import { groupValues } from './period-labels.js';
import { roundedRatio } from './stats.js';
import type { GroupKey, ReportCycle } from './types.js';

/** A resolved ticket as first contact resolution counts it (docs/semantics.md). */
export interface FirstContactFact {
  readonly ticket: string;
  /** When it was (last) solved or closed: where it counts. */
  readonly resolvedAt: Instant;
  /** Resolved with exactly one public agent reply and never reopened. */
  readonly firstContact: boolean;
  readonly agentReplies: number;
  readonly reopened: boolean;
  /** The ticket's fields at its resolution: team, assignee, priority, channel, organization. */
  readonly fields: TicketFields;
  readonly policy: string | null;
  /** The contract of its resolution cycle, if a contract measured it. */
  readonly contract: string | null;
}

/** One row per group: resolved tickets, those resolved at first contact, and their share. */
export interface FirstContactRow {
  readonly group: Readonly<Partial<Record<GroupKey, string | null>>>;
  readonly resolved: number;
  readonly firstContact: number;
  /** firstContact / resolved x 100, two decimals; `null` when nothing was resolved. */
  readonly fcrPct: number | null;
}

/**
 * What first contact resolution reads of a ticket at its evaluation instant: `null` for a
 * ticket that is not solved or closed (or deleted), or that no agent ever answered (nothing
 * was asked of a first contact: a spam closed unread, an import created solved).
 */
export function firstContactFact(ticket: TicketResult): FirstContactFact | null {
  const { contact } = ticket;
  if (ticket.state === 'deleted' || ticket.state === 'open') return null;
  if (contact.resolvedAt === null || contact.agentReplies === 0) return null;
  const resolution = ticket.cycles.findLast((c) => c.metric === 'resolution');
  return {
    ticket: ticket.ticket,
    resolvedAt: contact.resolvedAt,
    firstContact: contact.agentReplies === 1 && !contact.reopened,
    agentReplies: contact.agentReplies,
    reopened: contact.reopened,
    fields: contact.resolvedFields ?? ticket.fields,
    policy: ticket.policy,
    contract: resolution?.contract ?? null,
  };
}

/** The report options first contact resolution takes: `metric` is no grouping of tickets. */
export interface FirstContactOptions {
  /** Tickets count when their resolution instant is in `[from, to)`. */
  readonly from: Instant;
  readonly to: Instant;
  readonly by: readonly Exclude<GroupKey, 'metric'>[];
  readonly timezone?: string;
}

/**
 * First contact resolution over resolved tickets, grouped as compliance reports group (day,
 * week and month of the resolution instant in the zone; team, agent, priority, channel and
 * organization at the resolution; policy; contract). Rows sorted by the keys in order,
 * values in ordinal order and `null` last.
 * @throws RangeError for `metric`, an unknown key or zone, or a period ending before it starts
 */
export function firstContactReport(
  facts: Iterable<FirstContactFact>,
  options: FirstContactOptions,
): FirstContactRow[] {
  const { from, to } = options;
  if (!(to >= from)) throw new RangeError('report period ends before it starts');
  const bad = options.by.filter((k) => !isGroupKey(k) || (k as GroupKey) === 'metric');
  if (bad.length > 0) throw new RangeError(`cannot group first contacts by ${bad.join(', ')}`);
  const zone = options.timezone ?? 'UTC';
  if (!isTimeZone(zone)) throw new RangeError(`"${zone}" is not an IANA time zone`);
  const keys = [...new Set(options.by)];
  const groupOf = groupValues(zone);
  const rows = new Map<
    string,
    { group: Record<string, string | null>; n: number; first: number }
  >();
  for (const fact of facts) {
    if (fact.resolvedAt < from || fact.resolvedAt >= to) continue;
    const cycle: ReportCycle = {
      metric: 'resolution',
      status: 'achieved',
      elapsedSeconds: 0,
      outcomeAt: fact.resolvedAt,
      policy: fact.policy,
      fields: fact.fields,
      contract: fact.contract,
    };
    const group = Object.fromEntries(keys.map((k) => [k, groupOf(cycle, k)]));
    const id = JSON.stringify(keys.map((k) => group[k]));
    const row = rows.get(id) ?? { group, n: 0, first: 0 };
    row.n++;
    if (fact.firstContact) row.first++;
    rows.set(id, row);
  }
  return [...rows.values()]
    .sort((a, b) => compareGroups(a.group, b.group, keys))
    .map((r) => ({
      group: r.group,
      resolved: r.n,
      firstContact: r.first,
      fcrPct: roundedRatio(r.first * 100, r.n),
    }));
}

function compareGroups(
  a: Record<string, string | null>,
  b: Record<string, string | null>,
  keys: readonly string[],
): number {
  for (const key of keys) {
    const x = a[key] ?? null;
    const y = b[key] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
