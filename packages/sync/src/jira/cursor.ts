/** Where a Jira connection's reading stands. */
export interface JiraCursor {
  /** Epoch ms: the newest `updated` read; issues updated at or before it were read. */
  readonly since: number;
  /** The account's time zone, in which JQL reads dates (`GET /rest/api/3/myself`). */
  readonly zone?: string;
  /** The search's `nextPageToken` while a search is being paged through. */
  readonly token?: string;
  /** The newest `updated` read in the search being paged: the next `since`. */
  readonly newest?: number;
  /** The search for requests still open though last updated before `since` is under way. */
  readonly open?: true;
}

/**
 * The stored cursor: JSON once a page was read; before, what `connect` stores for every
 * platform, the Unix seconds of `--since` (`0`: the whole history). An issue updated at
 * that very instant is read: the cursor stands a millisecond before it.
 */
export function readCursor(cursor: string | null): JiraCursor {
  if (cursor?.startsWith('{')) return JSON.parse(cursor) as JiraCursor;
  const seconds = Number(cursor ?? '0');
  return seconds > 0 ? { since: seconds * 1000 - 1, open: true } : { since: -1 };
}

/**
 * An instant as JQL's `"yyyy/MM/dd HH:mm"` in `zone`, rounded down to its minute (JQL has
 * no seconds): the search reads that minute again.
 */
export function jqlSince(ms: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(Math.max(0, ms)));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}/${part('month')}/${part('day')} ${part('hour')}:${part('minute')}`;
}
