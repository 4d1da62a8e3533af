// Test support for the API suites: the real app over a real database, a clock the test moves,
// and requests signed with a token of the tenant they name.
import { createToken, type DatabaseHandle, EngineCache, TicketCache } from '@breachless/db';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { expect } from 'vitest';
import { createApp } from '../src/app.js';
import type { AppDeps } from '../src/context.js';

/** The app under test with its clock and one token per tenant, created on first use. */
export interface Harness {
  /** UTC milliseconds the app reads as now. */
  now: number;
  /** The app, with any dependency replaced (a tiny request timeout, say). */
  app(overrides?: Partial<AppDeps>): ReturnType<typeof createApp>;
  /** The tenant's bearer token: `bl_<id>_<secret>`. */
  token(tenant: string): Promise<string>;
  /** A request as the tenant. */
  request(tenant: string, path: string, init?: RequestInit): Promise<Response>;
  /** GET as the tenant; the status and the JSON body. */
  getJson(tenant: string, path: string): Promise<{ status: number; body: unknown }>;
  /** POST events as the tenant, expecting them accepted. */
  postEvents(tenant: string, events: readonly object[]): Promise<void>;
}

/** A harness over the suite's database; `start` is the clock's first reading. */
export function harness(handle: () => DatabaseHandle, start: number): Harness {
  const engines = new EngineCache();
  const tickets = new TicketCache();
  const tokens = new Map<string, Promise<string>>();
  const h: Harness = {
    now: start,
    app: (overrides = {}) =>
      createApp({
        db: handle().db,
        engines,
        tickets,
        clock: () => h.now,
        logger: pino({ level: 'silent' }),
        registry: new Registry(),
        maxBodyBytes: 200_000,
        ...overrides,
      }),
    token(tenant) {
      let token = tokens.get(tenant);
      if (!token) {
        token = createToken(handle().db, tenant);
        tokens.set(tenant, token);
      }
      return token;
    },
    async request(tenant, path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await h.token(tenant)}`);
      return h.app().request(path, { ...init, headers });
    },
    async getJson(tenant, path) {
      const res = await h.request(tenant, path);
      return { status: res.status, body: await res.json() };
    },
    async postEvents(tenant, events) {
      // The events route takes at most 1,000 events a request.
      for (let i = 0; i < events.length; i += 1000) {
        const res = await h.request(tenant, '/v1/events', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(events.slice(i, i + 1000)),
        });
        expect(res.status, await res.clone().text()).toBe(202);
      }
    },
  };
  return h;
}
