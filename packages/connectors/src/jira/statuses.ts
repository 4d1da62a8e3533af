import type { Status } from '@breachless/core';
import { lookup } from '../shared/lookup.js';

/**
 * Jira Service Management's usual status names (lowercase) and what they mean for the
 * clock. A site's own names go in `JiraOptions.statuses`, which win over these.
 */
const DEFAULT_JIRA_STATUSES: Readonly<Record<string, Status>> = {
  open: 'open',
  'to do': 'open',
  reopened: 'open',
  'in progress': 'open',
  'work in progress': 'open',
  escalated: 'open',
  'waiting for support': 'open',
  'waiting for customer': 'pending',
  pending: 'on_hold',
  'waiting for third party': 'on_hold',
  'waiting for vendor': 'on_hold',
  resolved: 'solved',
  done: 'solved',
  closed: 'closed',
};

/** Jira's three status categories (`statusCategory.key`), for statuses not named above. */
const DEFAULT_JIRA_CATEGORIES: Readonly<Record<string, Status>> = {
  new: 'open',
  indeterminate: 'open',
  done: 'solved',
};

/** Overrides for the status tables; names compare without case. */
export interface JiraStatusOptions {
  /** Status name -> status, e.g. `{"Awaiting approval": "on_hold"}`. */
  readonly statuses?: Readonly<Record<string, Status>>;
  /** Category key (`new`, `indeterminate`, `done`) -> status, for unnamed statuses. */
  readonly statusCategories?: Readonly<Record<string, Status>>;
}

/**
 * Our status for a Jira status: by its name first (options, then defaults), then by its
 * category. `undefined` when neither knows it.
 */
export function jiraStatus(
  name: string,
  category: string | undefined,
  options: JiraStatusOptions,
): Status | undefined {
  const key = name.trim().toLowerCase();
  const own = Object.entries(options.statuses ?? {}).find(([n]) => n.toLowerCase() === key)?.[1];
  if (own !== undefined) return own;
  const known = lookup(DEFAULT_JIRA_STATUSES, key);
  if (known !== undefined) return known;
  if (category === undefined) return undefined;
  return lookup(options.statusCategories, category) ?? lookup(DEFAULT_JIRA_CATEGORIES, category);
}

const PRIORITIES: Readonly<Record<string, string>> = {
  highest: 'urgent',
  blocker: 'urgent',
  critical: 'urgent',
  high: 'high',
  major: 'high',
  medium: 'normal',
  low: 'low',
  minor: 'low',
  lowest: 'low',
  trivial: 'low',
};

/**
 * Our priority for a Jira priority name: the site's mapping, then Jira's standard names
 * (Highest..Lowest, Blocker..Trivial), else the name lowercased.
 */
export function jiraPriority(
  name: string | null | undefined,
  own: Readonly<Record<string, string>> | undefined,
): string | null {
  if (name === null || name === undefined || name === '') return null;
  const key = name.toLowerCase();
  const mapped = Object.entries(own ?? {}).find(([n]) => n.toLowerCase() === key)?.[1];
  return mapped ?? lookup(PRIORITIES, key) ?? key;
}
