import { describeEachDriver } from '@breachless/db/testing';
import { expect, it } from 'vitest';
import { harness } from './harness.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const HOSTILE = [
  "x'; drop table cycles; --",
  'x" or 1=1 --',
  '$1) union select * from api_tokens --',
  '\\x00\\\\; %s %n',
  '<!channel> *bold* <at>boss</at> [link](https://evil.example)',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 日本語',
];

describeEachDriver('hostile strings in events', (handle) => {
  const h = harness(handle, NOW);

  it('stores SQL metacharacters as plain text in every field and gives them back unchanged', async () => {
    const events = HOSTILE.map((text, i) => ({
      id: `${text}-${i}`,
      ticket: `T-${i}-${text}`,
      type: 'ticket.created',
      at: '2026-11-23T09:00:00Z',
      by: 'customer',
      fields: {
        status: 'new',
        subject: text,
        team: text,
        assignee: text,
        priority: text,
        channel: text,
        tags: [text],
      },
    }));
    await h.postEvents('inject', events);
    for (const [i, text] of HOSTILE.entries()) {
      const res = await h.getJson(
        'inject',
        `/v1/tickets/${encodeURIComponent(`T-${i}-${text}`)}/sla`,
      );
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain(JSON.stringify(text).slice(1, -1));
    }
    // The tables the strings named are all still there.
    expect((await h.getJson('inject', '/v1/at-risk')).status).toBe(200);
  });

  it('refuses a NUL character (PostgreSQL text cannot hold it) with a 400 naming the field, storing nothing', async () => {
    const res = await h.request('inject', '/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          id: 'ok',
          ticket: 'N-1',
          type: 'ticket.created',
          at: '2026-11-23T09:00:00Z',
          by: 'customer',
          fields: { status: 'new' },
        },
        {
          id: 'nul',
          ticket: 'N-2',
          type: 'ticket.created',
          at: '2026-11-23T09:00:00Z',
          by: 'customer',
          fields: { status: 'new', subject: 'a\u0000b' },
        },
      ]),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ problems: [{ path: '[1]: fields.subject' }] });
    expect((await h.getJson('inject', '/v1/tickets/N-1/sla')).status).toBe(404);
  });
});
