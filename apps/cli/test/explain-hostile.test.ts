import { describe, expect, it } from 'vitest';
import { cli, EXAMPLES, scratch } from './harness.js';

const file = scratch();
const config = `${EXAMPLES}breachless.config.yaml`;
const AT = ['--at', '2026-11-25T18:00:00Z'];
const line = (event: Record<string, unknown>) =>
  JSON.stringify({ ticket: 'T', at: '2026-11-23T10:00:00Z', ...event });

describe('explain on hostile events: every problem printed, exit 2, never a crash', () => {
  it('names instants outside the accepted range and prototype-key types by line', async () => {
    const events = file(
      'hostile.ndjson',
      [
        line({ id: 'a', type: 'ticket.created', at: '0000-01-01T00:00:00Z', fields: {} }),
        line({ id: 'b', type: 'ticket.created', at: '1957-06-01T00:00:00Z', fields: {} }),
        line({
          id: 'c',
          type: 'message',
          at: '9999-01-01T00:00:00Z',
          author: 'agent',
          public: true,
        }),
        line({ id: 'd', type: 'constructor' }),
        line({ id: 'e', type: '__proto__' }),
        line({ id: 'f'.repeat(300), type: 'ticket.deleted' }),
        line({ id: 'g', type: 'ticket.updated', fields: { team: 'ops\ud800' } }),
      ].join('\n'),
    );
    const ran = await cli(['explain', '--config', config, '--events', events, ...AT]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).not.toMatch(/Invalid time value|\n\s+at /);
    const range = 'at: must be from 2000-01-01T00:00:00Z and before 2060-01-01T00:00:00Z';
    for (const n of [1, 2, 3]) expect(ran.stderr).toContain(`${events}:${n}: ${range}`);
    for (const n of [4, 5]) expect(ran.stderr).toContain(`${events}:${n}: type: must be one of`);
    expect(ran.stderr).toContain(`${events}:6: id: must be at most 255 characters`);
    expect(ran.stderr).toContain(`${events}:7: fields.team: must not contain a lone UTF-16`);
  });

  it('measures a ticket whose priority is a built-in name like any unknown priority', async () => {
    const explain = async (priority: string) => {
      const events = file(
        `${priority}.ndjson`,
        line({ id: 'a', type: 'ticket.created', fields: { status: 'new', priority } }),
      );
      const ran = await cli(['explain', '--config', config, '--events', events, ...AT, '--json']);
      expect(ran).toMatchObject({ code: 0, stderr: '' });
      return JSON.parse(ran.stdout).tickets[0].cycles;
    };
    const unknown = await explain('no-such-priority');
    // The `*` target (40h) applies: a lookup that hit a built-in would show here.
    expect(unknown.map((c: { targetSeconds: number }) => c.targetSeconds)).toEqual([144000]);
    for (const priority of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'])
      expect(await explain(priority)).toEqual(unknown);
  });

  it('refuses an evaluation instant outside the accepted range', async () => {
    const events = file('one.ndjson', line({ id: 'a', type: 'ticket.created', fields: {} }));
    for (const at of ['9999-01-01T00:00:00Z', '1999-12-31T23:59:59Z']) {
      const ran = await cli(['explain', '--config', config, '--events', events, '--at', at]);
      expect(ran).toMatchObject({ code: 2, stdout: '' });
      expect(ran.stderr).toBe(
        'breachless: --at: must be from 2000-01-01T00:00:00Z and before 2060-01-01T00:00:00Z\n',
      );
    }
  });
});
