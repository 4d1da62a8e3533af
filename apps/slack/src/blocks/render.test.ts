import type { AlertView, CycleListView, StatsView } from '@breachless/chat';
import { sampleAlert } from '@breachless/chat/testing';
import { describe, expect, it } from 'vitest';
import { readCycleBlockId } from './alert.js';
import { LIMITS } from './limits.js';
import { render } from './render.js';

const NOW = Date.parse('2026-11-25T15:00:00Z');

/** Every text a block holds, with where it sits, to check against Slack's limits. */
function texts(blocks: unknown[]): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  for (const b of blocks as Record<string, unknown>[]) {
    const text = (b.text as { text?: string } | undefined)?.text;
    if (text !== undefined) out.push({ kind: String(b.type), text });
    for (const f of (b.fields as { text: string }[] | undefined) ?? [])
      out.push({ kind: 'field', text: f.text });
  }
  return out;
}

function withinLimits(blocks: unknown[], maxBlocks: number = LIMITS.messageBlocks) {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const t of texts(blocks)) {
    const max =
      t.kind === 'header'
        ? LIMITS.headerText
        : t.kind === 'field'
          ? LIMITS.fieldText
          : LIMITS.sectionText;
    expect(t.text.length).toBeLessThanOrEqual(max);
  }
}

const alert = (over: Partial<AlertView> = {}): AlertView =>
  sampleAlert(NOW, { assignee: { name: 'ana@example.com', user: 'UANA' }, ...over });

describe('Slack rendering', () => {
  it('escapes what a ticket or an agent name could inject', () => {
    const { blocks, text } = render(
      alert({
        subject: '<!channel> pay <https://evil.example|here> & now',
        assignee: { name: '<@U999> boss' },
        url: 'javascript:alert(1)',
      }),
    );
    const json = JSON.stringify(blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U999>');
    expect(json).toContain('&lt;!channel&gt; pay &lt;https://evil.example|here&gt; &amp; now');
    expect(json).not.toContain('javascript:');
    // The fallback text phones show is mrkdwn as well: escaped, it shows as typed.
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt; pay');
    withinLimits(blocks);
  });

  it('cuts a very long subject and keeps the cycle in the buttons block id', () => {
    const { blocks } = render(
      alert({ subject: 'x'.repeat(10_000), ticket: 'T-'.padEnd(300, '9') }),
    );
    withinLimits(blocks);
    const actions = blocks.find((b) => b.type === 'actions') as { block_id: string } | undefined;
    expect(actions?.block_id.length).toBeLessThanOrEqual(LIMITS.blockId);
    expect(
      readCycleBlockId(render(alert()).blocks.find((b) => b.type === 'actions')?.block_id),
    ).toEqual({
      ticket: 'T-1',
      metric: 'first_response',
      cycle: 1,
    });
  });

  it('escapes the fallback text of every view, where a typed argument could mention a channel', () => {
    const notice = render({ kind: 'notice', tone: 'error', text: 'No ticket <!channel> & co' });
    expect(notice.text).toBe('No ticket &lt;!channel&gt; &amp; co');
  });

  it('says which cycle and level an alert announces in its message metadata', () => {
    const warning = render(alert());
    const breach = render(alert({ state: { kind: 'breached' }, breachedAt: NOW }));
    expect(warning.metadata).toEqual({
      event_type: 'breachless_sla_alert',
      event_payload: {
        ticket: 'T-1',
        metric: 'first_response',
        cycle: 1,
        state: 'warning',
        level: '75%',
      },
    });
    expect(breach.metadata?.event_payload).toMatchObject({ state: 'breached', level: 'breach' });
    expect(
      render(alert({ state: { kind: 'achieved' } })).metadata?.event_payload,
    ).not.toHaveProperty('level');
  });

  it('shows the first 50 of a long list within the limits, saying how many it left out', () => {
    const items = Array.from({ length: 2_000 }, (_, i) => ({
      ticket: `T-${i}`,
      metric: 'resolution',
      cycle: 1,
      team: 'billing'.repeat(20),
      agent: 'someone@example.com',
      priority: 'urgent',
      at: NOW + i * 60_000,
    }));
    const view: CycleListView = {
      kind: 'at-risk',
      title: 'Due within 2d',
      items: items.slice(0, 200),
      total: 2_000,
      now: NOW,
      zone: 'UTC',
    };
    const { blocks } = render(view);
    withinLimits(blocks);
    const last = JSON.stringify(blocks.at(-1));
    const shown = Number(/Showing (\d+) of 2000/.exec(last)?.[1]);
    expect(shown).toBe(50);
    expect(JSON.stringify(blocks)).toContain(`*T-${shown - 1}*`);
    expect(JSON.stringify(blocks)).not.toContain(`*T-${shown}*`);
  });

  it('keeps a stats table of many groups within the limits', () => {
    const view: StatsView = {
      kind: 'stats',
      period: 'Last 30 days',
      from: NOW - 30 * 86_400_000,
      to: NOW,
      zone: 'UTC',
      by: 'agent',
      filters: [],
      lines: Array.from({ length: 3_000 }, (_, i) => ({
        group: `agent-${i}@example.com`,
        metric: 'first_response',
        achieved: i,
        breached: 1,
        compliancePct: 99.5,
        achievedP50: 600,
      })),
    };
    const { blocks } = render(view);
    withinLimits(blocks);
    expect(JSON.stringify(blocks.at(-1))).toMatch(/Showing \d+ of 3001/);
  });
});
