import { latestSlot } from '@breachless/chat';
import {
  type Database,
  digestRunExists,
  digestSubscriptions,
  errorSummary,
  queueDigest,
} from '@breachless/db';
import type { Logger } from 'pino';
import { buildDigest } from './digest-view.js';
import { buildStatementDigest } from './statement-digest.js';

/**
 * Queues every digest whose latest slot has come and has no run yet: at its local time on its
 * days, once per subscription and period whatever the number of workers (the run's key is
 * claimed with the outbox write), and after downtime only the latest missed one, marked late.
 * Periods before the subscription existed are never sent. A digest that fails to build is
 * logged and tried again at the next tick.
 * @returns how many this call queued
 */
export async function runDigests(db: Database, now: number, logger: Logger): Promise<number> {
  let queued = 0;
  for (const s of await digestSubscriptions(db)) {
    try {
      const slot = latestSlot(s.schedule, now);
      // A period that ended before the subscription existed was never this channel's news.
      if (slot.to <= s.createdAt) continue;
      if (await digestRunExists(db, s.tenant, s.id, slot.key)) continue;
      const organization = s.organization ?? null;
      const view =
        organization === null
          ? await buildDigest(db, s, slot, now)
          : await buildStatementDigest(db, { ...s, organization }, slot, now);
      if (
        await queueDigest(db, {
          subscription: s,
          period: slot.key,
          at: slot.at,
          late: view.late,
          payload: { view },
          now,
        })
      )
        queued++;
    } catch (error) {
      logger.error(
        { error: errorSummary(error), tenant: s.tenant, subscription: s.id },
        'digest failed; retrying at the next tick',
      );
    }
  }
  return queued;
}
