import { EngineCache } from '@breachless/db';
import { describeEachDriver, seedTenant } from '@breachless/db/testing';
import { CloudAdapter, TestAdapter } from 'botbuilder';
import { pino } from 'pino';
import { beforeAll, expect, it } from 'vitest';
import type { TeamsDeps } from '../src/deps.js';
import { onTurn } from '../src/turns.js';
import { readable, T0 } from './harness.js';

describeEachDriver('Teams conversation flow (TestAdapter)', (handle) => {
  let deps: TeamsDeps;
  beforeAll(async () => {
    await seedTenant(handle().db);
    deps = {
      db: handle().db,
      engines: new EngineCache(),
      adapter: new CloudAdapter(),
      appId: '',
      multiTenant: false,
      clock: () => T0,
      logger: pino({ level: 'silent' }),
      managers: new Set(),
    };
  });

  it('answers help, a bad command and a query, turn after turn', async () => {
    const adapter = new TestAdapter((context) => onTurn(context, deps));
    await adapter
      .send('sla help')
      .assertReply((a) => expect(readable(a)).toContain('sla ticket ID'))
      .send('sla at-risk within:soon')
      .assertReply((a) => expect(readable(a)).toContain('"soon" is not a duration like 30m or 2h'))
      .send('breached today')
      .assertReply((a) => expect(readable(a)).toContain('No breach in this period.'))
      .startTest();
  });
});
