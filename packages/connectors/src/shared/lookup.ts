/**
 * `table[key]` when the table itself holds `key`, else undefined. Keys here come from
 * helpdesk payloads and config (a status, a group id, a repository): `constructor` or
 * `__proto__` must be a key like any other, not a property every object inherits.
 */
export function lookup<V>(
  table: Readonly<Record<string, V>> | undefined,
  key: string,
): V | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
