import { describe, expect, it } from 'vitest';
import { Tally } from '../import/tally.js';
import type { ImportItem } from '../import/types.js';
import { collect, fixture } from '../testing/fixtures.js';
import { zendeskItems } from './export.js';
import type { ZendeskOptions } from './values.js';

async function read(options: ZendeskOptions = {}) {
  const tally = new Tally();
  const lines = (async function* () {
    yield* fixture('zendesk', 'audits.ndjson').split('\n');
  })();
  const items: ImportItem[] = await collect(zendeskItems(lines, options, tally));
  return { items, stats: tally.snapshot() };
}

describe('zendeskItems (ticket audit export)', () => {
  it('replays audits as creation, messages and updates at each audit instant', async () => {
    const { items } = await read({ teams: { '360001': 'billing' } });
    const events = items.flatMap((i) => ('event' in i ? [i.event] : []));
    expect(events.map((e) => [e.id, e.type, new Date(e.at).toISOString().slice(11, 16)])).toEqual([
      ['zendesk:audit:9001', 'ticket.created', '09:00'],
      ['zendesk:audit:9001/comment:1', 'message', '09:00'],
      ['zendesk:audit:9002', 'ticket.updated', '09:40'],
      ['zendesk:audit:9002/comment:11', 'message', '09:40'],
      ['zendesk:audit:9003', 'ticket.updated', '10:15'],
      ['zendesk:audit:9003/comment:21', 'message', '10:15'],
      ['zendesk:audit:9004/comment:31', 'message', '10:20'],
      ['zendesk:audit:9005', 'ticket.updated', '10:30'],
      ['zendesk:audit:9005/comment:41', 'message', '10:30'],
    ]);
    expect(events[0]).toMatchObject({
      by: 'customer',
      fields: {
        status: 'new',
        priority: 'high',
        team: 'billing',
        requester: '1001',
        subject: 'Refund',
        tags: ['vip', 'refund'],
      },
    });
    // The requester writes as the customer, anyone else as an agent, -1 as the system.
    expect(
      events
        .filter((e) => e.type === 'message')
        .map((e) => e.type === 'message' && [e.author, e.public]),
    ).toEqual([
      ['customer', true],
      ['agent', true],
      ['customer', true],
      ['system', false],
      ['agent', false],
    ]);
    expect(events[2]).toMatchObject({ fields: { status: 'pending', assignee: '2002' } });
    // Old audits write tags as one space-separated string.
    expect(events[7]).toMatchObject({ fields: { tags: ['vip', 'refund', 'escalated'] } });
  });

  it('rejects bad lines, unshaped audits and comments it cannot attribute, and goes on', async () => {
    const { items, stats } = await read();
    const rejected = items.flatMap((i) => ('problems' in i ? [i] : []));
    expect(rejected.map((r) => [r.line, r.problems.map((p) => p.path)])).toEqual([
      [6, ['(line)']],
      [7, ['events']],
      [8, ['ticket_id']],
    ]);
    expect(rejected[1]?.problems[0]?.message).toMatch(/before the ticket's creation/);
    expect(stats).toMatchObject({ records: 8, events: 9, rejected: 3 });
  });

  it('takes the agents from agentIds when given', async () => {
    const { items } = await read({ agentIds: ['2002'] });
    const authors = items.flatMap((i) =>
      'event' in i && i.event.type === 'message' ? [i.event.author] : [],
    );
    // Ticket 35437's comment by 1002 is now attributable: not an agent, so the customer.
    expect(authors).toEqual(['customer', 'agent', 'customer', 'system', 'agent', 'customer']);
  });
});
