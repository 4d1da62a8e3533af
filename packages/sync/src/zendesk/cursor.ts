/** Where a Zendesk connection's reading stands. */
export interface ZendeskCursor {
  /** Unix seconds: the event export's next `start_time`. */
  readonly start: number;
  /**
   * A backfill from a date first reads in full the tickets created before it that its
   * export would show only in part: the search (index into `OPEN_SEARCHES`) under way.
   */
  readonly open?: number;
  /** The search's next page (`links.next`) while it is being paged through. */
  readonly next?: string;
}

/**
 * The tickets a backfill from `since` reads in full before the export: those created
 * before it and still unsolved, then those created before it and solved or closed since.
 * (Zendesk's search reads ISO times; statuses order new < open < pending < hold < solved;
 * the export search takes the type as `filter[type]`, never in the query.)
 */
export function openSearches(since: number): readonly string[] {
  const at = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
  return [
    `created<${at(since)} status<solved`,
    `created<${at(since)} updated>${at(since - 1)} status>hold`,
  ];
}

/**
 * The stored cursor: JSON once a page was read; before, what `connect` stores for every
 * platform, the Unix seconds of `--since` (`0`: the whole history, nothing to search).
 */
export function readCursor(cursor: string | null): ZendeskCursor {
  if (cursor?.startsWith('{')) return JSON.parse(cursor) as ZendeskCursor;
  const start = Number(cursor ?? '0');
  return start > 0 ? { start, open: 0 } : { start };
}
