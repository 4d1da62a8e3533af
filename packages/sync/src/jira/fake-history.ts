/** One change of a fake Jira issue: what REST shows of it from then on, and its webhooks. */
export interface FakeJiraChange {
  /** Epoch milliseconds. */
  readonly at: number;
  /** A changelog history (`id`, `author`, `created`, `items`), if the change made one. */
  readonly history?: Record<string, unknown>;
  /** A comment (`id`, `author`, `created`, `jsdPublic`), if the change was one. */
  readonly comment?: Record<string, unknown>;
  /** The issue's fields after the change. */
  readonly fields: Record<string, unknown>;
  /** Webhook bodies Jira sends for it (`jira:issue_*`, `comment_created`). */
  readonly webhooks: readonly Record<string, unknown>[];
}

export interface FakeJiraIssue {
  readonly id: string;
  readonly key: string;
  readonly changes: readonly FakeJiraChange[];
}

export interface JiraHistoryOptions {
  readonly issues: number;
  /** Epoch ms of the first issue's creation. */
  readonly start: number;
  /** Seconds between two issues' creations. */
  readonly spacing?: number;
  readonly site?: string;
}

const AGENT = { accountId: 'agent-1', accountType: 'atlassian', displayName: 'Agent' };
const status = (name: string, key: string) => ({ name, statusCategory: { key } });
const WAITING_SUPPORT = status('Waiting for support', 'indeterminate');
const WAITING_CUSTOMER = status('Waiting for customer', 'indeterminate');
const RESOLVED = status('Resolved', 'done');

/**
 * A deterministic Service Management history: each request is raised by its customer
 * (Waiting for support), answered by the agent (Waiting for customer), replied to
 * (Waiting for support), assigned, answered again and (two in three) Resolved: six changes,
 * eight or nine webhooks. One request in four waits three hours for its first answer.
 */
export function fakeJiraHistory(options: JiraHistoryOptions): FakeJiraIssue[] {
  const site = options.site ?? 'https://acme.atlassian.net';
  let historyId = 1;
  let commentId = 1;
  const out: FakeJiraIssue[] = [];
  for (let n = 0; n < options.issues; n++) {
    const id = String(10_000 + n);
    const key = `SUP-${n + 1}`;
    const customer = { accountId: `customer-${n}`, accountType: 'customer', displayName: `C${n}` };
    const t0 = options.start + n * (options.spacing ?? 60) * 1000;
    const first = (n % 4 === 0 ? 3 * 3600 : 1200) * 1000;
    let fields: Record<string, unknown> = {
      summary: `Request ${n + 1}`,
      status: WAITING_SUPPORT,
      priority: { name: n % 3 === 0 ? 'High' : 'Medium' },
      assignee: null,
      reporter: customer,
      labels: ['billing'],
      created: jiraTime(t0),
      updated: jiraTime(t0),
    };
    const issue = () => ({ id, key, self: `${site}/rest/api/3/issue/${id}`, fields });
    const changes: FakeJiraChange[] = [
      {
        at: t0,
        fields,
        webhooks: [{ webhookEvent: 'jira:issue_created', timestamp: t0, issue: issue() }],
      },
    ];
    const change = (
      at: number,
      items: Record<string, unknown>[],
      next: Record<string, unknown>,
    ) => {
      fields = { ...fields, ...next, updated: jiraTime(at) };
      const history = { id: String(historyId++), author: AGENT, created: jiraTime(at), items };
      changes.push({
        at,
        history,
        fields,
        webhooks: [
          { webhookEvent: 'jira:issue_updated', timestamp: at, issue: issue(), changelog: history },
        ],
      });
    };
    const statusItem = (from: { name: string }, to: { name: string }) => ({
      field: 'status',
      fieldtype: 'jira',
      from: '1',
      fromString: from.name,
      to: '2',
      toString: to.name,
    });
    const comment = (at: number, author: object) => {
      fields = { ...fields, updated: jiraTime(at) };
      const c = {
        id: String(commentId++),
        author,
        created: jiraTime(at),
        updated: jiraTime(at),
        jsdPublic: true,
      };
      changes.push({
        at,
        comment: c,
        fields,
        webhooks: [{ webhookEvent: 'comment_created', timestamp: at, comment: c, issue: issue() }],
      });
    };
    const t1 = t0 + first;
    comment(t1, AGENT);
    change(t1 + 1000, [statusItem(WAITING_SUPPORT, WAITING_CUSTOMER)], {
      status: WAITING_CUSTOMER,
    });
    comment(t1 + 1_800_000, customer);
    change(t1 + 1_801_000, [statusItem(WAITING_CUSTOMER, WAITING_SUPPORT)], {
      status: WAITING_SUPPORT,
    });
    change(
      t1 + 2_400_000,
      [
        {
          field: 'assignee',
          fieldtype: 'jira',
          from: null,
          fromString: null,
          to: AGENT.accountId,
          toString: AGENT.displayName,
        },
      ],
      { assignee: AGENT },
    );
    comment(t1 + 3_600_000, AGENT);
    if (n % 3 !== 2)
      change(t1 + 7_200_000, [statusItem(WAITING_SUPPORT, RESOLVED)], { status: RESOLVED });
    out.push({ id, key, changes });
  }
  return out;
}

/** Jira's instant form: `2026-11-02T09:00:00.000+0000`. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
