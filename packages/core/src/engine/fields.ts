import type { TicketFields } from '../events/types.js';

/**
 * Applies changed fields to a ticket's fields, returning a new object (the old one may be
 * held as a cycle's fields at its outcome). `tags` replaces the list, `custom` merges by
 * key, and `null` unsets a field. Only own keys are read, and a key named `__proto__` is
 * defined as data: it can never replace the object's prototype.
 */
export function applyFields(current: TicketFields, changes: TicketFields): TicketFields {
  const next: Record<string, unknown> = { ...current };
  const changed = changes as Record<string, unknown>;
  for (const key of Object.keys(changed)) {
    const value = changed[key];
    if (key === 'custom' && value !== null && typeof value === 'object') {
      next.custom = { ...current.custom, ...(value as Record<string, unknown>) };
    } else if (value === null) {
      delete next[key];
    } else if (key === '__proto__') {
      Object.defineProperty(next, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      next[key] = value;
    }
  }
  return next as TicketFields;
}
