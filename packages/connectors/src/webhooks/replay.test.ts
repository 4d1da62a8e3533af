import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/fixtures.js';
import { receiveWebhook, type WebhookRequest } from './receive.js';

const secret = 's3cret';
const hmac = (raw: string) => createHmac('sha256', secret).update(raw);

/** The event ids a request maps to (it must verify and map to events). */
function ids(request: WebhookRequest): string[] {
  const outcome = receiveWebhook(request);
  if (outcome.kind !== 'events') throw new Error(`${outcome.kind}: ${JSON.stringify(outcome)}`);
  return outcome.events.map((e) => e.id);
}

function github(name: string, event: string, delivery: string, rawBody = fixture('github', name)) {
  return ids({
    platform: 'github',
    secret,
    rawBody,
    headers: {
      'X-Hub-Signature-256': `sha256=${hmac(rawBody).digest('hex')}`,
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': delivery,
    },
  });
}

describe('event ids come from what the signature covers', () => {
  it('GitHub: one signed comment replayed 300 times with new delivery ids is one event', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++)
      for (const id of github('comment-member.json', 'issue_comment', `forged-${i}`)) seen.add(id);
    expect([...seen]).toEqual(['github:comment:2450000001']);
  });

  it('GitHub: an issues action replayed with a new delivery id is the same event', () => {
    const first = github('issues-labeled.json', 'issues', 'a');
    expect(github('issues-labeled.json', 'issues', 'b')).toEqual(first);
    expect(github('issues-labeled.json', 'issues', '')).toEqual(first);
    expect(first[0]).toMatch(/^github:body:[0-9a-f]{32}$/);
  });

  it('GitHub: different signed bodies are different events', () => {
    const labeled = JSON.parse(fixture('github', 'issues-labeled.json'));
    const another = JSON.stringify({ ...labeled, label: { name: 'P2' } });
    const all = [
      ...github('issues-opened.json', 'issues', 'x'),
      ...github('issues-labeled.json', 'issues', 'x'),
      ...github('issues-labeled.json', 'issues', 'x', another),
      ...github('issues-closed.json', 'issues', 'x'),
      ...github('comment-author.json', 'issue_comment', 'x'),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('Jira: the ids are the payload ids, whatever the unsigned delivery header says', () => {
    const rawBody = fixture('jira', 'issue-updated-status.json');
    const request = (delivery: string) =>
      ids({
        platform: 'jira',
        secret,
        rawBody,
        headers: {
          'X-Hub-Signature': `sha256=${hmac(rawBody).digest('hex')}`,
          'X-Atlassian-Webhook-Identifier': delivery,
        },
      });
    expect(request('1')).toEqual(request('2'));
    expect(request('1')[0]).toMatch(/^jira:\d+:changelog:\d+$/);
  });

  it("Zendesk: the id is the signed body's event id; a replay in the window is the same event", () => {
    const rawBody = fixture('zendesk', 'status-changed.json');
    const timestamp = '2026-11-02T09:00:01Z';
    const request = () =>
      ids({
        platform: 'zendesk',
        secret,
        rawBody,
        headers: {
          'X-Zendesk-Webhook-Signature': hmac(timestamp + rawBody).digest('base64'),
          'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
          'X-Zendesk-Webhook-Id': `wh-${Math.random()}`,
        },
        now: Date.parse('2026-11-02T09:01:00Z'),
      });
    const id = `zendesk:${JSON.parse(rawBody).id}`;
    expect([...request(), ...request()]).toEqual([id, id]);
  });
});
