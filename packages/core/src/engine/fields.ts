import type { TicketFields } from '../events/types.js';

/**
 * Applies changed fields to a ticket's fields, returning a new object (the old one may be
 * held as a cycle's fields at its outcome). `tags` replaces the list, `custom` merges by
 * key, and `null` unsets a field.
 */
export function applyFields(current: TicketFields, changes: TicketFields): TicketFields {
  const next: Record<string, unknown> = { ...current };
  for (const key in changes) {
    const value = (changes as Record<string, unknown>)[key];
    if (key === 'custom' && value !== null && typeof value === 'object') {
      next.custom = { ...current.custom, ...(value as Record<string, unknown>) };
    } else if (value === null) {
      delete next[key];
    } else {
      next[key] = value;
    }
  }
  return next as TicketFields;
}
