import type { LabelPriorities } from './labels.js';

/** The platform name used in errors and event ids. */
export const GITHUB = 'github';

/** How GitHub issues become tickets. */
export interface GitHubOptions {
  /** Label -> priority, e.g. `{"P1": "urgent", "bug": "high"}`; the strongest carried wins. */
  readonly labelPriorities?: LabelPriorities;
  /**
   * Logins whose comments are agent responses whatever their association with the
   * repository (support staff outside the organization, say).
   */
  readonly agentLogins?: readonly string[];
  /** Repository (`owner/repo`) -> team; a repository not listed sets no team. */
  readonly teams?: Readonly<Record<string, string>>;
}

/** The ticket id of an issue: `owner/repo#number`. */
export function githubTicketId(repository: string, issue: number): string {
  return `${repository}#${issue}`;
}

/** Whether a login is configured as an agent (GitHub logins compare without case). */
export function isAgentLogin(login: string, options: GitHubOptions): boolean {
  const wanted = login.toLowerCase();
  return options.agentLogins?.some((l) => l.toLowerCase() === wanted) ?? false;
}
