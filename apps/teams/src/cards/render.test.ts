import type { AlertView, ChatView } from '@breachless/chat';
import { sampleAlert } from '@breachless/chat/testing';
import { describe, expect, it } from 'vitest';
import { cardProblems } from '../../test/validate-card.js';
import { render } from './render.js';

const NOW = Date.parse('2026-11-25T15:00:00Z');
const alert: AlertView = sampleAlert(NOW, {
  subject: 'Refund [pay here](https://evil.example) **now** <at>boss</at>',
  assignee: { name: 'Ana', user: 'aad-ana' },
  late: true,
  note: 'Acknowledged by [x](y)',
});
const views: ChatView[] = [
  alert,
  {
    ...alert,
    state: { kind: 'breached' },
    breachedAt: NOW - 60_000,
    url: 'javascript:alert(1)',
    assignee: null,
  },
  { ...alert, state: { kind: 'achieved' } },
  { kind: 'notice', tone: 'error', text: '"x" is not a command', usage: 'sla stats [period]' },
  {
    kind: 'stats',
    period: 'Today',
    from: NOW,
    to: NOW,
    zone: 'UTC',
    by: 'team',
    filters: ['team:billing'],
    lines: Array.from({ length: 60 }, (_, i) => ({
      group: `team-${i}`,
      metric: 'first_response',
      achieved: 3,
      breached: 1,
      compliancePct: 75,
      achievedP50: 600,
    })),
  },
  {
    kind: 'stats',
    period: 'Today',
    from: NOW,
    to: NOW,
    zone: 'UTC',
    by: null,
    filters: [],
    lines: [],
  },
  {
    kind: 'at-risk',
    title: 'Due within 2h',
    items: [
      {
        ticket: 'T-9',
        metric: 'resolution',
        cycle: 1,
        team: 'billing',
        agent: null,
        priority: 'high',
        at: NOW,
      },
    ],
    total: 1,
    now: NOW,
    zone: 'UTC',
  },
  { kind: 'breached', title: 'Breached', items: [], total: 0, now: NOW, zone: 'UTC' },
  {
    kind: 'ticket',
    ticket: 'T-1',
    policy: 'std',
    now: NOW,
    zone: 'UTC',
    cycles: [
      {
        metric: 'first_response',
        cycle: 1,
        status: 'breached',
        startedAt: NOW,
        stoppedAt: null,
        dueAt: null,
        breachedAt: NOW,
        targetSeconds: 3600,
        elapsedSeconds: 4000,
        timeline: [{ at: NOW, kind: 'start', detail: 'ticket.created' }],
      },
    ],
  },
  {
    kind: 'subscriptions',
    items: [
      {
        id: 's1',
        kind: 'alerts',
        description: 'team:billing',
        failed: 2,
        lastError: 'transient: HTTP 502',
      },
    ],
  },
];

describe('Teams cards', () => {
  it('are checked by a validator that does find problems', () => {
    const base = { type: 'AdaptiveCard', version: '1.5' };
    expect(cardProblems({ ...base, body: [{ type: 'Bogus' }] })).not.toEqual([]);
    expect(
      cardProblems({ ...base, body: [], actions: [{ type: 'Action.OpenUrl', title: 'x' }] }),
    ).not.toEqual([]);
  });

  it.each(views.map((v, i) => [`${v.kind} #${i}`, v] as const))(
    '%s validates as Adaptive Card 1.5',
    (_, view) => {
      expect(cardProblems(render(view))).toEqual([]);
    },
  );

  it('shows user text as typed: no forged link, emphasis or mention', () => {
    const json = JSON.stringify(render(alert));
    expect(json).toContain(
      '"type":"TextRun","text":"T-1 Refund [pay here](https://evil.example) **now** <at>boss</at>"',
    );
    expect(json).toContain('Acknowledged by \\\\[x\\\\](y)');
    expect(json).not.toContain('<at>boss</at>"}]'); // only our own mention entity names someone
    const entities = (render(alert) as { msteams?: { entities?: { mentioned: { id: string } }[] } })
      .msteams?.entities;
    expect(entities?.map((e) => e.mentioned.id)).toEqual(['aad-ana']);
  });

  it('drops a link that is not http(s), and the buttons of a settled alert', () => {
    const breached = JSON.stringify(render(views[1] as ChatView));
    expect(breached).not.toContain('javascript:');
    expect(breached).not.toContain('Action.Execute');
    expect(JSON.stringify(render(alert))).toContain('"verb":"ack"');
  });

  it('cuts a long table and says so', () => {
    const json = JSON.stringify(render(views[4] as ChatView));
    expect(json).toContain('Showing 40 of 60.');
  });
});
