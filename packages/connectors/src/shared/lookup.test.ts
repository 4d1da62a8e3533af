import { describe, expect, it } from 'vitest';
import { mapGitHubWebhook } from '../github/webhook.js';
import { jiraPriority, jiraStatus } from '../jira/statuses.js';
import { incidentPriority } from '../servicenow/values.js';
import { fixture } from '../testing/fixtures.js';
import { zendeskStatus, zendeskTeam } from '../zendesk/values.js';
import { mapZendeskWebhook } from '../zendesk/webhook.js';
import { lookup } from './lookup.js';

/** Names every plain object answers to: helpdesk input must never reach them. */
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

describe('lookups keyed by helpdesk input', () => {
  it('find only what a table holds itself', () => {
    const table: Record<string, string> = { open: 'open' };
    expect(lookup(table, 'open')).toBe('open');
    expect(lookup(undefined, 'open')).toBeUndefined();
    for (const key of PROTO_KEYS) expect(lookup(table, key), key).toBeUndefined();
    // A config parsed from JSON may hold such a key for real; then it is that key's value.
    expect(lookup(JSON.parse('{"__proto__":"billing"}'), '__proto__')).toBe('billing');
  });

  it('Zendesk: a prototype name is an untracked status and a group id kept as the team', () => {
    const teams = { '360001': 'billing' };
    for (const key of PROTO_KEYS) {
      expect(zendeskStatus(key), key).toBeUndefined();
      expect(zendeskTeam(key, { teams }), key).toBe(key);
      const hook = { ...JSON.parse(fixture('zendesk', 'status-changed.json')) };
      hook.event = { current: key, previous: 'OPEN' };
      expect(mapZendeskWebhook(hook), key).toEqual({
        kind: 'ignored',
        reason: `status ${key} is not tracked`,
      });
    }
  });

  it('GitHub: a repository named like a prototype property gets no team', () => {
    const body = JSON.parse(fixture('github', 'issues-opened.json'));
    for (const key of PROTO_KEYS) {
      const renamed = { ...body, repository: { ...body.repository, full_name: key } };
      const result = mapGitHubWebhook(
        { event: 'issues', body: renamed },
        { teams: { 'acme/widgets': 'widgets' } },
      );
      if (result.kind !== 'events') throw new Error(`${key}: ${result.reason}`);
      expect(result.events[0]?.ticket, key).toBe(`${key}#42`);
      expect((result.events[0] as { fields?: object }).fields, key).not.toHaveProperty('team');
    }
  });

  it('Jira: prototype names are unknown statuses, categories and priorities', () => {
    for (const key of PROTO_KEYS) {
      expect(jiraStatus(key, undefined, {}), key).toBeUndefined();
      expect(jiraStatus(key, key, { statusCategories: { new: 'open' } }), key).toBeUndefined();
      expect(jiraStatus('Open', key, {}), key).toBe('open');
      expect(jiraPriority(key, { Blocker: 'urgent' }), key).toBe(key.toLowerCase());
    }
  });

  it('ServiceNow: a prototype name as priority is kept as a label', () => {
    for (const key of PROTO_KEYS) expect(incidentPriority(key), key).toBe(key.toLowerCase());
  });
});
