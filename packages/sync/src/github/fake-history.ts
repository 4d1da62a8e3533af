/** The issue as it stands after a change: what the issue listing shows from then on. */
export interface FakeIssueState {
  readonly title: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly state: 'open' | 'closed';
  readonly closedAt: number | null;
}

/** One change of a fake issue: its timeline events, its state after, its webhooks. */
export interface FakeIssueChange {
  /** Unix seconds. */
  readonly at: number;
  readonly timeline: readonly Record<string, unknown>[];
  readonly state: FakeIssueState;
  /** `X-GitHub-Event` and body of each webhook GitHub sends for it. */
  readonly webhooks: readonly { readonly event: string; readonly body: Record<string, unknown> }[];
}

/** A fake issue: who opened it when, and its changes in time order (the first opens it). */
export interface FakeIssue {
  readonly id: number;
  readonly number: number;
  readonly repo: string;
  readonly author: string;
  readonly changes: readonly FakeIssueChange[];
}

export interface GitHubHistoryOptions {
  readonly issues: number;
  /** Unix seconds of the first issue's opening. */
  readonly start: number;
  /** Seconds between two issues' openings. */
  readonly spacing?: number;
  readonly repo?: string;
}

/** The agent every issue is worked by (a member of the repository's organization). */
export const FAKE_AGENT = 'support-agent';

/**
 * A deterministic history: each issue is opened by its author with labels (`bug` and `P1`
 * one issue in three, `question` otherwise; GitHub records each as a `labeled` event at
 * the opening and sends a `labeled` webhook for each), answered by the agent, replied to
 * by the author, assigned to the agent, answered again and (two issues in three) closed:
 * six changes, seven to nine webhooks. One issue in four waits three hours for its first
 * answer, so targets of an hour or two are breached.
 */
export function fakeGitHubHistory(options: GitHubHistoryOptions): FakeIssue[] {
  const repo = options.repo ?? 'acme/support';
  let eventId = 1;
  let commentId = 1;
  const issues: FakeIssue[] = [];
  for (let n = 0; n < options.issues; n++) {
    const number = n + 1;
    const author = `customer-${n}`;
    const t0 = options.start + n * (options.spacing ?? 60);
    const first = n % 4 === 0 ? 3 * 3600 : 1200;
    const times = [
      t0,
      t0 + first,
      t0 + first + 1800,
      t0 + first + 2400,
      t0 + first + 3600,
      t0 + first + 7200,
    ];
    const labels = n % 3 === 0 ? ['bug', 'P1'] : ['question'];
    let state: FakeIssueState = {
      title: `Issue ${number}`,
      labels,
      assignees: [],
      state: 'open',
      closedAt: null,
    };
    const issueAt = (t: number) => ({
      id: 70_000_000 + number,
      number,
      title: state.title,
      html_url: `https://github.com/${repo}/issues/${number}`,
      state: state.state,
      user: { login: author, type: 'User' },
      labels: state.labels.map((name) => ({ name })),
      assignee: state.assignees[0] ? { login: state.assignees[0], type: 'User' } : null,
      assignees: state.assignees.map((login) => ({ login, type: 'User' })),
      created_at: iso(t0),
      updated_at: iso(t),
      closed_at: state.closedAt === null ? null : iso(state.closedAt),
    });
    const body = (t: number, extra: object) => ({
      issue: issueAt(t),
      repository: { full_name: repo },
      ...extra,
    });
    const event = (t: number, kind: string, actor: string, extra: object = {}) => ({
      id: eventId++,
      event: kind,
      actor: { login: actor, type: 'User' },
      created_at: iso(t),
      ...extra,
    });
    const comment = (t: number, login: string): Omit<FakeIssueChange, 'state'> => {
      const id = 900_000_000 + commentId++;
      const association = login === author ? 'NONE' : 'MEMBER';
      const user = { login, type: 'User' };
      return {
        at: t,
        timeline: [
          {
            id,
            event: 'commented',
            user,
            actor: user,
            author_association: association,
            created_at: iso(t),
            updated_at: iso(t),
            body: 'text',
          },
        ],
        webhooks: [
          {
            event: 'issue_comment',
            body: body(t, {
              action: 'created',
              comment: {
                id,
                user,
                created_at: iso(t),
                author_association: association,
                body: 'text',
              },
            }),
          },
        ],
      };
    };
    const changes: FakeIssueChange[] = [];
    const push = (c: Omit<FakeIssueChange, 'state'>) => changes.push({ ...c, state });
    push({
      at: t0,
      timeline: labels.map((name) => event(t0, 'labeled', author, { label: { name } })),
      webhooks: [
        { event: 'issues', body: body(t0, { action: 'opened' }) },
        ...labels.map((name) => ({
          event: 'issues',
          body: body(t0, { action: 'labeled', label: { name } }),
        })),
      ],
    });
    push(comment(times[1] as number, FAKE_AGENT));
    push(comment(times[2] as number, author));
    const t3 = times[3] as number;
    state = { ...state, assignees: [FAKE_AGENT] };
    push({
      at: t3,
      timeline: [
        event(t3, 'assigned', FAKE_AGENT, { assignee: { login: FAKE_AGENT, type: 'User' } }),
      ],
      webhooks: [
        {
          event: 'issues',
          body: body(t3, { action: 'assigned', assignee: { login: FAKE_AGENT } }),
        },
      ],
    });
    push(comment(times[4] as number, FAKE_AGENT));
    if (n % 3 !== 2) {
      const t5 = times[5] as number;
      state = { ...state, state: 'closed', closedAt: t5 };
      push({
        at: t5,
        timeline: [event(t5, 'closed', FAKE_AGENT, { state_reason: 'completed' })],
        webhooks: [{ event: 'issues', body: body(t5, { action: 'closed' }) }],
      });
    }
    issues.push({ id: 70_000_000 + number, number, repo, author, changes });
  }
  return issues;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
