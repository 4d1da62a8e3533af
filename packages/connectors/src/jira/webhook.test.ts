import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { fixture } from '../testing/fixtures.js';
import type { JiraOptions } from './options.js';
import { mapJiraWebhook } from './webhook.js';

function events(name: string, options: JiraOptions = {}) {
  const result = mapJiraWebhook(fixture('jira', name), options);
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  return result.events;
}
const at = (iso: string) => Date.parse(iso);
const customer = 'qm:7a1c2f40-5b0e-4b8a-9d43-1f2e3a4b5c6d:0c9e8d7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f';
const agent = '5b10ac8d82e05b22cc7d4ef5';

describe('mapJiraWebhook', () => {
  it('maps jira:issue_created to the request as created', () => {
    expect(events('issue-created.json', { teamField: 'customfield_10001' })).toEqual([
      expect.objectContaining({
        id: 'jira:10042:created',
        ticket: 'SUP-42',
        type: 'ticket.created',
        at: at('2026-11-02T09:00:00Z'),
        by: 'customer',
        fields: {
          status: 'open',
          priority: 'high',
          assignee: null,
          requester: customer,
          subject: 'Refund for a double charge',
          tags: ['billing'],
          channel: 'jira',
          url: 'https://acme.atlassian.net/browse/SUP-42',
          team: 'Billing team',
        },
      }),
    ]);
  });

  it('maps a status change through the status mapping, at the webhook timestamp', () => {
    expect(events('issue-updated-status.json')).toEqual([
      expect.objectContaining({
        id: 'jira:10042:changelog:10500',
        type: 'ticket.updated',
        at: at('2026-11-02T09:40:00Z'),
        fields: { status: 'pending' },
      }),
    ]);
    const own = { statuses: { 'Waiting for customer': 'on_hold' as const } };
    expect(events('issue-updated-status.json', own)[0]).toMatchObject({
      fields: { status: 'on_hold' },
    });
  });

  it('maps priority, assignee and labels changes together, and skips other fields', () => {
    expect(events('issue-updated-fields.json')[0]).toMatchObject({
      id: 'jira:10042:changelog:10499',
      fields: { priority: 'urgent', assignee: agent, tags: ['billing', 'vip'] },
    });
    expect(mapJiraWebhook(fixture('jira', 'issue-updated-description.json'))).toEqual({
      kind: 'ignored',
      reason: 'no tracked field changed',
    });
  });

  it('refuses a status no mapping knows, naming it', () => {
    const hook = JSON.parse(fixture('jira', 'issue-updated-status.json'));
    hook.changelog.items[0].toString = 'Triage';
    expect(() => mapJiraWebhook(hook)).toThrow(/status "Triage" is not mapped/);
  });

  it('maps comments: public or internal, by reporter, agent or automation', () => {
    expect(events('comment-agent-public.json')[0]).toMatchObject({
      id: 'jira:10042:comment:20001',
      type: 'message',
      at: at('2026-11-02T09:40:00Z'),
      author: 'agent',
      public: true,
    });
    expect(events('comment-agent-internal.json')[0]).toMatchObject({
      author: 'agent',
      public: false,
    });
    expect(events('comment-customer.json')[0]).toMatchObject({ author: 'customer', public: true });
    expect(events('comment-automation.json')[0]).toMatchObject({ author: 'system' });
  });

  it('takes the reporter as the customer when accounts have no type', () => {
    const hook = JSON.parse(fixture('jira', 'comment-customer.json'));
    delete hook.comment.author.accountType;
    delete hook.issue.fields.reporter.accountType;
    expect(mapJiraWebhook(hook)).toMatchObject({ events: [{ author: 'customer' }] });
    hook.comment.author = { accountId: 'someone-else' };
    expect(mapJiraWebhook(hook)).toMatchObject({ events: [{ author: 'agent' }] });
    expect(mapJiraWebhook(hook, { agentAccountIds: [] })).toMatchObject({
      events: [{ author: 'agent' }],
    });
  });

  it('ignores events it does not track, and refuses malformed ones', () => {
    expect(mapJiraWebhook(fixture('jira', 'worklog-updated.json'))).toMatchObject({
      kind: 'ignored',
    });
    expect(() => mapJiraWebhook({ webhookEvent: 'jira:issue_created' })).toThrow(ConnectorError);
    const hook = JSON.parse(fixture('jira', 'issue-created.json'));
    hook.issue.fields.created = 'Monday';
    expect(() => mapJiraWebhook(hook)).toThrow(/issue.fields.created/);
  });
});
