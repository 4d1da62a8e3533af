// Its own file, not types.ts: the connectors schema reads the list, and types.ts reads the
// schema's output type, so either file holding it would import the other.

/** Every ticket status, normalized: what events set and policies pause on. */
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
/** A ticket status, normalized. */
export type Status = (typeof STATUSES)[number];
