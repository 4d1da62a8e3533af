import { ALWAYS_OPEN_ID } from '../calendar/compile.js';
import type { Problem } from '../errors.js';
import { contractProblems } from './contract-references.js';

type Raw = Record<string, unknown>;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const idOf = (item: unknown) =>
  item !== null && typeof item === 'object' ? (item as Raw).id : undefined;

/**
 * The checks that span entries: duplicate ids, policies naming unknown calendars, a warning
 * listed twice. They run on the raw input beside the schema, because zod skips refinements
 * once a part fails, and a user must see every problem at once.
 */
export function referenceProblems(value: unknown): Problem[] {
  if (value === null || typeof value !== 'object') return [];
  const raw = value as Raw;
  const problems: Problem[] = [];
  const calendars = list(raw.calendars);
  const policies = list(raw.policies);
  problems.push(
    ...duplicates(calendars.map(idOf), 'calendars'),
    ...duplicates(policies.map(idOf), 'policies'),
  );
  const known = new Set([
    ALWAYS_OPEN_ID,
    ...calendars.map(idOf).filter((id) => typeof id === 'string'),
  ]);
  problems.push(...contractProblems(raw, known));
  for (const [i, policy] of policies.entries()) {
    if (policy === null || typeof policy !== 'object') continue;
    const { calendar, warnings } = policy as Raw;
    if (typeof calendar === 'string' && calendar !== '' && !known.has(calendar)) {
      problems.push({
        path: `policies[${i}].calendar`,
        message: `"${calendar}" is not a calendar`,
      });
    }
    const seen = new Set<unknown>();
    for (const [j, level] of list(warnings).entries()) {
      if (seen.has(level))
        problems.push({
          path: `policies[${i}].warnings[${j}]`,
          message: `"${String(level)}" is listed twice`,
        });
      seen.add(level);
    }
  }
  return problems;
}

function duplicates(ids: unknown[], listName: string): Problem[] {
  const seen = new Set<unknown>();
  const problems: Problem[] = [];
  for (const [i, id] of ids.entries()) {
    if (typeof id !== 'string') continue;
    if (seen.has(id))
      problems.push({ path: `${listName}[${i}].id`, message: `"${id}" is used twice` });
    seen.add(id);
  }
  return problems;
}
