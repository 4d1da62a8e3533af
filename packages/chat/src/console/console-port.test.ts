import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAlert } from '../testing/sample-alert.js';
import type { AlertView, DigestView, StatsView } from '../views/types.js';
import { consolePort } from './console-port.js';
import { renderText } from './text-view.js';

const NOW = Date.parse('2026-11-25T15:00:00Z');
const alert: AlertView = sampleAlert(NOW, {
  ticket: 'INC42',
  subject: 'Printer on fire',
  url: null,
  priority: 'urgent',
  team: 'Group 7',
  assignee: { name: 'Resolver 3' },
});
// A 1x1 PNG.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('consolePort', () => {
  it('labels every message as console chat and names the message updates and replies belong to', async () => {
    let out = '';
    const port = consolePort({ write: (t) => (out += t) });
    const ref = await port.send('#support', alert);
    await port.update(ref, { ...alert, state: { kind: 'breached' }, breachedAt: NOW - 60_000 });
    const reply = await port.replyInThread(ref, {
      ...alert,
      state: { kind: 'breached' },
      breachedAt: NOW - 60_000,
    });
    await port.update(ref, { ...alert, state: { kind: 'achieved' } });
    port.flush();
    expect(ref).toEqual({ conversation: '#support', id: '1' });
    expect(reply).toEqual({ conversation: '#support', id: '2' });
    expect(out.split('\n')).toEqual([
      '[console chat #support #1] ⚠ INC42: First response due in 15m',
      '      "Printer on fire", priority urgent, team Group 7, assignee Resolver 3',
      '[console chat #support #1 updated, #2 in its thread] ✖ INC42: First response breached 1m ago',
      '[console chat #support #1 updated] ✔ INC42: First response achieved',
      '',
    ]);
  });

  it('prints nothing for an update, or its thread reply, that leaves the message saying the same', async () => {
    let out = '';
    const port = consolePort({ write: (t) => (out += t) });
    const ref = await port.send('#support', alert);
    // A second warning level noticed in the same round as the first: the same words.
    await port.update(ref, alert);
    await port.replyInThread(ref, alert);
    port.flush();
    const next = await port.send('#support', { ...alert, ticket: 'INC43' });
    expect(out.split('\n').filter((l) => l.startsWith('['))).toEqual([
      '[console chat #support #1] ⚠ INC42: First response due in 15m',
      '[console chat #support #2] ⚠ INC43: First response due in 15m',
    ]);
    expect(next.id).toBe('2');
  });

  it('prints an update held back when something else is printed first', async () => {
    let out = '';
    const port = consolePort({ write: (t) => (out += t) });
    const ref = await port.send('#support', alert);
    await port.update(ref, { ...alert, state: { kind: 'cancelled' } });
    await port.send('#support', { ...alert, ticket: 'INC43' });
    expect(out.split('\n').filter((l) => l.startsWith('['))).toEqual([
      '[console chat #support #1] ⚠ INC42: First response due in 15m',
      '[console chat #support #1 updated] · INC42: First response no longer measured',
      '[console chat #support #2] ⚠ INC43: First response due in 15m',
    ]);
  });

  it("saves a digest's chart as a PNG file and says where", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-port-'));
    let out = '';
    const digest: DigestView = {
      kind: 'digest',
      title: 'Daily SLA digest',
      period: 'Tue 24 Nov',
      team: null,
      goalPct: 95,
      metrics: [
        { metric: 'first_response', achieved: 19, breached: 1, compliancePct: 95, previousPct: 90 },
        { metric: 'resolution', achieved: 8, breached: 2, compliancePct: 80, previousPct: null },
      ],
      worst: [],
      atRisk: [],
      atRiskTotal: 3,
      late: true,
      chart: { png: PNG, alt: 'chart' },
      now: NOW,
      zone: 'UTC',
    };
    await consolePort({ write: (t) => (out += t), chartDir: dir }).send('#support', digest);
    const path = join(dir, 'digest-2026-11-25.png');
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
    expect(out).toContain('Daily SLA digest, Tue 24 Nov (sent late): goal 95%');
    expect(out).toMatch(/first response +95% \(▲ 5 pts\) +on goal +19 achieved, 1 breached/);
    expect(out).toMatch(/resolution +80% +BELOW GOAL/);
    expect(out).toContain(`Chart (14 days): ${path}`);
  });
});

describe('renderText', () => {
  it('lays a stats report out as a table, with the group column only when grouped by something else than metric', () => {
    const stats: StatsView = {
      kind: 'stats',
      period: 'Last 7 days',
      from: NOW - 7 * 86_400_000,
      to: NOW,
      zone: 'UTC',
      by: 'team',
      filters: ['priority:urgent'],
      lines: [
        {
          group: 'billing',
          metric: 'first_response',
          achieved: 9,
          breached: 1,
          compliancePct: 90,
          achievedP50: 1500,
        },
      ],
    };
    expect(renderText(stats).split('\n')).toEqual([
      'SLA compliance, Last 7 days (priority:urgent)',
      'team     metric          achieved  breached  compliance  median',
      'billing  first response  9         1         90%         25m',
    ]);
    expect(renderText({ ...stats, by: 'metric' }).split('\n')[1]).toMatch(/^metric +achieved/);
    expect(renderText({ kind: 'notice', tone: 'error', text: 'no', usage: '/sla help' })).toBe(
      '✖ no\nUsage: /sla help',
    );
  });
});
