import {
  Engine,
  firstContactFact,
  firstContactReport,
  parseConfig,
  parseEvents,
} from '@breachless/core';
import { expect, it } from 'vitest';
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
  event(t, h, { type: 'ticket.created', fields: { status: 'new', organization } });
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
});
