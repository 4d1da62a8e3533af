import type { HomeView } from '../views/types.js';
import type { CommandContext, SlaQueries } from './queries.js';
import { stats } from './run-command.js';

/** How far ahead the home tab looks for my tickets at risk. */
const WINDOW_MS = 24 * 3_600_000;

/**
 * The reader's home: the linked agent's cycles due in the next 24 hours, and today's
 * compliance of their team (of everyone when they are not linked or have no team yet).
 */
export async function homeView(ctx: CommandContext, q: SlaQueries): Promise<HomeView> {
  const agent = await q.linkedAgent();
  const team = agent ? await q.myTeam() : null;
  const items = agent
    ? await q.atRisk({ from: ctx.now, to: ctx.now + WINDOW_MS, agent, limit: 50 })
    : [];
  const today = await stats(
    { name: 'stats', period: { kind: 'today' }, public: false, ...(team ? { team } : {}) },
    ctx,
    q,
  );
  return {
    kind: 'home',
    agent,
    atRisk: {
      kind: 'at-risk',
      title: 'My tickets due in the next 24h',
      items,
      total: items.length,
      now: ctx.now,
      zone: ctx.zone,
    },
    today,
  };
}
