import { DateTime } from 'luxon';
import type { CycleResult } from '../engine/types.js';
import type { GroupKey } from './types.js';

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/**
 * The value a cycle has for a grouping key: its outcome's day, week (the Monday it starts
 * on) or month in the report's zone, or the ticket field at the outcome.
 */
export function groupValue(cycle: CycleResult, key: GroupKey, zone: string): string | null {
  switch (key) {
    case 'day':
    case 'week':
    case 'month': {
      const local = DateTime.fromMillis(cycle.outcomeAt ?? 0, { zone });
      if (key === 'day') return local.toISODate();
      if (key === 'week') return local.startOf('week').toISODate();
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
    case 'policy':
      return cycle.policy;
    case 'metric':
      return cycle.metric;
  }
}
