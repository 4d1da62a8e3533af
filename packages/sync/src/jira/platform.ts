import { type JiraOptions, jiraStatus } from '@breachless/connectors/jira';
import { type Fetch, getJson } from '../http-read.js';
import type { Failed, Limited, Platform, ReadResult } from '../platform.js';
import { type JiraCursor, jqlSince, readCursor } from './cursor.js';
import { mapJira, millis } from './map.js';
import {
  type Comment,
  changelogPageSchema,
  commentPageSchema,
  type History,
  type JiraRecord,
  type SearchIssue,
  searchIssueSchema,
  searchPageSchema,
} from './schema.js';

/** Issues a search page asks for: the most the enhanced search gives with fields. */
export const JIRA_PAGE = 100;

/** What reading a Jira site needs: an account's email and an API token. */
export interface JiraCredentials {
  readonly email: string;
  readonly token: string;
}

/**
 * Jira Cloud through its REST API v3: `GET /rest/api/3/search/jql` with `jql=(<the
 * connection's JQL>) AND updated >= "yyyy/MM/dd HH:mm" ORDER BY updated ASC`,
 * `expand=changelog`, paged by `nextPageToken` until `isLast`; an issue whose changelog or
 * comments the search cut short is completed from `GET /rest/api/3/issue/{id}/changelog`
 * and `.../comment`. JQL dates are minutes in the account's time zone (`GET
 * /rest/api/3/myself`, read once and kept in the cursor); the cursor is the newest
 * `updated` read, and its minute is read again (issues already read are skipped). A 429 (or
 * 503) waits its `Retry-After`, as "Rate limiting" in Jira's REST documentation asks.
 */
export function jiraPlatform(
  baseUrl: string,
  credentials: JiraCredentials,
  options: JiraOptions,
  jql: string | undefined,
  fetcher: Fetch = fetch,
): Platform<JiraRecord> {
  const root = baseUrl.replace(/\/+$/, '');
  const auth = Buffer.from(`${credentials.email}:${credentials.token}`).toString('base64');
  const get = (path: string) =>
    getJson(fetcher, `${root}${path}`, { authorization: `Basic ${auth}` }, 'jira');
  let categories: Map<string, string> | undefined;

  async function all<T>(
    first: readonly T[],
    total: number | undefined,
    path: (startAt: number) => string,
    page: (body: unknown) => { values: T[]; isLast?: boolean | undefined } | undefined,
  ): Promise<T[] | Limited | Failed> {
    if (total === undefined || first.length >= total) return [...first];
    const values: T[] = [];
    for (;;) {
      const got = await get(path(values.length));
      if (got.kind !== 'json') return got;
      const read = page(got.body);
      if (read === undefined) return notDocumented(path(values.length).split('?')[0] ?? '');
      values.push(...read.values);
      if (read.isLast === true || read.values.length === 0 || values.length >= total) return values;
    }
  }

  async function complete(raw: Record<string, unknown>, issue: SearchIssue) {
    const log = issue.changelog;
    const histories = await all<History>(
      log?.histories ?? [],
      log?.total,
      (s) => `/rest/api/3/issue/${issue.id}/changelog?startAt=${s}&maxResults=100`,
      (b) => {
        const p = changelogPageSchema.safeParse(b);
        return p.success ? { values: p.data.values, isLast: p.data.isLast } : undefined;
      },
    );
    if (!Array.isArray(histories)) return histories;
    const c = issue.fields.comment;
    const comments = await all<Comment>(
      c?.comments ?? [],
      c?.total,
      (s) => `/rest/api/3/issue/${issue.id}/comment?startAt=${s}&maxResults=100&orderBy=created`,
      (b) => {
        const p = commentPageSchema.safeParse(b);
        return p.success ? { values: p.data.comments } : undefined;
      },
    );
    if (!Array.isArray(comments)) return comments;
    histories.sort((a, b) => millis(a.created) - millis(b.created));
    return { raw, issue, histories, comments };
  }

  // A status the names alone do not map needs its category: `GET /rest/api/3/status`, once.
  async function categoriesFor(records: Omit<JiraRecord, 'categories'>[]) {
    const names = records.flatMap((r) =>
      r.histories.flatMap((h) =>
        h.items
          .filter((i) => i.field.toLowerCase() === 'status')
          .flatMap((i) => [i.fromString, i.toString]),
      ),
    );
    const unknown = names.some(
      (n) => typeof n === 'string' && jiraStatus(n, undefined, options) === undefined,
    );
    if (!unknown || categories !== undefined) return categories ?? new Map<string, string>();
    const got = await get('/rest/api/3/status');
    if (got.kind !== 'json') return got;
    const list = Array.isArray(got.body)
      ? (got.body as { name?: unknown; statusCategory?: { key?: unknown } }[])
      : [];
    categories = new Map();
    for (const s of list)
      if (typeof s.name === 'string' && typeof s.statusCategory?.key === 'string')
        categories.set(s.name.toLowerCase(), s.statusCategory.key);
    return categories;
  }

  return {
    name: 'jira',
    async read(cursor, until): Promise<ReadResult<JiraRecord>> {
      let state = readCursor(cursor);
      if (state.zone === undefined) {
        const me = await get('/rest/api/3/myself');
        if (me.kind !== 'json') return me;
        const zone = (me.body as { timeZone?: unknown } | null)?.timeZone;
        state = { ...state, zone: typeof zone === 'string' ? zone : 'UTC' };
      }
      const zone = state.zone ?? 'UTC';
      // A backfill from a date first reads the requests still open though last updated
      // before it (their clocks run), then every change from the date on.
      // (The open search ends a minute later: JQL has minutes, and the search from the date
      // skips what precedes the date within its first minute. Read twice, an event is one.)
      const at = (ms: number) => `"${jqlSince(ms, zone)}"`;
      const where = state.open
        ? `statusCategory != Done AND updated < ${at(state.since + 60_000)} ORDER BY updated ASC`
        : `updated >= ${at(state.since)} ORDER BY updated ASC`;
      const query = jql === undefined ? where : `(${jql}) AND ${where}`;
      const token =
        state.token === undefined ? '' : `&nextPageToken=${encodeURIComponent(state.token)}`;
      const got = await get(
        `/rest/api/3/search/jql?jql=${encodeURIComponent(query)}&maxResults=${JIRA_PAGE}&fields=*all&expand=changelog${token}`,
      );
      // A page token that no longer holds (it expired between two runs): the search starts
      // again from the cursor, which lost nothing (it moves only once a search is done).
      if (got.kind === 'failed' && state.token !== undefined && got.message.startsWith('jira: 400'))
        return {
          ...emptyPage,
          next: JSON.stringify({ since: state.since, zone, ...(state.open ? { open: true } : {}) }),
          cursorAt: state.since,
        };
      if (got.kind !== 'json') return got;
      const page = searchPageSchema.safeParse(got.body);
      if (!page.success) return notDocumented('the search page');
      const read: Omit<JiraRecord, 'categories'>[] = [];
      let newest = state.newest ?? state.since;
      let stopped = false;
      for (const value of page.data.issues) {
        const issue = searchIssueSchema.safeParse(value);
        if (!issue.success) return notDocumented('an issue of the search page');
        const updated = millis(issue.data.fields.updated);
        if (!state.open && updated > until) {
          stopped = true;
          break;
        }
        if (!state.open) newest = Math.max(newest, updated);
        // Read in full by the run that moved the cursor here (its minute is read again).
        if (!state.open && updated <= state.since) continue;
        const record = await complete(value as Record<string, unknown>, issue.data);
        if ('kind' in record) return record;
        read.push(record);
      }
      const found = await categoriesFor(read);
      if (!(found instanceof Map)) return found;
      const records = read.map((r) => ({ ...r, categories: found }));
      const next = page.data.nextPageToken;
      const more = !stopped && page.data.isLast !== true && typeof next === 'string' && next !== '';
      const moved: JiraCursor = more ? { ...state, token: next, newest } : { since: newest, zone };
      const cursorAt = more || stopped || state.open ? newest : until;
      const tickets = [...new Set(records.map((r) => r.issue.key))];
      const done = !more && !state.open;
      return { kind: 'page', records, tickets, next: JSON.stringify(moved), done, cursorAt };
    },
    map: (records) => mapJira(records, options),
  };
}

const emptyPage = { kind: 'page' as const, records: [], tickets: [], done: false };

function notDocumented(what: string): Failed {
  return { kind: 'failed', message: `jira: ${what} is not as documented` };
}
