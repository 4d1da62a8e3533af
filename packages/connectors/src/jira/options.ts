import type { JiraStatusOptions } from './statuses.js';

/** The platform name used in errors and event ids. */
export const JIRA = 'jira';

/** How Jira Service Management requests become tickets. */
export interface JiraOptions extends JiraStatusOptions {
  /** Priority name -> priority, before the standard names (Highest -> urgent, ...). */
  readonly priorities?: Readonly<Record<string, string>>;
  /**
   * Account ids (Cloud) or user names (Server) of agents. Needed only for the cases the
   * default rule gets wrong: see `commentAuthor`.
   */
  readonly agentAccountIds?: readonly string[];
  /** The `channel` of every ticket; default `jira`. */
  readonly channel?: string;
  /**
   * The field whose value is the team, by id (`customfield_10001`, `components`) or by
   * its name in changelogs (`Team`). Unset: tickets carry no team.
   */
  readonly teamField?: string;
}

/** A Jira user's stable id: `accountId` on Cloud, `name` on Server and Data Center. */
export function jiraUserId(user: { accountId?: string; name?: string } | null | undefined) {
  return user?.accountId ?? user?.name ?? null;
}

/** Whether a user id is a configured agent. */
export function isJiraAgent(id: string | null, options: JiraOptions): boolean {
  return id !== null && (options.agentAccountIds?.includes(id) ?? false);
}

/** The text of a field value that may be a string, an option, a team or a list of those. */
export function fieldText(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? fieldText(value[0]) : null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (value !== null && typeof value === 'object') {
    const v = value as { name?: unknown; value?: unknown; title?: unknown };
    for (const text of [v.name, v.value, v.title]) if (typeof text === 'string') return text;
  }
  return null;
}
