import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse.js';

/** Names every plain object answers to: user input must never reach them. */
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

const ok = (text: string) => {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`${text}: ${result.error}`);
  return result.command;
};
const refused = (text: string) => {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`${text} was accepted`);
  return result;
};

describe('parseCommand', () => {
  it('reads stats with a period, filters, grouping and public', () => {
    expect(ok('stats')).toEqual({
      name: 'stats',
      period: { kind: 'days', days: 7 },
      public: false,
    });
    expect(ok('stats 30d team:billing priority:high by:agent public')).toEqual({
      name: 'stats',
      period: { kind: 'days', days: 30 },
      team: 'billing',
      priority: 'high',
      by: 'agent',
      public: true,
    });
    expect(ok('STATS yesterday agent:ana@example.com')).toMatchObject({
      period: { kind: 'yesterday' },
      agent: 'ana@example.com',
    });
    expect(ok('stats 2026-11-01..2026-11-15 team:"Billing EMEA"')).toMatchObject({
      period: { kind: 'range', from: '2026-11-01', to: '2026-11-15' },
      team: 'Billing EMEA',
    });
    expect(ok('stats mtd team:“Billing EMEA”')).toMatchObject({ team: 'Billing EMEA' });
  });

  it('reads at-risk, breached, ticket, subscriptions, unsubscribe and link', () => {
    expect(ok('at-risk')).toEqual({ name: 'at-risk', withinSeconds: 7200 });
    expect(ok('at-risk within:30m team:billing')).toEqual({
      name: 'at-risk',
      withinSeconds: 1800,
      team: 'billing',
    });
    expect(ok('breached today')).toEqual({ name: 'breached', period: { kind: 'today' } });
    expect(ok('ticket SUP-102')).toEqual({ name: 'ticket', ticket: 'SUP-102' });
    expect(ok('subscriptions')).toEqual({ name: 'subscriptions' });
    expect(ok('unsubscribe sub_42')).toEqual({ name: 'unsubscribe', id: 'sub_42' });
    expect(ok('link ana@example.com')).toEqual({ name: 'link', email: 'ana@example.com' });
    expect(ok('')).toEqual({ name: 'help' });
  });

  it('reads alert and digest subscriptions', () => {
    expect(ok('subscribe alerts team:billing metric:first_response')).toEqual({
      name: 'subscribe-alerts',
      team: 'billing',
      metric: 'first_response',
    });
    expect(ok('subscribe digest monthly 09:00 UTC organization:globex')).toEqual({
      name: 'subscribe-digest',
      schedule: 'monthly',
      time: '09:00',
      zone: 'UTC',
      organization: 'globex',
    });
    expect(ok('stats 30d by:organization')).toMatchObject({ name: 'stats', by: 'organization' });
    expect(ok('stats mtd by:contract')).toMatchObject({ name: 'stats', by: 'contract' });
    // Escalation ladders: the levels a rung hears, where it sends them, and breach reminders.
    expect(ok('subscribe alerts levels:75% to:assignee')).toEqual({
      name: 'subscribe-alerts',
      levels: ['75%'],
      to: 'assignee',
    });
    expect(ok('subscribe alerts levels:90%,breach team:billing remind:4h times:2')).toEqual({
      name: 'subscribe-alerts',
      team: 'billing',
      levels: ['90%', 'breach'],
      remindSeconds: 14_400,
      reminders: 2,
    });
    expect(ok('subscribe alerts remind:2h')).toEqual({
      name: 'subscribe-alerts',
      remindSeconds: 7200,
      reminders: 3,
    });
    expect(ok('subscribe digest weekdays 9:05 Europe/Berlin team:billing')).toEqual({
      name: 'subscribe-digest',
      schedule: 'weekdays',
      time: '09:05',
      zone: 'Europe/Berlin',
      team: 'billing',
    });
    expect(ok('subscribe digest weekly 08:00 goal:92.5')).toMatchObject({ goal: 92.5 });
    expect(ok('subscribe digest daily 17:30')).toEqual({
      name: 'subscribe-digest',
      schedule: 'daily',
      time: '17:30',
    });
  });

  it('answers a malformed command with what was wrong and its usage line, never a throw', () => {
    const cases: [string, RegExp, RegExp][] = [
      ['stats 400d', /1d to 366d/, /^\/sla stats /],
      ['stats 2026-11-15..2026-11-01', /ends before it starts/, /^\/sla stats /],
      ['stats 2026-02-30..2026-03-01', /2026-02-30 is not a calendar date/, /^\/sla stats /],
      ['stats by:weather', /^by: /, /^\/sla stats /],
      ['stats color:red', /color: is not an option here/, /^\/sla stats /],
      ['stats team:a team:b', /team: given twice/, /^\/sla stats /],
      ['stats team:', /team: needs a value/, /^\/sla stats /],
      ['stats loudly', /"loudly" is not understood/, /^\/sla stats /],
      ['at-risk within:soon', /"soon" is not a duration/, /^\/sla at-risk /],
      ['ticket', /which ticket\?/, /^\/sla ticket ID$/],
      ['link not-an-email', /email address/, /^\/sla link /],
      ['subscribe digest hourly 09:00', /how often/, /^\/sla subscribe /],
      ['subscribe digest daily 25:00', /HH:MM/, /^\/sla subscribe /],
      ['subscribe digest daily 09:00 goal:120', /from 1 to 100/, /^\/sla subscribe /],
      ['subscribe digest daily 09:00 goal:high', /like goal:90/, /^\/sla subscribe /],
      ['subscribe digest daily 09:00 Mars/Olympus', /not a time zone/, /^\/sla subscribe /],
      ['subscribe alerts metric:speed', /^metric: /, /^\/sla subscribe /],
      [
        'subscribe digest weekly 09:00 organization:globex',
        /statement digest is monthly/,
        /^\/sla subscribe /,
      ],
      ['subscribe alerts levels:75%,soon', /^levels: .*75%,90%,breach/, /^\/sla subscribe /],
      ['subscribe alerts to:manager', /^to: .*assignee/, /^\/sla subscribe /],
      ['subscribe alerts times:3', /give remind:4h as well/, /^\/sla subscribe /],
      ['subscribe alerts remind:4h times:11', /^times: from 1 to 10/, /^\/sla subscribe /],
      ['subscribe alerts levels:75% remind:4h', /add breach to levels/, /^\/sla subscribe /],
      ['subscribe newsletter', /alerts or a digest/, /^\/sla subscribe /],
      ['stats team:"Billing', /quote is not closed/, /^\/sla stats /],
    ];
    for (const [text, error, usage] of cases) {
      const result = refused(text);
      expect(result.error, text).toMatch(error);
      expect(result.usage, text).toMatch(usage);
    }
    const unknown = refused('dance');
    expect(unknown.error).toBe('"dance" is not a command');
    expect(unknown.usage.split('\n')).toHaveLength(10);
  });

  it('uses the platform prefix in usage lines', () => {
    expect(parseCommand('ticket', 'sla')).toMatchObject({ ok: false, usage: 'sla ticket ID' });
  });
});

describe('parseCommand on any input', () => {
  it('never throws, and a refusal always says what and how (fixed seed)', () => {
    const word = fc.constantFrom(
      'stats',
      'at-risk',
      'breached',
      'ticket',
      'subscribe',
      'digest',
      'alerts',
      'link',
      '7d',
      'team:',
      'by:day',
      '"',
      '“',
      '09:00',
      '..',
      'public',
      ...PROTO_KEYS,
      ...PROTO_KEYS.map((k) => `${k}:x`),
      ...PROTO_KEYS.map((k) => `by:${k}`),
    );
    const input = fc.oneof(
      fc.string(),
      fc.array(fc.oneof(word, fc.string()), { maxLength: 6 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(input, (text) => {
        const result = parseCommand(text);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          // "given twice" only for an option really given twice (not for `constructor:x`).
          const twice = /^(.+): given twice$/.exec(result.error)?.[1];
          if (twice) expect(text.toLowerCase().split(`${twice}:`).length).toBeGreaterThan(2);
          expect(result.usage).toMatch(/^\/sla /);
        } else expect(PROTO_KEYS.some((k) => text.includes(`${k}:`))).toBe(false);
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });
});

describe('prototype property names', () => {
  it('are unknown options, unknown commands and invalid values, answered with usage', () => {
    for (const key of PROTO_KEYS) {
      for (const command of ['stats', 'at-risk', 'breached', 'subscribe alerts', 'help'])
        expect(parseCommand(`${command} ${key}:x`), `${command} ${key}:x`).toEqual({
          ok: false,
          // `__proto__` is not shaped like an option name, so it is a word not understood.
          error: key.startsWith('_')
            ? `"${key}:x" is not understood here`
            : `${key.toLowerCase()}: is not an option here`,
          usage: expect.stringMatching(new RegExp(`^/sla ${command.split(' ')[0]}`)),
        });
      expect(parseCommand(`stats team:a ${key}:x ${key}:y`)).toMatchObject({
        ok: false,
        error: key.startsWith('_')
          ? `"${key}:x" is not understood here`
          : `${key.toLowerCase()}: given twice`,
      });
      expect(parseCommand(key)).toMatchObject({
        ok: false,
        error: `"${key.toLowerCase()}" is not a command`,
      });
      expect(parseCommand(`stats by:${key}`)).toMatchObject({ ok: false, error: /^by: / });
      expect(parseCommand(`subscribe alerts metric:${key}`)).toMatchObject({
        ok: false,
        error: /^metric: /,
      });
      // As a value they are plain text: a team may be called anything.
      expect(parseCommand(`stats team:${key}`)).toMatchObject({ ok: true, command: { team: key } });
    }
  });
});

describe('a NUL character', () => {
  it('is refused with the usage of the command meant', () => {
    expect(parseCommand('subscribe alerts team:a\u0000b')).toEqual({
      ok: false,
      error: 'the command holds a NUL character',
      usage: expect.stringContaining('/sla subscribe alerts'),
    });
  });
});
