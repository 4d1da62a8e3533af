import { ALWAYS_OPEN_ID } from '../calendar/compile.js';
import type { CalendarSpec } from '../calendar/types.js';
import { formatPath, type Problem } from '../errors.js';
import { LIMITS } from '../limits.js';
import { formatDuration } from '../time/duration.js';
import type { Config } from './types.js';

const WEEK_SECONDS = 7 * 86_400;

const listOf = (value: unknown, key: string): unknown[] => {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return [];
  const list = (value as Record<string, unknown>)[key];
  return Array.isArray(list) ? list : [];
};

/** The condition nodes of a raw `when` (leaves and combinators), counted without recursion. */
function conditionCount(when: unknown): number {
  let count = 0;
  const pending = [when];
  // Stops once over the limit: YAML aliases can make a small document a huge tree.
  while (pending.length > 0 && count <= LIMITS.maxConditions) {
    const node = pending.pop();
    if (node === null || typeof node !== 'object') continue;
    count++;
    pending.push(...listOf(node, 'all'), ...listOf(node, 'any'));
    if (Object.hasOwn(node, 'not')) pending.push((node as { not: unknown }).not);
  }
  return count;
}

/**
 * How many calendars, policies, holidays and conditions a config holds, checked on the raw
 * value before the schema runs: validating 10,000 calendars blocked a server for seconds,
 * and a count over the limit needs no closer look.
 */
export function sizeProblems(value: unknown): Problem[] {
  const calendars = listOf(value, 'calendars');
  const policies = listOf(value, 'policies');
  const contracts = listOf(value, 'contracts');
  const counts: [string, number, number][] = [
    ['contracts', contracts.length, LIMITS.maxContracts],
    [
      'organizations',
      contracts.reduce((sum: number, c) => sum + listOf(c, 'organizations').length, 0),
      LIMITS.maxContractOrganizations,
    ],
    ['calendars', calendars.length, LIMITS.maxCalendars],
    ['policies', policies.length, LIMITS.maxPolicies],
    [
      'holidays',
      calendars.reduce((sum: number, c) => sum + listOf(c, 'holidays').length, 0),
      LIMITS.maxHolidays,
    ],
    [
      'conditions',
      policies.reduce((sum: number, p) => sum + conditionCount(whenOf(p)), 0),
      LIMITS.maxConditions,
    ],
  ];
  return counts
    .filter(([, count, max]) => count > max)
    .map(([what, count, max]) => ({
      path: ['calendars', 'policies', 'contracts'].includes(what) ? what : '(root)',
      message: `has ${count} ${what}: a config may have at most ${max}`,
    }));
}

const whenOf = (policy: unknown): unknown =>
  policy !== null && typeof policy === 'object' && Object.hasOwn(policy, 'when')
    ? (policy as { when: unknown }).when
    : undefined;

/** Business seconds in one week of a calendar's weekly hours (holidays aside). */
function weeklySeconds(spec: CalendarSpec): number {
  let minutes = 0;
  for (const day of spec.week)
    for (const { open, close } of day) minutes += close > open ? close - open : close + 1440 - open;
  return minutes * 60;
}

/**
 * Targets their calendar cannot reach within `LIMITS.maxTargetYears` of its weekly hours
 * (semantics.md section 4): a `30d` target in a calendar open one minute a week would be due
 * some 800 years later, a table of centuries for the engine to build at every evaluation.
 */
export function reachProblems(config: Config): Problem[] {
  const weekly = new Map<string, number>([[ALWAYS_OPEN_ID, WEEK_SECONDS]]);
  for (const spec of config.calendars) weekly.set(spec.id, weeklySeconds(spec));
  const measured = [
    ...config.policies.map((p, i) => ({ at: ['policies', i] as PropertyKey[], ...p })),
    ...config.contracts.flatMap((c, i) =>
      c.versions.map((v, j) => ({ at: ['contracts', i, 'versions', j] as PropertyKey[], ...v })),
    ),
  ];
  const problems: Problem[] = [];
  for (const { at, calendar, targets } of measured) {
    const perWeek = weekly.get(calendar);
    if (perWeek === undefined) continue;
    const max = Math.floor((perWeek * 52 * LIMITS.maxTargetYears) / 60) * 60;
    for (const [metric, byPriority] of Object.entries(targets))
      for (const [priority, seconds] of Object.entries(byPriority ?? {}))
        if (seconds > max)
          problems.push({
            path: formatPath([...at, 'targets', metric, priority]),
            message: `calendar ${calendar} is open ${formatDuration(perWeek)} a week: a target must be at most ${formatDuration(max)} (${LIMITS.maxTargetYears} years of its hours)`,
          });
  }
  return problems;
}
