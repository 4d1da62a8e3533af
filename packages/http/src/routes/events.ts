import { aheadProblem, type Problem, parseEvents, type TicketEvent } from '@breachless/core';
import { type Database, engineOrFailure, IngestGroup, IngestPhases } from '@breachless/db';
import { Hono } from 'hono';
import { limitBody } from '../body-limit.js';
import { readValues } from '../body-values.js';
import type { AppDeps, AppEnv } from '../context.js';
import { HttpError } from '../errors.js';
import { readText } from '../request-body.js';

const MAX_EVENTS = 1000;

/**
 * Events dated more than a day (`LIMITS.maxAheadMs`) after the server's clock, as problems by
 * index and field: stored, such an event would stay invisible until then, while a helpdesk's
 * clock running a little fast is no error.
 */
export function aheadProblems(events: readonly TicketEvent[], now: number): Problem[] {
  return events.flatMap((event, index) => {
    const message = aheadProblem(event.at, now);
    return message ? [{ path: `[${index}]: at`, message }] : [];
  });
}

/**
 * The app's group commit of ingest, shared by the events route and the helpdesk webhooks:
 * requests arriving while this process's ingest transactions are busy are stored together by
 * the next one, each answered once its events are committed. A stored config this version
 * refuses does not refuse the events: they are stored and their tickets quarantined until a
 * valid config is put. The engine is checked against the config version each transaction
 * reads under its locks.
 */
export function ingestGroup(deps: AppDeps): IngestGroup {
  const engineOf = (tenant: string, db: Database, version: number) =>
    engineOrFailure(db, deps.engines, tenant, version);
  return new IngestGroup(deps.db, engineOf, deps.tickets ? { cache: deps.tickets } : {});
}

/**
 * `POST /v1/events`: all-or-nothing; 202 {accepted, duplicates, quarantined} or 400 with every
 * problem. `quarantined` names the tickets whose events were stored but whose recompute failed:
 * set aside with the error (`GET /v1/quarantine`) until their next event or config change.
 * Stored through `group`, the app's group commit.
 */
export function eventRoutes(deps: AppDeps, group: IngestGroup) {
  return new Hono<AppEnv>().post('/', limitBody(deps.maxBodyBytes), async (c) => {
    // From the app taking the request to here: the token check and reading the body.
    const arrived = performance.now() - (c.get('began') ?? performance.now());
    const phases = new IngestPhases();
    const text = await readText(c.req);
    const values = readValues(text, c.req.header('content-type'), 'events', MAX_EVENTS);
    const events = parseEvents(values);
    const now = deps.clock();
    const ahead = aheadProblems(events, now);
    if (ahead.length > 0) throw new HttpError(400, 'invalid events', ahead);
    const tenant = c.get('tenant');
    const foreign = events.findIndex((e) => e.tenant !== undefined && e.tenant !== tenant);
    if (foreign >= 0) throw new HttpError(403, `event [${foreign}] names another tenant`);
    phases.mark('parse');
    const result = await group.ingest(tenant, events, now, phases);
    const quarantined = result.quarantined.map((f) => f.ticket);
    // Where the request's milliseconds went, for whoever measures (the ingest benchmark).
    c.header('server-timing', `arrive;dur=${arrived.toFixed(2)}, ${phases.header()}`);
    return c.json({ accepted: result.accepted, duplicates: result.duplicates, quarantined }, 202);
  });
}
