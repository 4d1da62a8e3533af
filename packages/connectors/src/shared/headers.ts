/**
 * Request headers as the API may hold them: a Fetch `Headers` (Hono), or a plain record
 * (Node's `IncomingHttpHeaders`, a test's literal) whose keys may be in any case.
 */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Reads one header case-insensitively. A repeated header counts as absent: a signature
 * sent twice is ambiguous, and picking one would let an attacker choose which is checked.
 */
export function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    const value = (headers as { get(name: string): string | null }).get(name);
    return value === null ? undefined : value;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.length === 1) return value[0];
    return undefined;
  }
  return undefined;
}
