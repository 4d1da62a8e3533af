import { openDatabase, schema } from '@breachless/db';
import { created, describeEachDriver, ingest, seedTenant } from '@breachless/db/testing';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { beforeAll, expect, it } from 'vitest';
import { runDigests } from '../src/digests.js';

const silent = pino({ level: 'silent' });
const DAY = 86_400_000;
const MON = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const reply = (ticket: string, at: number) => ({
  id: `${ticket}-r`,
  ticket,
  type: 'message',
  at: new Date(at).toISOString(),
  author: 'agent',
  public: true,
});

describeEachDriver('digests', (handle, url) => {
  beforeAll(async () => {
    const { db } = handle();
    await seedTenant(db);
    // Monday: one reply in 30 minutes, one breach; Tuesday: two replies in time.
    await ingest(
      db,
      'default',
      [
        created('M-1', MON),
        reply('M-1', MON + 30 * 60_000),
        created('M-2', MON),
        created('T-1', MON + DAY),
        reply('T-1', MON + DAY + 600_000),
        created('T-2', MON + DAY),
        reply('T-2', MON + DAY + 1_200_000),
      ],
      MON + 2 * DAY,
    );
    await db.insert(schema.chatSubscriptions).values({
      tenantId: 'default',
      id: 'sdaily',
      platform: 'slack',
      channel: 'CLEADS',
      kind: 'digest',
      filters: {},
      schedule: { every: 'daily', time: '09:00', zone: 'America/New_York', goal: '90' },
      createdBy: 'UADMIN',
      createdAt: new Date(MON - DAY),
    });
  });

  const queued = async () => {
    const rows = await handle()
      .db.select()
      .from(schema.notifications)
      .where(eq(schema.notifications.kind, 'digest'));
    return rows.map((n) => ({
      level: n.level,
      late: n.late,
      view: 'view' in n.payload ? n.payload.view : undefined,
    }));
  };

  it('queues one digest per period even when two workers run at once', async () => {
    const wed = MON + 2 * DAY + 60_000; // Wednesday 09:01: Tuesday's digest is due
    const other = url() ? await openDatabase({ databaseUrl: url() }) : undefined;
    const counts = await Promise.all([
      runDigests(handle().db, wed, silent),
      runDigests(other?.db ?? handle().db, wed, silent),
    ]);
    await other?.close();
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await runDigests(handle().db, wed + 3_600_000, silent)).toBe(0);
    const [digest] = await queued();
    expect(digest?.level).toBe('2026-11-25');
    expect(digest?.late).toBe(false);
    const view = digest?.view;
    expect(view?.period).toBe('Tue 24 Nov');
    expect(view?.goalPct).toBe(90);
    expect(
      view?.metrics.map((m) => [m.metric, m.achieved, m.breached, m.compliancePct, m.previousPct]),
    ).toEqual([['first_response', 2, 0, 100, 50]]);
    expect(view?.chart?.alt).toContain('first response');
    const png = Buffer.from(view?.chart?.png ?? '', 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([720, 360]);
    const deliveries = await handle()
      .db.select()
      .from(schema.deliveries)
      .where(eq(schema.deliveries.destination, 'slack:channel:CLEADS'));
    expect(deliveries.map((d) => d.state)).toEqual(['pending']);
  });

  it('after downtime sends only the latest missed digest, marked late, and nothing before subscribing', async () => {
    // Down from Wednesday 09:01 to Friday 13:00: Thursday's is skipped, Friday's goes late.
    expect(await runDigests(handle().db, MON + 4 * DAY + 4 * 3_600_000, silent)).toBe(1);
    const all = await queued();
    expect(all.map((d) => [d.level, d.late])).toEqual([
      ['2026-11-25', false],
      ['2026-11-27', true],
    ]);
    const friday = MON + 4 * DAY + 4 * 3_600_000;
    await handle()
      .db.insert(schema.chatSubscriptions)
      .values({
        tenantId: 'default',
        id: 'snew',
        platform: 'slack',
        channel: 'CNEW',
        kind: 'digest',
        filters: {},
        schedule: { every: 'daily', time: '09:00', zone: 'UTC' },
        createdBy: 'UADMIN',
        createdAt: new Date(friday),
      });
    // Its latest slot (09:00 UTC today) came before it was created: nothing is sent.
    expect(await runDigests(handle().db, friday + 60_000, silent)).toBe(0);
  });

  it('never sends the digest of a day that ended before the subscription existed', async () => {
    const saturday = Date.parse('2026-11-28T00:30:00Z');
    await handle()
      .db.insert(schema.chatSubscriptions)
      .values({
        tenantId: 'default',
        id: 'snight',
        platform: 'slack',
        channel: 'CNIGHT',
        kind: 'digest',
        filters: {},
        schedule: { every: 'daily', time: '09:00', zone: 'UTC' },
        createdBy: 'UADMIN',
        createdAt: new Date(saturday),
      });
    const sent = async () =>
      (
        await handle()
          .db.select()
          .from(schema.deliveries)
          .where(eq(schema.deliveries.destination, 'slack:channel:CNIGHT'))
      ).length;
    // Saturday 09:00 is after subscribing, but its digest is Friday's: nothing to send.
    await runDigests(handle().db, saturday + 9 * 3_600_000, silent);
    expect(await sent()).toBe(0);
    // Sunday's covers Saturday, which it was subscribed for most of.
    await runDigests(handle().db, saturday + DAY + 9 * 3_600_000, silent);
    expect(await sent()).toBe(1);
  });
});
