// What the hostile requests of issue 15 (hostile-requests.ts) are made of: each carries
// `MARKER` in its body or query so a test can look for it in the logs.

/** In every hostile body and query value: it must never appear in a log line. */
export const MARKER = 'MARKER-5eb1c9d0';

/** An id past what a btree index row holds (2,800+ characters). */
export const LONG = `${MARKER}${'x'.repeat(2_800)}`;
/** A request sending `body` as JSON, or `raw` as it is. */
export const json = (method: string, body: unknown, raw?: string): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: raw ?? JSON.stringify(body),
});
/** `depth` lists inside one another, built as text: no recursion to build it either. */
export const nested = (depth: number, inner: string) =>
  `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

/** A valid event of ticket H-1 with `patch` applied; `at` is within a day of the suites' now. */
export function hostileEvent(patch: Record<string, unknown> = {}) {
  return {
    id: `h-${MARKER}`,
    ticket: 'H-1',
    type: 'ticket.created',
    at: '2026-11-23T09:00:00Z',
    by: 'customer',
    fields: { status: 'new', priority: 'high', team: 'billing', subject: MARKER },
    ...patch,
  };
}
/** POST /v1/events of one hostile event per patch. */
export const events = (...patches: Record<string, unknown>[]) =>
  json(
    'POST',
    patches.map((p) => hostileEvent(p)),
  );
/** POST /v1/events of an event with a field nested `depth` levels. */
export const deepEvent = (depth: number) =>
  json(
    'POST',
    undefined,
    `[{"id":"d","ticket":"H-2","type":"message","at":"2026-11-23T09:00:00Z","author":"customer","public":true,"x":${nested(depth, `"${MARKER}"`)}}]`,
  );
