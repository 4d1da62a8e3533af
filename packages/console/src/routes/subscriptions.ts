import { tenantSubscriptions } from '@breachless/db';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ConsoleDeps, ConsoleEnv } from '../context.js';
import { page } from '../html-page.js';

/**
 * `GET /t/:tenant/subscriptions`: every channel's subscriptions, as `/sla subscriptions`
 * shows one channel's, with the deliveries to the channel that gave up and the latest error.
 */
export function subscriptionRoutes(deps: ConsoleDeps) {
  return new Hono<ConsoleEnv>().get('/', async (c) => {
    const session = c.get('session');
    const subs = await tenantSubscriptions(deps.db, session.tenant);
    const body =
      subs.length === 0
        ? html`<p>No channel is subscribed yet: <code>/sla subscribe</code> in a channel adds one.</p>`
        : html`<table><thead><tr><th scope="col">Id</th><th scope="col">Platform</th><th scope="col">Channel</th><th scope="col">Kind</th><th scope="col">Filters</th><th scope="col">By</th><th scope="col" class="num">Failed deliveries</th><th scope="col">Latest error</th></tr></thead>
<tbody>${subs.map(
            (
              s,
            ) => html`<tr><td>${s.id}</td><td>${s.platform}</td><td>${s.channel}</td><td>${s.kind}</td>
<td>${
              Object.entries(s.filters)
                .map(([k, v]) => `${k}:${String(v)}`)
                .join(' ') || 'all'
            }</td><td>${s.createdBy}</td>
<td class="num">${s.failed}</td><td>${s.lastError ?? '—'}</td></tr>`,
          )}</tbody></table>`;
    return c.html(page('Subscriptions', session, body, 'subscriptions'));
  });
}
