import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { fixture } from '../testing/fixtures.js';
import type { GitHubOptions } from './options.js';
import { mapGitHubWebhook } from './webhook.js';

const options: GitHubOptions = {
  labelPriorities: { P1: 'urgent', bug: 'high' },
  teams: { 'acme/widgets': 'widgets' },
};
const bodyId = (raw: string) =>
  `github:body:${createHash('sha256').update(raw).digest('hex').slice(0, 32)}`;

function events(event: string, name: string, opts: GitHubOptions = options) {
  const result = mapGitHubWebhook({ event, body: fixture('github', name) }, opts);
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  return result.events;
}
const at = (iso: string) => Date.parse(iso);

describe('mapGitHubWebhook: issues', () => {
  it('maps opened to ticket.created by the customer', () => {
    expect(events('issues', 'issues-opened.json')).toEqual([
      expect.objectContaining({
        id: bodyId(fixture('github', 'issues-opened.json')),
        ticket: 'acme/widgets#42',
        type: 'ticket.created',
        at: at('2026-11-02T09:00:00Z'),
        by: 'customer',
        fields: {
          status: 'new',
          priority: 'high',
          channel: 'github',
          team: 'widgets',
          tags: ['bug'],
          assignee: null,
          requester: 'chris-customer',
          subject: 'Export to CSV drops the last row',
          url: 'https://github.com/acme/widgets/issues/42',
        },
      }),
    ]);
  });

  it('maps labels to the whole tag list and the strongest mapped priority', () => {
    expect(events('issues', 'issues-labeled.json')[0]).toMatchObject({
      type: 'ticket.updated',
      at: at('2026-11-02T09:05:00Z'),
      fields: { tags: ['bug', 'P1'], priority: 'urgent' },
    });
  });

  it('maps assigned, closed and reopened', () => {
    expect(events('issues', 'issues-assigned.json')[0]).toMatchObject({
      fields: { assignee: 'ana-maintainer' },
    });
    expect(events('issues', 'issues-closed.json')[0]).toMatchObject({
      at: at('2026-11-03T15:20:00Z'),
      fields: { status: 'solved' },
    });
    expect(events('issues', 'issues-reopened.json')[0]).toMatchObject({
      at: at('2026-11-04T08:00:00Z'),
      fields: { status: 'open' },
    });
  });

  it('ignores untracked actions, other events and pull requests', () => {
    const body = JSON.parse(fixture('github', 'issues-opened.json'));
    const map = (event: string, b: unknown) => mapGitHubWebhook({ event, body: b });
    expect(map('issues', { ...body, action: 'pinned' })).toEqual({
      kind: 'ignored',
      reason: 'issues.pinned is not tracked',
    });
    expect(map('ping', fixture('github', 'ping.json'))).toMatchObject({ kind: 'ignored' });
    const pr = { ...body, issue: { ...body.issue, pull_request: { url: 'x' } } };
    expect(map('issues', pr)).toMatchObject({ kind: 'ignored' });
  });

  it('refuses payloads without the documented fields', () => {
    const body = JSON.parse(fixture('github', 'issues-opened.json'));
    delete body.repository;
    expect(() => mapGitHubWebhook({ event: 'issues', body })).toThrow(ConnectorError);
  });
});

describe('mapGitHubWebhook: issue comments', () => {
  it("maps a member's comment to a public agent response", () => {
    expect(events('issue_comment', 'comment-member.json')[0]).toMatchObject({
      id: 'github:comment:2450000001',
      ticket: 'acme/widgets#42',
      type: 'message',
      at: at('2026-11-02T09:40:00Z'),
      author: 'agent',
      public: true,
    });
  });

  it("maps the author's and anyone else's comments to customer messages", () => {
    expect(events('issue_comment', 'comment-author.json')[0]).toMatchObject({ author: 'customer' });
    expect(events('issue_comment', 'comment-other.json')[0]).toMatchObject({ author: 'customer' });
  });

  it('maps bot comments to system messages', () => {
    expect(events('issue_comment', 'comment-bot.json')[0]).toMatchObject({ author: 'system' });
  });

  it('treats configured logins as agents', () => {
    const opts = { agentLogins: ['Someone-Else'] };
    expect(events('issue_comment', 'comment-other.json', opts)[0]).toMatchObject({
      author: 'agent',
    });
  });

  it('ignores edited and deleted comments', () => {
    const body = { ...JSON.parse(fixture('github', 'comment-member.json')), action: 'edited' };
    expect(mapGitHubWebhook({ event: 'issue_comment', body })).toMatchObject({
      kind: 'ignored',
    });
  });
});
