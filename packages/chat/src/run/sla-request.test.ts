import { describe, expect, it } from 'vitest';
import type { SlaQueries } from './queries.js';
import { SLA_APOLOGY, slaRequest } from './sla-request.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const asker = { zone: 'UTC', now: NOW, canManage: async () => ({ ok: true }) as const };

/** Queries that record what was asked and answer nothing: the store is not under test here. */
function recording() {
  const asked: string[] = [];
  const nothing = async () => {
    throw new Error('not asked in these tests');
  };
  const queries: SlaQueries = {
    stats: async () => [],
    firstContact: async () => [],
    atRisk: async (o) => {
      asked.push(`atRisk ${(o.to - o.from) / 60_000}m ${o.team ?? '-'}`);
      return [];
    },
    breached: async () => ({ items: [], total: 0 }),
    ticket: async (id) => {
      asked.push(`ticket ${id}`);
      return null;
    },
    subscribe: nothing,
    unsubscribe: nothing,
    subscriptions: nothing,
    link: nothing,
    linkedAgent: nothing,
    myTeam: nothing,
  };
  return { queries, asked };
}

describe('slaRequest', () => {
  it('answers a mistake at once with what was wrong and the usage of the command meant, in the platform’s prefix', async () => {
    const { queries, asked } = recording();
    for (const prefix of ['/sla', 'sla', 'breachless'] as const) {
      const request = slaRequest('at-risk within:soon', prefix);
      expect(request.parsed.ok).toBe(false);
      expect(request.immediate).toMatchObject({
        kind: 'notice',
        tone: 'error',
        usage: `${prefix} at-risk [within:2h] [team:X]`,
      });
      expect(await request.answer(asker, queries)).toBe(request.immediate);
    }
    expect(asked).toEqual([]);
  });

  it('answers an unknown command with every usage line, and help the same way in the platform’s prefix', () => {
    const unknown = slaRequest('explode', 'sla').immediate;
    expect(unknown?.text).toBe('"explode" is not a command');
    expect(unknown?.usage?.split('\n').every((line) => line.startsWith('sla '))).toBe(true);
    const help = slaRequest('help', 'breachless').immediate;
    expect(help).toMatchObject({ kind: 'notice', tone: 'info' });
    expect(help?.text.split('\n')[1]).toMatch(/^breachless stats /);
    expect(slaRequest('', '/sla').immediate?.tone).toBe('info');
  });

  it('runs a command against the scoped queries, as the asker, only when answered', async () => {
    const { queries, asked } = recording();
    const request = slaRequest('at-risk within:2h team:billing', '/sla');
    expect(request.immediate).toBeNull();
    expect(request.visible).toBe(false);
    expect(asked).toEqual([]);
    const view = await request.answer(asker, queries);
    expect(asked).toEqual(['atRisk 120m billing']);
    expect(view).toMatchObject({ kind: 'at-risk', title: 'Due within 2h for billing', now: NOW });
    expect(await slaRequest('ticket T-9', 'sla').answer(asker, queries)).toEqual({
      kind: 'notice',
      tone: 'error',
      text: 'No events name ticket T-9.',
    });
  });

  it('is for the whole channel only when stats asks to be public', () => {
    expect(slaRequest('stats 7d public', '/sla').visible).toBe(true);
    expect(slaRequest('stats 7d', '/sla').visible).toBe(false);
    expect(slaRequest('breached today', '/sla').visible).toBe(false);
  });

  it('lets a failure of our own through, for the platform to apologise', async () => {
    const { queries } = recording();
    const failing: SlaQueries = {
      ...queries,
      atRisk: async () => {
        throw new Error('database away');
      },
    };
    await expect(slaRequest('at-risk', '/sla').answer(asker, failing)).rejects.toThrow(
      'database away',
    );
    expect(SLA_APOLOGY).toMatch(/could not answer just now/);
  });
});
