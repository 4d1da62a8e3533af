import { slaRequest } from '@breachless/chat';
import { complianceReport, Engine, parseConfig, parseEvents } from '@breachless/core';
import { expect, it } from 'vitest';
import { chatQueries } from '../src/chat/index.js';
import { ingestEvents } from '../src/ingest/index.js';
import { coreComplianceRows } from '../src/reports/compliance-rows.js';
import { complianceRows } from '../src/reports/index.js';
import { EngineCache, saveConfig } from '../src/tenants/index.js';
import { answeredTicket, CONTRACT_CONFIG, describeEachDriver } from '../src/testing.js';

// CONTRACT_CONFIG: globex's contract gives 30m; everyone else the policy's 1h, on 24x7.
const DAY = Date.parse('2026-11-23T00:00:00Z');
const MIN = 60_000;
const at = (m: number) => new Date(DAY + m * MIN).toISOString();
const ticket = (id: string, start: number, org: string | null, m: number | null) =>
  answeredTicket(id, at(start), org, m, { team: 'billing' });
const EVENTS = parseEvents([
  ...ticket('G-1', 0, 'globex', 20), // achieved under the contract
  ...ticket('G-2', 60, 'globex', 45), // breached under the contract, would pass the policy
  ...ticket('I-1', 120, 'initech', 45), // achieved under the policy
  ...ticket('I-2', 180, 'initech', null), // breached, open
  ...ticket('N-1', 240, '', 10), // no organization: reported as none
  ...ticket('N-2', 24 * 60 + 10, null, 5), // the next day
]);
const NOW = DAY + 2 * 24 * 60 * MIN;

describeEachDriver('compliance by organization and contract', (handle) => {
  it('gives the same rows on the SQL path, the stored periods and the core over the events', async () => {
    const { db } = handle();
    await saveConfig(db, 'orgs', CONTRACT_CONFIG, 'test');
    const engine = await new EngineCache().engineFor(db, 'orgs');
    await ingestEvents(db, 'orgs', EVENTS, engine, NOW);
    const options = {
      from: DAY,
      to: DAY + 2 * 24 * 60 * MIN,
      by: ['organization', 'contract'] as const,
    };
    const expected = complianceReport(
      new Engine(parseConfig(CONTRACT_CONFIG)).evaluate(EVENTS, NOW),
      {
        ...options,
        by: [...options.by],
      },
    );
    expect(
      expected.map((r) => [r.group.organization, r.group.contract, r.achieved, r.breached]),
    ).toEqual([
      ['globex', 'globex-gold', 1, 1],
      ['initech', null, 1, 1],
      [null, null, 2, 0],
    ]);
    const by = [...options.by];
    expect(await complianceRows(db, 'orgs', { ...options, by })).toEqual(expected);
    expect(await coreComplianceRows(db, 'orgs', { ...options, by }, {})).toEqual(expected);
    // By day and organization, the closed day comes from stored periods once computed.
    const daily = { ...options, by: ['day' as const, 'organization' as const] };
    const fromCore = complianceReport(
      new Engine(parseConfig(CONTRACT_CONFIG)).evaluate(EVENTS, NOW),
      daily,
    );
    expect(await complianceRows(db, 'orgs', daily, {}, NOW)).toEqual(fromCore);
    expect(await complianceRows(db, 'orgs', daily, {}, NOW)).toEqual(fromCore);
    // `/sla stats ... by:organization` shows the same figures, a line per organization.
    const scope = { tenant: 'orgs', platform: 'slack', channel: 'C', user: 'U' };
    const view = await slaRequest('stats 2026-11-23..2026-11-24 by:organization', '/sla').answer(
      { zone: 'UTC', now: NOW, canManage: async () => ({ ok: true }) },
      chatQueries(db, new EngineCache(), scope),
    );
    const byOrg = complianceReport(new Engine(parseConfig(CONTRACT_CONFIG)).evaluate(EVENTS, NOW), {
      ...options,
      by: ['organization'],
    });
    expect(view).toMatchObject({ kind: 'stats', by: 'organization' });
    expect(
      'lines' in view && view.lines.map((l) => [l.group, l.achieved, l.breached, l.compliancePct]),
    ).toEqual(byOrg.map((r) => [r.group.organization, r.achieved, r.breached, r.compliancePct]));
  });
});
