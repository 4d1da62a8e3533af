import type { SlaQueries } from '@breachless/chat';
import { firstContactRows } from '../first-contact/index.js';
import { loadEvents } from '../ingest/index.js';
import { teamOfAgent } from '../outbox/index.js';
import { atRiskCycles, breachedCycles, complianceRows } from '../reports/index.js';
import type { DigestSchedule, SubscriptionFilters } from '../schema/index.js';
import type { Database } from '../storage/index.js';
import { connectionHealth } from '../sync/index.js';
import type { EngineCache } from '../tenants/index.js';
import { agentOf, linkIdentity } from './identities.js';
import { addSubscription, channelSubscriptions, removeSubscription } from './subscriptions.js';

/**
 * A digest's schedule as the chat commands hand it over.
 * @throws RangeError when `every`, `time` or `zone` is missing or `every` is not a schedule
 */
function digestSchedule(s: Readonly<Record<string, string>>): DigestSchedule {
  const { every, time, zone, goal } = s;
  if ((every !== 'daily' && every !== 'weekdays' && every !== 'weekly') || !time || !zone)
    throw new RangeError(`not a digest schedule: ${JSON.stringify(s)}`);
  return { every, time, zone, ...(goal === undefined ? {} : { goal }) };
}

/** A subscription's filters as the commands show them: each value as text. */
const words = (filters: SubscriptionFilters): Record<string, string> =>
  Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]));

/** Whose commands these are: one tenant, chat platform, channel and user. */
export interface ChatScope {
  readonly tenant: string;
  readonly platform: string;
  readonly channel: string;
  readonly user: string;
}

const item = (
  c: {
    ticket: string;
    metric: string;
    cycle: number;
    team: string | null;
    agent: string | null;
    priority: string | null;
  },
  at: number,
) => ({
  ticket: c.ticket,
  metric: c.metric,
  cycle: c.cycle,
  team: c.team,
  agent: c.agent,
  priority: c.priority,
  at,
});

/**
 * The `/sla` commands' reads and writes over the database, scoped to one channel and user:
 * the `SlaQueries` of @breachless/chat, which the chat apps and the CLI give `slaRequest`'s answer.
 */
export function chatQueries(db: Database, engines: EngineCache, scope: ChatScope) {
  const { tenant, platform, channel, user } = scope;
  return {
    // The question's shape is the port's own: declared once, in chat's SlaQueries.
    stats: (o: Parameters<SlaQueries['stats']>[0]) =>
      complianceRows(
        db,
        tenant,
        { from: o.from, to: o.to, by: o.by, timezone: o.zone },
        { team: o.team, priority: o.priority, agent: o.agent },
        o.now,
      ),
    firstContact: (o: Parameters<SlaQueries['firstContact']>[0]) =>
      firstContactRows(
        db,
        tenant,
        { from: o.from, to: o.to, by: o.by, timezone: o.zone },
        { team: o.team, priority: o.priority, agent: o.agent },
      ),
    atRisk: async (o: {
      from: number;
      to: number;
      team?: string | undefined;
      agent?: string | undefined;
      limit: number;
    }) => (await atRiskCycles(db, tenant, o)).map((c) => item(c, c.dueAt)),
    breached: async (o: { from: number; to: number; team?: string | undefined; limit: number }) => {
      const { items, total } = await breachedCycles(db, tenant, o);
      return { items: items.map((c) => item(c, c.breachedAt)), total };
    },
    ticket: async (id: string, now: number) =>
      (await engines.engineFor(db, tenant)).explain(id, await loadEvents(db, tenant, [id]), now) ??
      null,
    subscribe: (
      kind: 'alerts' | 'digest',
      filters: Record<string, string>,
      schedule?: Record<string, string>,
    ) =>
      addSubscription(db, tenant, {
        platform,
        channel,
        kind,
        filters,
        ...(schedule ? { schedule: digestSchedule(schedule) } : {}),
        createdBy: user,
      }),
    unsubscribe: (id: string) => removeSubscription(db, tenant, { platform, channel, id }),
    subscriptions: async () =>
      (await channelSubscriptions(db, tenant, platform, channel)).map((s) => ({
        ...s,
        filters: words(s.filters),
      })),
    link: (agent: string) => linkIdentity(db, tenant, { platform, user, agent }),
    linkedAgent: () => agentOf(db, tenant, platform, user),
    myTeam: async () => {
      const agent = await agentOf(db, tenant, platform, user);
      return agent ? teamOfAgent(db, tenant, agent) : null;
    },
    connections: async (now: number) =>
      (await connectionHealth(db, now, tenant)).map((h) => ({
        platform: h.platform,
        state: h.state,
        lastSuccessAt: h.lastSuccessAt,
        lagSeconds: h.lagSeconds,
        repaired: h.repaired,
        lastError: h.lastError,
      })),
  } satisfies SlaQueries;
}
