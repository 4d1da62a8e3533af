// Test support for the console's browser suite: the API and the console on one real port
// over the suite's database, a clock the test moves, and Debian's Chromium driven by
// playwright-core (no browser download).

import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createToken, type Database, EngineCache, TicketCache } from '@breachless/db';
import { createApp } from '@breachless/http';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { createConsole, withConsole } from '../src/index.js';

/** Where Debian's package puts Chromium (`.ci/run` installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/** The API and console serving one database on a free port, with the clock `clock.now`. */
export async function startServer(db: Database, clock: { now: number }) {
  const engines = new EngineCache();
  const logger = pino({ level: 'silent' });
  const api = createApp({
    db,
    engines,
    tickets: new TicketCache(),
    clock: () => clock.now,
    logger,
    registry: new Registry(),
    maxBodyBytes: 1_000_000,
  });
  const web = createConsole({
    db,
    engines,
    clock: () => clock.now,
    sessionClock: () => clock.now,
    logger,
    livePollMs: 100,
  });
  const server = serve({ fetch: withConsole(api, web), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((ready) => server.once('listening', ready));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    /** Posts events through the API as the tenant, as a helpdesk would. */
    async postEvents(tenant: string, events: object[]) {
      const res = await fetch(`${base}/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await createToken(db, tenant)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(events),
      });
      if (res.status !== 202) throw new Error(`events refused: ${await res.text()}`);
    },
    /** GETs an API route as the tenant: the JSON body. */
    async apiJson(tenant: string, path: string): Promise<unknown> {
      const res = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${await createToken(db, tenant)}` },
      });
      if (res.status !== 200)
        throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    close: () =>
      new Promise<void>((closed) => {
        (server as Server).closeAllConnections();
        server.close(() => closed());
      }),
  };
}

/** One Chromium for the whole file: launched once, a fresh context per signed-in user. */
export function launchChromium(): Promise<Browser> {
  // As root (containers, CI), Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The serious and critical accessibility violations axe-core finds on the page. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  // Evaluated as text in the page: axe-core's own global, not this file's types.
  const found = (await page.evaluate(
    'axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))',
  )) as { id: string; impact: string; nodes: number }[];
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

/**
 * Saves a screenshot of the page as `<name>.png` in the folder `CONSOLE_SCREENSHOTS` names
 * (docs/console.md shows them); without it, nothing is written.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.CONSOLE_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}
