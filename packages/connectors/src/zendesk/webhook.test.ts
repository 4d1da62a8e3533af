import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { fixture } from '../testing/fixtures.js';
import { mapZendeskWebhook } from './webhook.js';

const map = (name: string, options = {}) => mapZendeskWebhook(fixture('zendesk', name), options);
const events = (name: string, options = {}) => {
  const result = map(name, options);
  if (result.kind !== 'events') throw new Error(`ignored: ${result.reason}`);
  return result.events;
};
const at = (iso: string) => Date.parse(iso);

describe('mapZendeskWebhook', () => {
  it('maps ticket.created with the ticket as it was created', () => {
    expect(
      events('ticket-created.json', {
        baseUrl: 'https://acme.zendesk.com/',
        teams: { '8447320466430': 'billing' },
      }),
    ).toEqual([
      expect.objectContaining({
        id: 'zendesk:01JBX4T4V9F8Q0W4Z2R7G5N3KD',
        ticket: '5158',
        type: 'ticket.created',
        at: at('2026-11-02T09:00:00Z'),
        by: 'customer',
        fields: {
          status: 'new',
          priority: 'high',
          team: 'billing',
          assignee: null,
          requester: '8447388090494',
          organization: '8447346622462',
          brand: '8447346621310',
          subject: 'Refund for a double charge',
          channel: 'email',
          tags: ['billing', 'vip'],
          url: 'https://acme.zendesk.com/agent/tickets/5158',
        },
      }),
    ]);
  });

  it('creates by agent when the requester is a known agent', () => {
    expect(events('ticket-created.json', { agentIds: ['8447388090494'] })[0]).toMatchObject({
      by: 'agent',
    });
  });

  it('maps status, priority, assignment and tags changes to updates at the event time', () => {
    expect(events('status-changed.json')[0]).toMatchObject({
      id: 'zendesk:01JBXCQ0H4S3B9N1M8V6C2X7ZA',
      type: 'ticket.updated',
      at: at('2026-11-02T11:15:02Z'),
      fields: { status: 'solved' },
    });
    expect(events('priority-changed.json')[0]).toMatchObject({ fields: { priority: 'urgent' } });
    expect(events('agent-assignment-changed.json')[0]).toMatchObject({
      fields: { assignee: '8447388090777' },
    });
    expect(events('group-assignment-changed.json')[0]).toMatchObject({
      fields: { team: '8447320466999' },
    });
    expect(events('tags-changed.json')[0]).toMatchObject({
      fields: { tags: ['billing', 'refund'] },
    });
  });

  it('maps comments by who wrote them and whether they are public', () => {
    expect(events('comment-added-agent.json')[0]).toMatchObject({
      type: 'message',
      author: 'agent',
      public: true,
      at: at('2026-11-02T09:40:12Z'),
    });
    expect(events('comment-added-customer.json')[0]).toMatchObject({
      author: 'customer',
      public: true,
    });
    expect(events('comment-added-internal.json')[0]).toMatchObject({
      author: 'agent',
      public: false,
    });
  });

  it('maps all the Zendesk statuses', () => {
    const hook = JSON.parse(fixture('zendesk', 'status-changed.json'));
    const statusOf = (current: string) => {
      const result = mapZendeskWebhook({ ...hook, event: { current } });
      return result.kind === 'events' ? result.events[0] : result;
    };
    expect(statusOf('NEW')).toMatchObject({ fields: { status: 'new' } });
    expect(statusOf('OPEN')).toMatchObject({ fields: { status: 'open' } });
    expect(statusOf('PENDING')).toMatchObject({ fields: { status: 'pending' } });
    expect(statusOf('HOLD')).toMatchObject({ fields: { status: 'on_hold' } });
    expect(statusOf('CLOSED')).toMatchObject({ fields: { status: 'closed' } });
    expect(statusOf('DELETED')).toMatchObject({ type: 'ticket.deleted' });
    expect(statusOf('ARCHIVED')).toMatchObject({ kind: 'ignored' });
  });

  it('marks comments by the Zendesk system user as system messages', () => {
    const hook = JSON.parse(fixture('zendesk', 'comment-added-agent.json'));
    hook.event.comment.author = { id: '-1', is_staff: false, name: 'Zendesk' };
    const result = mapZendeskWebhook(JSON.stringify(hook));
    expect(result).toMatchObject({ kind: 'events', events: [{ author: 'system' }] });
  });

  it('ignores event types it does not track', () => {
    expect(map('custom-field-changed.json')).toEqual({
      kind: 'ignored',
      reason: 'zen:event-type:ticket.custom_field_changed is not tracked',
    });
    const userEvent = { ...JSON.parse(fixture('zendesk', 'ticket-created.json')) };
    userEvent.type = 'zen:event-type:user.active_changed';
    expect(mapZendeskWebhook(userEvent)).toMatchObject({ kind: 'ignored' });
  });

  it('refuses bodies that are not JSON or lack the documented fields', () => {
    expect(() => mapZendeskWebhook('{not json')).toThrow(ConnectorError);
    try {
      mapZendeskWebhook({ type: 'zen:event-type:ticket.created', time: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectorError);
      const e = error as ConnectorError;
      expect(e.code).toBe('payload_invalid');
      expect(e.problems.map((p) => p.path)).toEqual(['id', 'detail']);
    }
    const hook = JSON.parse(fixture('zendesk', 'status-changed.json'));
    expect(() => mapZendeskWebhook({ ...hook, time: 'yesterday' })).toThrow(/time/);
  });
});
