import { slaRequest } from '@breachless/chat';
import {
  Engine,
  firstContactFact,
  firstContactReport,
  parseConfig,
  parseEvents,
} from '@breachless/core';
import { expect, it } from 'vitest';
import { chatQueries } from '../src/chat/index.js';
import { firstContactRows } from '../src/first-contact/index.js';
import { ingestEvents } from '../src/ingest/index.js';
import { EngineCache, saveConfig } from '../src/tenants/index.js';
import { describeEachDriver } from '../src/testing.js';

const CONFIG = {
  policies: [{ id: 'std', calendar: '24x7', targets: { resolution: { '*': '8h' } } }],
};
const at = (h: number) => new Date(Date.UTC(2026, 10, 23, h)).toISOString();
let n = 0;
const event = (ticket: string, h: number, rest: object) => ({
  id: `e${++n}`,
  ticket,
  at: at(h),
  ...rest,
});
const created = (t: string, h: number, organization: string) =>
  event(t, h, {
    type: 'ticket.created',
    fields: { status: 'new', organization, team: organization === 'globex' ? 'gold' : 'std' },
  });
const reply = (t: string, h: number) =>
  event(t, h, { type: 'message', author: 'agent', public: true });
const status = (t: string, h: number, s: string) =>
  event(t, h, { type: 'ticket.updated', fields: { status: s } });
const EVENTS = parseEvents([
  created('ONE', 1, 'globex'), // one reply, solved: first contact
  reply('ONE', 2),
  status('ONE', 3, 'solved'),
  created('TWO', 1, 'globex'), // two replies: not
  reply('TWO', 2),
  reply('TWO', 3),
  status('TWO', 4, 'solved'),
  created('BACK', 1, 'initech'), // reopened: not
  reply('BACK', 2),
  status('BACK', 3, 'solved'),
  status('BACK', 4, 'open'),
  status('BACK', 5, 'solved'),
  created('OPEN', 1, 'initech'), // still open: does not count
  reply('OPEN', 2),
]);
const NOW = Date.UTC(2026, 10, 24);

describeEachDriver('first contact resolution', (handle) => {
  it('counts the stored tickets as the core counts the same events, by organization', async () => {
    const { db } = handle();
    await saveConfig(db, 'fcr', CONFIG, 'test');
    // One event at a time, so each ticket is continued from its checkpoint as in production.
    const engine = await new EngineCache().engineFor(db, 'fcr');
    for (const e of EVENTS) await ingestEvents(db, 'fcr', [e], engine, NOW);
    const options = {
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
      by: ['organization' as const],
    };
    const rows = await firstContactRows(db, 'fcr', options);
    expect(rows.map((r) => [r.group.organization, r.resolved, r.firstContact, r.fcrPct])).toEqual([
      ['globex', 2, 1, 50],
      ['initech', 1, 0, 0],
    ]);
    const facts = new Engine(parseConfig(CONFIG))
      .evaluate(EVENTS, NOW)
      .flatMap((t) => firstContactFact(t) ?? []);
    expect(rows).toEqual(firstContactReport(facts, options));
    expect(await firstContactRows(db, 'fcr', { ...options, from: Date.UTC(2026, 10, 24) })).toEqual(
      [],
    );
  });

  it('shows first contact in /sla stats, per group and filtered, with the same figures', async () => {
    const { db } = handle();
    await saveConfig(db, 'fcr', CONFIG, 'test');
    await ingestEvents(db, 'fcr', EVENTS, await new EngineCache().engineFor(db, 'fcr'), NOW);
    const scope = { tenant: 'fcr', platform: 'slack', channel: 'C', user: 'U' };
    const ask = (text: string) =>
      slaRequest(text, '/sla').answer(
        { zone: 'UTC', now: NOW, canManage: async () => ({ ok: true }) },
        chatQueries(db, new EngineCache(), scope),
      );
    const fcrLines = async (text: string) => {
      const view = await ask(text);
      expect(view.kind).toBe('stats');
      return 'lines' in view
        ? view.lines
            .filter((l) => l.metric === 'first_contact')
            .map((l) => [l.group, l.achieved, l.breached, l.compliancePct])
        : [];
    };
    const period = '2026-11-01..2026-11-30';
    const byOrg = await firstContactRows(db, 'fcr', {
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
      by: ['organization'],
    });
    // Met: resolved at first contact; missed: the other resolved tickets.
    expect(await fcrLines(`stats ${period} by:organization`)).toEqual(
      byOrg.map((r) => [
        r.group.organization,
        r.firstContact,
        r.resolved - r.firstContact,
        r.fcrPct,
      ]),
    );
    expect(await fcrLines(`stats ${period}`)).toEqual([[null, 1, 2, 33.33]]);
    expect(await fcrLines(`stats ${period} team:gold`)).toEqual([[null, 1, 1, 50]]);
    expect(await fcrLines(`stats ${period} agent:nobody`)).toEqual([]);
    // The compliance lines keep coming first in each group.
    const view = await ask(`stats ${period} by:organization`);
    expect('lines' in view && view.lines.map((l) => `${l.group} ${l.metric}`)).toEqual([
      'globex resolution',
      'globex first_contact',
      'initech resolution',
      'initech first_contact',
    ]);
  });
});
