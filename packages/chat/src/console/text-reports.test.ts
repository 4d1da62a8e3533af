import type { ReportRow } from '@breachless/core';
import { describe, expect, it } from 'vitest';
import type { SlaQueries } from '../run/queries.js';
import { runCommand } from '../run/run-command.js';
import type { CycleItem } from '../views/types.js';
import { renderText } from './text-view.js';

const NOW = Date.parse('2026-12-15T12:00:00Z');
const ctx = { zone: 'UTC', now: NOW, canManage: async () => ({ ok: true as const }) };
const item = (n: number): CycleItem => ({
  ticket: `INC${n}`,
  metric: 'first_response',
  cycle: 1,
  team: `Group ${n}`,
  agent: null,
  priority: 'normal',
  at: NOW - n * 60_000,
});
const row = (team: string | null): ReportRow => ({
  group: { team },
  metric: 'first_response',
  achieved: 1,
  breached: 0,
  compliancePct: 100,
  achievedSeconds: { p50: 60 } as ReportRow['achievedSeconds'],
  breachedSeconds: { p50: null } as ReportRow['breachedSeconds'],
});

/**
 * Queries answering `breached` with `total` breaches and `stats` with `teams`, in that order
 * (no ticket resolved: no first contact line).
 */
function queries(total: number, teams: (string | null)[] = []): SlaQueries {
  const items = Array.from({ length: total }, (_, i) => item(i + 1));
  return {
    breached: async (o) => ({ items: items.slice(0, o.limit), total }),
    stats: async () => teams.map(row),
    firstContact: async () => [],
  } as Partial<SlaQueries> as SlaQueries;
}

describe('lists on a terminal', () => {
  it('`breached today` shows its title, the column header, a screenful and how many more', async () => {
    const view = await runCommand(
      { name: 'breached', period: { kind: 'today' } } as never,
      ctx,
      queries(170),
    );
    const lines = renderText(view).split('\n');
    expect(lines[0]).toBe('Breached: Today (15 Dec)');
    expect(lines[1]).toMatch(/^ticket +metric +priority +team +when$/);
    expect(lines.slice(2, -1)).toHaveLength(20);
    expect(lines.at(-1)).toBe('and 150 more');
  });

  it('a list that fits says nothing more', async () => {
    const view = await runCommand(
      { name: 'breached', period: { kind: 'today' } } as never,
      ctx,
      queries(3),
    );
    expect(renderText(view).split('\n')).toHaveLength(5);
  });

  it('teams are ordered as people count them, the tickets without one last', async () => {
    const view = await runCommand(
      { name: 'stats', period: { kind: 'days', days: 7 }, by: 'team' } as never,
      ctx,
      queries(0, ['Group 29', null, 'Group 3', 'Group 10', 'group 2']),
    );
    const teams = renderText(view)
      .split('\n')
      .slice(2)
      .map((l) => l.split('  ')[0]);
    expect(teams).toEqual(['group 2', 'Group 3', 'Group 10', 'Group 29', '(none)']);
  });
});
