import type { Condition, Metric, Policy } from '../config/types.js';
import type { TicketFields } from '../events/types.js';

/** `record[key]` if it is the record's own: `constructor` or `toString` are not data. */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function fieldValue(fields: TicketFields, name: string): unknown {
  if (name.startsWith('custom.')) return own(fields.custom, name.slice(7));
  return own(fields as Record<string, unknown>, name);
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}

/** Whether a ticket's current fields satisfy a policy condition (semantics.md section 4). */
export function matches(condition: Condition, fields: TicketFields): boolean {
  // `in` is safe here: conditions are built by the schema, and no built-in has these names.
  if ('always' in condition) return true;
  if ('all' in condition) return condition.all.every((c) => matches(c, fields));
  if ('any' in condition) return condition.any.some((c) => matches(c, fields));
  if ('not' in condition) return !matches(condition.not, fields);
  const actual = fieldValue(fields, condition.field);
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return (expected as unknown[]).includes(actual);
    case 'not_in':
      return !(expected as unknown[]).includes(actual);
    case 'contains':
      return contains(actual, expected);
    case 'not_contains':
      return !contains(actual, expected);
    case 'exists':
      return isPresent(actual) === expected;
  }
}

/** `contains` is list membership for `tags`, and a substring test on text fields. */
function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.includes(expected);
  return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected);
}

/** The first policy whose condition matches, like Zendesk; `undefined` when none does. */
export function selectPolicy(
  policies: readonly Policy[],
  fields: TicketFields,
): Policy | undefined {
  return policies.find((p) => matches(p.when, fields));
}

/** A policy's (or contract version's) target in seconds for a metric and priority (`*` for others), or `null`. */
export function targetOf(
  policy: Pick<Policy, 'targets'> | undefined,
  metric: Metric,
  priority: string | null | undefined,
): number | null {
  const byPriority = own(policy?.targets, metric);
  if (!byPriority) return null;
  // A priority of `constructor` or `__proto__` is one the policy does not list: it gets `*`.
  return (priority != null ? own(byPriority, priority) : undefined) ?? own(byPriority, '*') ?? null;
}
