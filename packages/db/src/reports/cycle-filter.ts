import { eq, type SQL } from 'drizzle-orm';
import { cycles } from '../schema/index.js';

/** Only the cycles of one team, priority or agent (the chat commands' `team:X`). */
export interface CycleFilter {
  readonly team?: string | undefined;
  readonly priority?: string | undefined;
  readonly agent?: string | undefined;
}

/** The conditions of a filter on the cycles table. */
export function filterClauses(filter: CycleFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.team !== undefined) where.push(eq(cycles.team, filter.team));
  if (filter.priority !== undefined) where.push(eq(cycles.priority, filter.priority));
  if (filter.agent !== undefined) where.push(eq(cycles.agent, filter.agent));
  return where;
}
