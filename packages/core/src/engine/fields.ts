import type { TicketFields } from '../events/types.js';

/**
 * Applies changed fields to a ticket's fields, returning a new object (the old one may be
 * held as a cycle's fields at its outcome). `tags` replaces the list, `custom` merges by
 * key, and `null` unsets a field. Only own keys are read and every key is defined as an own
 * property, so a field named `__proto__` or `constructor` is data, never a built-in.
 */
export function applyFields(current: TicketFields, changes: TicketFields): TicketFields {
  const next = new Map<string, unknown>(Object.entries(current));
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'custom' && value !== null && typeof value === 'object') {
      next.set('custom', { ...current.custom, ...(value as Record<string, unknown>) });
    } else if (value === null) {
      next.delete(key);
    } else {
      next.set(key, value);
    }
  }
  return Object.fromEntries(next) as TicketFields;
}
