import { DateTime } from 'luxon';
import type { GroupKey, ReportCycle } from './types.js';

// An empty string is what some helpdesks export for "no team": report it with the missing ones.
const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The value a counted cycle has for a grouping key (semantics.md section 7):
 * - `day` (`YYYY-MM-DD`), `week` (the Monday that starts its ISO week, `YYYY-MM-DD`) and
 *   `month` (`YYYY-MM`) of the outcome instant, read in `zone`;
 * - `team`, `agent` (the assignee), `priority`, `channel` and `organization` from the ticket's fields at the
 *   outcome, which is what `cycle.fields` holds, so a later reassignment does not move a breach;
 * - `policy`, `contract` (the contract whose target measured it) and `metric` of the cycle.
 * `null` when the ticket has no such field.
 * @throws RangeError for a zone luxon does not know, or a cycle without an outcome
 */
export function groupValue(cycle: ReportCycle, key: GroupKey, zone: string): string | null {
  switch (key) {
    case 'day':
    case 'week':
    case 'month': {
      if (cycle.outcomeAt === null)
        throw new RangeError(`a ${cycle.status} ${cycle.metric} cycle has no outcome to date`);
      const local = DateTime.fromMillis(cycle.outcomeAt, { zone });
      if (!local.isValid) throw new RangeError(`"${zone}" is not an IANA time zone`);
      if (key === 'day') return local.toFormat('yyyy-MM-dd');
      // Luxon's weeks are ISO weeks (Monday first) unless locale weeks are asked for.
      if (key === 'week') return local.startOf('week').toFormat('yyyy-MM-dd');
      return local.toFormat('yyyy-MM');
    }
    case 'team':
      return text(cycle.fields.team);
    case 'agent':
      return text(cycle.fields.assignee);
    case 'priority':
      return text(cycle.fields.priority);
    case 'channel':
      return text(cycle.fields.channel);
    case 'organization':
      return text(cycle.fields.organization);
    case 'contract':
      return cycle.contract ?? null;
    case 'policy':
      return cycle.policy;
    case 'metric':
      return cycle.metric;
  }
}

/** The units a report can group time by. */
export type PeriodUnit = 'day' | 'week' | 'month';

/**
 * The day, ISO week or month containing `at` in `zone`: its bounds, and the label
 * `groupValue` gives the cycles in it. Days follow the zone's clock, so a daylight-saving
 * day is 23 or 25 hours long.
 */
export function periodOf(
  unit: PeriodUnit,
  at: number,
  zone: string,
): { start: number; end: number; label: string } {
  const start = DateTime.fromMillis(at, { zone }).startOf(unit);
  if (!start.isValid) throw new RangeError(`"${zone}" is not an IANA time zone`);
  return {
    start: start.toMillis(),
    end: start.plus({ [`${unit}s`]: 1 }).toMillis(),
    label: start.toFormat(unit === 'month' ? 'yyyy-MM' : 'yyyy-MM-dd'),
  };
}
