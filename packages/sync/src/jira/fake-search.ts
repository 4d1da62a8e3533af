// The loopback Jira's "Search for issues using JQL enhanced search (GET)" (see fake.ts for
// the documented shapes): the JQL sync sends, a page of issues with their changelog and
// comments cut short at `inSearch`, `nextPageToken` (an offset, base64) and `isLast`.
import type { FakeAnswer } from '../fake-server.js';
import type { FakeJiraChange, FakeJiraIssue } from './fake-history.js';

/** An issue as shown at an instant: its latest change, its histories and comments so far. */
export interface Shown {
  readonly issue: FakeJiraIssue;
  readonly shown: {
    readonly latest: FakeJiraChange | undefined;
    readonly histories: Record<string, unknown>[];
    readonly comments: Record<string, unknown>[];
  };
}

export interface SearchOptions {
  /** Issues a page at most. */
  readonly pageSize: number;
  /** Histories and comments shown of an issue before cutting them short. */
  readonly inSearch: number;
  /** The site's address in `self` links. */
  readonly site: string;
}

/**
 * One search page over the issues as shown now (least recently updated first): `updated >=`
 * or `updated <` a JQL minute (UTC), without the Done category if asked.
 */
export function searchPage(ordered: readonly Shown[], url: URL, o: SearchOptions): FakeAnswer {
  const jql = url.searchParams.get('jql') ?? '';
  const m = /updated (>=|<) "(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d)"/.exec(jql);
  if (!m)
    return [
      400,
      { errorMessages: [`the fake understands updated >= "yyyy/MM/dd HH:mm" only: ${jql}`] },
    ];
  const [y, mo, d, h, mi] = m.slice(2).map(Number) as number[];
  const since = Date.UTC(y as number, (mo as number) - 1, d, h, mi);
  const before = m[1] === '<';
  const open = jql.includes('statusCategory != Done');
  const all = ordered.filter((x) => {
    const latest = x.shown.latest;
    const at = latest?.at ?? 0;
    const category = (latest?.fields.status as { statusCategory?: { key?: string } } | undefined)
      ?.statusCategory?.key;
    return (before ? at < since : at >= since) && !(open && category === 'done');
  });
  const offset = Number(
    Buffer.from(url.searchParams.get('nextPageToken') ?? 'MA==', 'base64').toString() || 0,
  );
  if (!Number.isInteger(offset)) return [400, { errorMessages: ['Invalid nextPageToken.'] }];
  const size = Math.min(o.pageSize, Number(url.searchParams.get('maxResults') ?? 50));
  const cut = o.inSearch;
  const issues = all.slice(offset, offset + size).map(({ issue, shown }) => ({
    id: issue.id,
    key: issue.key,
    self: `${o.site}/rest/api/3/issue/${issue.id}`,
    fields: {
      ...shown.latest?.fields,
      comment: {
        comments: shown.comments.slice(0, cut),
        maxResults: cut,
        total: shown.comments.length,
        startAt: 0,
      },
    },
    changelog: {
      startAt: 0,
      maxResults: cut,
      total: shown.histories.length,
      histories: shown.histories.slice(0, cut),
    },
  }));
  const isLast = offset + size >= all.length;
  const next = isLast
    ? {}
    : { nextPageToken: Buffer.from(String(offset + size)).toString('base64') };
  return [200, { issues, isLast, ...next }];
}
