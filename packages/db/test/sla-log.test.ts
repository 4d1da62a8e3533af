import { expect, it } from 'vitest';
import {
  SLA_LOG_CSV_HEADER,
  type SlaLogRow,
  slaLogPages,
  slaLogText,
} from '../src/sla-log/index.js';
import { created, describeEachDriver, ingest, seedTenant } from '../src/testing.js';

const MON = Date.parse('2026-11-23T14:00:00Z'); // 09:00 in New York, when the calendar opens
const H = 3_600_000;

async function all(pages: AsyncIterable<SlaLogRow[]>) {
  const sizes: number[] = [];
  const rows: SlaLogRow[] = [];
  for await (const page of pages) {
    sizes.push(page.length);
    rows.push(...page);
  }
  return { sizes, rows };
}

async function text(chunks: AsyncIterable<string>) {
  let out = '';
  for await (const chunk of chunks) out += chunk;
  return out;
}

describeEachDriver('SLA log', (handle) => {
  it('lists one row per cycle with organization and requester, paged in start order with no row twice', async () => {
    const { db } = handle();
    await seedTenant(db, 'acme');
    // Five tickets created in the same second, so paging must break ties by ticket id.
    const events = ['T-5', 'T-3', 'T-1', 'T-4', 'T-2'].map((t, i) =>
      created(t, MON, { organization: i % 2 ? 'globex' : 'initech', requester: `r${i}` }),
    );
    await ingest(db, 'acme', events, MON);
    await ingest(db, 'acme', [created('T-6', MON + H, { organization: 'globex' })], MON + H);
    await ingest(
      db,
      'acme',
      [
        {
          id: 'r1',
          ticket: 'T-1',
          type: 'message',
          at: '2026-11-23T14:30:00Z',
          author: 'agent',
          public: true,
        },
      ],
      MON + 2 * H,
    );
    await seedTenant(db, 'other');
    await ingest(db, 'other', [created('X-1', MON)], MON);
    const period = { from: MON, to: MON + 2 * H };
    const { sizes, rows } = await all(slaLogPages(db, 'acme', period, 2));
    expect(sizes).toEqual([2, 2, 2]);
    expect(rows.map((r) => r.ticket)).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5', 'T-6']);
    expect(rows[0]).toMatchObject({
      organization: 'initech',
      requester: 'r2',
      team: 'billing',
      policy: 'std',
      metric: 'first_response',
      outcome: 'achieved',
      startedAt: MON,
      stoppedAt: MON + H / 2,
      targetSeconds: 3600,
    });
    const globex = await all(slaLogPages(db, 'acme', { ...period, organization: 'globex' }));
    expect(globex.rows.map((r) => r.ticket)).toEqual(['T-3', 'T-4', 'T-6']);
    const running = await all(slaLogPages(db, 'acme', { ...period, outcome: 'running' }));
    expect(running.rows).toHaveLength(5);
    const before = await all(slaLogPages(db, 'acme', { from: MON, to: MON + 1 }));
    expect(before.rows).toHaveLength(5);
  });

  it('writes CSV with a header and JSON as one array, with overdue or remaining seconds', async () => {
    const { db } = handle();
    await seedTenant(db, 'beta');
    // A-1 answered after 30 min; A-2 left open, breached at 10:00 and evaluated at 10:30.
    const reply = {
      id: 'r',
      ticket: 'A-1',
      type: 'message',
      at: '2026-11-23T14:30:00Z',
      author: 'agent',
      public: true,
    };
    const events = [
      created('A-1', MON, { organization: 'Acme, "Inc"' }),
      reply,
      created('A-2', MON),
    ];
    await ingest(db, 'beta', events, MON + 1.5 * H);
    const pages = () => slaLogPages(db, 'beta', { from: MON, to: MON + H });
    const csv = await text(slaLogText(pages(), 'csv'));
    expect(csv.split('\r\n')).toEqual([
      SLA_LOG_CSV_HEADER.trimEnd(),
      'A-1,"Acme, ""Inc""",,billing,,high,std,,first_response,1,3600,2026-11-23T14:00:00Z,,2026-11-23T14:30:00Z,,achieved,,1800',
      'A-2,,,billing,,high,std,,first_response,1,3600,2026-11-23T14:00:00Z,2026-11-23T15:00:00Z,,2026-11-23T15:00:00Z,breached,1800,',
      '',
    ]);
    const json = JSON.parse(await text(slaLogText(pages(), 'json')));
    expect(json.map((r: { ticket: string }) => r.ticket)).toEqual(['A-1', 'A-2']);
    expect(json[1]).toMatchObject({ outcome: 'breached', overdueSeconds: 1800 });
    expect(
      JSON.parse(await text(slaLogText(slaLogPages(db, 'none', { from: 0, to: 1 }), 'json'))),
    ).toEqual([]);
  });
});
