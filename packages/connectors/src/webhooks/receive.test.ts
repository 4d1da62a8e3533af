import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { fixture } from '../testing/fixtures.js';
import { receiveWebhook } from './receive.js';

const secret = 's3cret';
const hex = (raw: string) => createHmac('sha256', secret).update(raw).digest('hex');

describe('receiveWebhook', () => {
  it('verifies then maps a Zendesk webhook', () => {
    const rawBody = fixture('zendesk', 'ticket-created.json');
    const timestamp = '2026-11-02T09:00:01Z';
    const signature = createHmac('sha256', secret)
      .update(timestamp + rawBody)
      .digest('base64');
    const outcome = receiveWebhook({
      platform: 'zendesk',
      secret,
      rawBody,
      headers: {
        'X-Zendesk-Webhook-Signature': signature,
        'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
      },
      now: new Date('2026-11-02T09:00:05Z'),
    });
    expect(outcome).toMatchObject({ kind: 'events', events: [{ type: 'ticket.created' }] });
  });

  it('takes the GitHub event name from the headers and the event id from the signed body', () => {
    const rawBody = fixture('github', 'comment-member.json');
    const outcome = receiveWebhook({
      platform: 'github',
      secret,
      rawBody,
      headers: new Headers({
        'X-Hub-Signature-256': `sha256=${hex(rawBody)}`,
        'X-GitHub-Event': 'issue_comment',
        'X-GitHub-Delivery': 'd-1',
      }),
    });
    expect(outcome).toMatchObject({
      kind: 'events',
      events: [{ id: 'github:comment:2450000001' }],
    });
  });

  it('rejects before parsing: an unsigned body that is not even JSON is refused, not thrown', () => {
    const outcome = receiveWebhook({ platform: 'jira', secret, rawBody: '{oops', headers: {} });
    expect(outcome).toEqual({
      kind: 'rejected',
      reason: 'missing_signature',
      message: 'no X-Hub-Signature header',
    });
  });

  it('throws a ConnectorError for a signed body it cannot map', () => {
    const rawBody = '{"webhookEvent":"jira:issue_created"}';
    const headers = { 'X-Hub-Signature': `sha256=${hex(rawBody)}` };
    expect(() => receiveWebhook({ platform: 'jira', secret, rawBody, headers })).toThrow(
      ConnectorError,
    );
  });
});
