/** Where one repository's reading stands. */
export interface RepoCursor {
  /** `since` of the issue listing (ISO): issues updated at or after it; `null` for all. */
  readonly since: string | null;
  /** The listing's next page (its `Link` header) while a listing is being paged through. */
  readonly next?: string;
  /** The newest `updated_at` read in the listing being paged: the next `since`. */
  readonly newest?: string;
  /** The ETag of the last one-page listing at `since`: sent as `If-None-Match`. */
  readonly etag?: string;
  /**
   * A backfill from a date first reads the issues still open that were last updated before
   * it (`state=open`, no `since`): their clocks run, so their whole history is read.
   */
  readonly open?: true;
}

/** A GitHub connection's cursor: each repository's, and which one is being read. */
export interface GitHubCursor {
  readonly repos: Readonly<Record<string, RepoCursor>>;
  readonly at: number;
}

/**
 * The stored cursor: JSON once a page was read; before, what `connect` stores for every
 * platform, the Unix seconds of `--since` (`0`: the whole history).
 */
export function readCursor(cursor: string | null, repos: readonly string[]): GitHubCursor {
  if (cursor?.startsWith('{')) {
    const parsed = JSON.parse(cursor) as GitHubCursor;
    return { repos: parsed.repos ?? {}, at: parsed.at < repos.length ? parsed.at : 0 };
  }
  // A second before `--since`: an issue updated at that very second is read.
  const seconds = Number(cursor ?? '0');
  const since =
    seconds > 0 ? new Date((seconds - 1) * 1000).toISOString().replace('.000Z', 'Z') : null;
  const first: RepoCursor = since === null ? { since } : { since, open: true };
  return { repos: Object.fromEntries(repos.map((r) => [r, first])), at: 0 };
}
