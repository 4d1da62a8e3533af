import { openDatabase, schema } from '@breachless/db';
import { createScratchDatabase } from '@breachless/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './harness.js';

const BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// The demo's last round, a week after the harness's real "now" (2026-11-25T18:00:00Z).
const SIMULATED = '2026-12-02T10:24:00.000Z';
let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  scratch = await createScratchDatabase(BASE);
  env = { DATABASE_URL: scratch.url };
  expect((await cli(['migrate'], env)).code).toBe(0);
  const handle = await openDatabase({ databaseUrl: scratch.url });
  // What a running demo saves after each round.
  await handle.db.insert(schema.simulatedClocks).values({
    tenantId: 'demo',
    simAt: new Date(SIMULATED),
    shiftMs: 0,
    updatedAt: new Date(),
  });
  await handle.close();
});
afterAll(() => scratch?.drop());

describe('the /sla reports beside a demo (a tenant on simulated time)', () => {
  it("answer at the demo's instant and say so", async () => {
    const stats = await cli(['stats', '7d', '--tenant', 'demo'], env);
    expect(stats.code).toBe(0);
    expect(stats.stdout.split('\n')[0]).toBe('SLA compliance, Last 7 days (26 Nov to 2 Dec)');
    expect(stats.stderr).toContain(
      `Tenant demo runs on simulated time (the demo): answering at ${SIMULATED}`,
    );
  });

  it('answer on the real clock for a tenant on real time, or at the instant --at names', async () => {
    const real = await cli(['stats', '7d', '--tenant', 'default'], env);
    expect(real.stdout.split('\n')[0]).toBe('SLA compliance, Last 7 days (19 Nov to 25 Nov)');
    expect(real.stderr).toBe('');
    const at = await cli(['stats', '7d', '--tenant', 'demo', '--at', '2026-11-25T18:00:00Z'], env);
    expect(at.stdout.split('\n')[0]).toBe('SLA compliance, Last 7 days (19 Nov to 25 Nov)');
    expect(at.stderr).toBe('');
  });
});
