import type { Failure, FakeSlack } from '@breachless/chat/testing';
import type { PrivatePostgres } from '@breachless/db/private-postgres';
import type { Fault } from './chaos.js';
import { sleep } from './load.js';
import { type Service, waitHealthy } from './services.js';

interface Targets {
  readonly services: { worker1: Service; worker2: Service; slack: Service };
  /** The Slack app's health probe, to wait for after its restart. */
  readonly slackHealth: string;
  readonly pg: PrivatePostgres;
  readonly slack: FakeSlack;
}

/** A worker killed without warning, started again 15 s later (as a supervisor would). */
const killWorker = (worker: Service) => async () => {
  await worker.kill();
  await sleep(15_000);
  worker.start();
};

/** The fake Slack failing every call with `failure` for `ms`: an outage. */
const slackDown = (slack: FakeSlack, failure: Failure, ms: number) => async () => {
  slack.fail('*', failure, Number.POSITIVE_INFINITY);
  await sleep(ms);
  slack.recover();
};

/**
 * The Slack app SIGKILLed between Slack's accept of a message and its own record of it,
 * started again 5 s later: what it had claimed waits for the claim's lease (10 minutes) and
 * the message in flight is sent again (at-least-once).
 */
const killSlackMidSend = (slack: FakeSlack, app: Service, health: string) => async () => {
  await slack.killDuringNextPost(() => app.killNow());
  await app.kill();
  await sleep(5_000);
  slack.restarting();
  app.start();
  await waitHealthy(health);
};

/**
 * The faults of a run, spread over it: the Slack app SIGKILLed mid-send early (so that the
 * 10-minute lease of what it held runs out about when a 10-minute load ends, not long
 * after), each worker SIGKILLed once, PostgreSQL stopped the way a crash stops it and back
 * after 5 s, Slack rate limiting every call for 30 s and
 * failing every call with 500 for 30 s.
 */
export function faults({ services, pg, slack, slackHealth }: Targets): Fault[] {
  return [
    {
      at: 0.05,
      name: 'SIGKILL the Slack app mid-send (back after 5 s)',
      inject: killSlackMidSend(slack, services.slack, slackHealth),
    },
    { at: 0.15, name: 'SIGKILL worker-1 (back after 15 s)', inject: killWorker(services.worker1) },
    { at: 0.3, name: 'PostgreSQL stopped -m immediate, down 5 s', inject: () => pg.restart(5_000) },
    {
      at: 0.45,
      name: 'Slack answers 429 (Retry-After 2) for 30 s',
      inject: slackDown(slack, { status: 429, retryAfter: 2 }, 30_000),
    },
    {
      at: 0.6,
      name: 'Slack answers 500 for 30 s',
      inject: slackDown(slack, { status: 500 }, 30_000),
    },
    { at: 0.75, name: 'SIGKILL worker-2 (back after 15 s)', inject: killWorker(services.worker2) },
    {
      at: 0.85,
      name: 'PostgreSQL stopped -m immediate, down 5 s',
      inject: () => pg.restart(5_000),
    },
  ];
}
